//! Level meters per output, with the solo, mute and gain host parameters of each numbered output:
//! a compact strip under the code with the main output and the outputs the playing program
//! defines.

use super::host::{EditorHost, EngineReading, OutputControls, MAX_METERED_OUTPUTS};
use egui::{Color32, Rect, Sense, Vec2};
use nice_plug::context::gui::GuiContext;
use nice_plug::prelude::Param;
use phonon_engine::lang::ast::{Slot, StatementKind};

/// Bottom of the meter scale, dB.
const FLOOR_DB: f32 = -60.0;
/// How fast the display falls after a peak, dB per second.
const FALL_DB_PER_S: f32 = 24.0;
/// How long the peak-hold line stays, seconds.
const HOLD_S: f64 = 1.5;

pub fn to_db(level: f32) -> f32 {
    if level > 0.0 {
        (20.0 * level.log10()).max(FLOOR_DB)
    } else {
        FLOOR_DB
    }
}

/// Meter ballistics: the engine reports block peaks; the display jumps up and falls slowly.
#[derive(Clone)]
pub struct Meters {
    /// Displayed level per output, dB.
    level: [f32; MAX_METERED_OUTPUTS + 1],
    hold: [(f32, f64); MAX_METERED_OUTPUTS + 1],
    last: Option<f64>,
}

impl Default for Meters {
    fn default() -> Self {
        Meters {
            level: [FLOOR_DB; MAX_METERED_OUTPUTS + 1],
            hold: [(FLOOR_DB, 0.0); MAX_METERED_OUTPUTS + 1],
            last: None,
        }
    }
}

impl Meters {
    /// Feed a reading taken at time `now` (seconds).
    pub fn update(&mut self, r: &EngineReading, now: f64) {
        let dt = self.last.map_or(0.0, |t| (now - t).max(0.0)) as f32;
        self.last = Some(now);
        for k in 0..=MAX_METERED_OUTPUTS {
            let db = to_db(r.peaks[k]);
            let fallen = self.level[k] - FALL_DB_PER_S * dt;
            self.level[k] = db.max(fallen).max(FLOOR_DB);
            let (h, t) = self.hold[k];
            if db >= h || now - t > HOLD_S {
                self.hold[k] = (db, now);
            }
        }
    }

    pub fn level_db(&self, k: usize) -> f32 {
        self.level[k]
    }

    fn draw(&self, ui: &mut egui::Ui, k: usize, nan: bool, size: Vec2) -> egui::Response {
        let (rect, resp) = ui.allocate_exact_size(size, Sense::hover());
        let p = ui.painter_at(rect);
        p.rect_filled(rect, 2.0, Color32::from_rgb(22, 24, 28));
        let frac = |db: f32| ((db - FLOOR_DB) / -FLOOR_DB).clamp(0.0, 1.0);
        let level = frac(self.level[k]);
        let end = rect.left() + rect.width() * level;
        let color = if nan {
            Color32::from_rgb(200, 40, 200)
        } else if self.level[k] > -1.0 {
            Color32::from_rgb(240, 70, 60)
        } else if self.level[k] > -9.0 {
            Color32::from_rgb(230, 200, 60)
        } else {
            Color32::from_rgb(70, 200, 110)
        };
        // Horizontal: level grows to the right, so eight outputs fit in a row or two.
        p.rect_filled(Rect::from_min_max(rect.left_top(), egui::pos2(end, rect.bottom() - 1.0)), 1.0, color);
        let hold = rect.left() + rect.width() * frac(self.hold[k].0);
        if self.hold[k].0 > FLOOR_DB {
            p.vline(hold, rect.y_range(), (1.0, Color32::from_gray(220)));
        }
        for db in [-6.0, -18.0, -36.0] {
            let x = rect.left() + rect.width() * frac(db);
            p.vline(x, rect.y_range(), (1.0, Color32::from_black_alpha(120)));
        }
        resp
    }
}

/// The numbered outputs the program defines (`outN:`, `dN`) that have a port of their own,
/// in order. A program that does not parse shows none.
pub fn defined_outputs(program: &str, ports: usize) -> Vec<usize> {
    let Ok(p) = phonon_engine::lang::parse_program(program) else { return Vec::new() };
    let mut outs: Vec<usize> = p
        .statements
        .iter()
        .filter_map(|s| match &s.kind {
            StatementKind::Out(n, _) | StatementKind::Play(Slot::Num(n), _) => Some(*n as usize),
            _ => None,
        })
        .filter(|&n| n >= 1 && n <= ports.min(MAX_METERED_OUTPUTS))
        .collect();
    outs.sort_unstable();
    outs.dedup();
    outs
}

/// Set a host parameter the way the host expects from a GUI: begin, set, end.
pub fn set_param<P: Param>(gui: &GuiContext, param: &P, value: P::Plain) {
    let setter = gui.param_setter();
    setter.begin_set_parameter(param);
    setter.set_parameter(param, value);
    setter.end_set_parameter(param);
}

/// The strip of meters: the main output, then each output in `outputs` with its solo, mute and
/// gain, in rows that wrap. Returns whether a control was clicked.
pub fn show(
    ui: &mut egui::Ui,
    host: &dyn EditorHost,
    gui: Option<&GuiContext>,
    meters: &Meters,
    reading: &EngineReading,
    outputs: &[usize],
    zoom: f32,
) -> bool {
    let bar = Vec2::new(64.0, 8.0) * zoom;
    let mut clicked = false;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0 * zoom;
        ui.label(egui::RichText::new("main").monospace().small());
        meters
            .draw(ui, 0, reading.nan_outputs & 1 != 0, bar)
            .on_hover_text(format!("main output: {:.1} dB", meters.level_db(0)));
        for &k in outputs {
            ui.add_space(8.0 * zoom);
            ui.label(egui::RichText::new(format!("out{k}")).monospace().small());
            let nan = reading.nan_outputs & (1 << k) != 0;
            meters.draw(ui, k, nan, bar).on_hover_text(format!(
                "out{k}: {:.1} dB{}",
                meters.level_db(k),
                if nan { " (muted: NaN or infinity)" } else { "" }
            ));
            if let Some(p) = host.output_params(k) {
                clicked |= controls(ui, k, &p, gui, zoom);
            }
        }
    });
    clicked
}

fn controls(ui: &mut egui::Ui, k: usize, p: &OutputControls, gui: Option<&GuiContext>, zoom: f32) -> bool {
    let mut clicked = false;
    ui.add_enabled_ui(gui.is_some(), |ui| {
        ui.spacing_mut().button_padding = Vec2::new(3.0, 1.0) * zoom;
        let solo = p.solo.value();
        let b = egui::Button::new(egui::RichText::new("S").small()).selected(solo).fill(if solo {
            Color32::from_rgb(200, 170, 40)
        } else {
            Color32::from_gray(50)
        });
        if ui.add(b).on_hover_text(format!("Solo out{k}")).clicked() {
            if let Some(g) = gui {
                set_param(g, p.solo, !solo);
            }
            clicked = true;
        }
        let mute = p.mute.value();
        let b = egui::Button::new(egui::RichText::new("M").small()).selected(mute).fill(if mute {
            Color32::from_rgb(200, 70, 60)
        } else {
            Color32::from_gray(50)
        });
        if ui.add(b).on_hover_text(format!("Mute out{k}")).clicked() {
            if let Some(g) = gui {
                set_param(g, p.mute, !mute);
            }
            clicked = true;
        }
        let mut db = to_db(p.gain.value());
        let drag = egui::DragValue::new(&mut db).range(FLOOR_DB..=6.0).speed(0.2).max_decimals(1).suffix("");
        let r = ui
            .add_sized(Vec2::new(34.0, 16.0) * zoom, drag)
            .on_hover_text(format!("Gain of out{k}, dB (double-click to type)"));
        if let Some(g) = gui {
            let setter = g.param_setter();
            if r.drag_started() {
                setter.begin_set_parameter(p.gain);
            }
            if r.changed() {
                let gain = if db <= FLOOR_DB { 0.0 } else { 10f32.powf(db / 20.0) };
                if r.dragged() {
                    setter.set_parameter(p.gain, gain);
                } else {
                    set_param(g, p.gain, gain);
                }
            }
            if r.drag_stopped() {
                setter.end_set_parameter(p.gain);
            }
        }
    });
    clicked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meters_jump_up_and_fall_slowly() {
        let mut m = Meters::default();
        let mut r = EngineReading::default();
        r.peaks[1] = 1.0;
        m.update(&r, 0.0);
        assert!(m.level_db(1) > -0.1);
        r.peaks[1] = 0.0;
        m.update(&r, 0.5);
        let fallen = m.level_db(1);
        assert!((fallen - -12.0).abs() < 0.5, "{fallen}");
        m.update(&r, 10.0);
        assert_eq!(m.level_db(1), FLOOR_DB);
    }

    #[test]
    fn meters_follow_the_outputs_the_program_defines() {
        let p = "out1: sine 110\nd3 $ s \"bd\"\nout: sine 1\n-- out5: sine 2\nout9: sine 3\n";
        assert_eq!(defined_outputs(p, 8), vec![1, 3], "comments and outputs without a port have none");
        assert_eq!(defined_outputs(p, 0), Vec::<usize>::new(), "the stereo plugin: main only");
        assert!(defined_outputs("out1: (", 8).is_empty());
    }

    #[test]
    fn decibels() {
        assert_eq!(to_db(0.0), FLOOR_DB);
        assert!((to_db(0.5) - -6.02).abs() < 0.01);
    }
}
