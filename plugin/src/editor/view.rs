//! A view of what plays: a pianoroll of the current and next cycle of each output, and a scope
//! of one output.
//!
//! The pianoroll asks the playing program's patterns for their events (here, on the window's
//! thread; the audio thread is not involved): each output is a lane, each note a row (a
//! punchcard of sound names when the events have no pitch). The scope draws the recent
//! samples of the chosen output, which the audio thread keeps in a lock-free ring.

use super::theme::Palette;
use egui::{Color32, Pos2, Rect, Sense, Stroke, StrokeKind};
use phonon_engine::pattern::value::sym;
use phonon_engine::pattern::{Atom, Pattern, Value};
use phonon_engine::time::Rational;

/// Samples the scope shows (about 43 ms at 48 kHz).
pub const SCOPE_SAMPLES: usize = 2048;

/// One event in the pianoroll.
#[derive(Clone, Debug, PartialEq)]
pub struct RollEvent {
    /// Output of its lane (0 = main).
    pub output: usize,
    pub label: String,
    /// Its note, when it has one (the row is then by pitch).
    pub pitch: Option<f64>,
    /// Onset and end, in cycles.
    pub begin: f64,
    pub end: f64,
}

/// The events of `patterns` (each with the outputs it plays on) in the cycle holding `cycle`
/// and the next, per lane: the numbered outputs in `numbered`, and the main output when
/// something plays on it alone (not when it only sums the numbered ones) or when no numbered
/// output is shown.
pub fn roll_events(patterns: &[(u32, Pattern)], numbered: &[usize], cycle: f64) -> Vec<RollEvent> {
    let from = Rational::from_f64(cycle.max(0.0).floor());
    let to = from + Rational::int(2);
    let shown = numbered.iter().fold(0u32, |m, &k| m | 1 << k);
    let main_alone = patterns.iter().any(|(mask, _)| mask & 1 != 0 && mask & shown == 0);
    let mut lanes: Vec<usize> = main_alone.then_some(0).into_iter().chain(numbered.iter().copied()).collect();
    if lanes.is_empty() {
        // The stereo plugin: everything plays on the main output.
        lanes.push(0);
    }
    let mut out = Vec::new();
    for &k in &lanes {
        for (mask, pat) in patterns {
            if mask & (1 << k) == 0 {
                continue;
            }
            for h in pat.haps(from, to) {
                let Some(w) = h.whole.filter(|_| h.has_onset()) else { continue };
                let (label, pitch) = label_of(&h.value);
                out.push(RollEvent { output: k, label, pitch, begin: w.begin.to_f64(), end: w.end.to_f64() });
            }
        }
    }
    out.sort_by(|a, b| (a.output, a.begin).partial_cmp(&(b.output, b.begin)).unwrap_or(std::cmp::Ordering::Equal));
    out
}

/// What an event is called in its row, and its pitch if it has one.
fn label_of(v: &Value) -> (String, Option<f64>) {
    let num = |a: Atom| match a {
        Atom::Num(x) => Some(x),
        Atom::Sym(_) => None,
    };
    match v {
        Value::Num(x) => (format!("{x}"), Some(*x)),
        Value::Sym(s) => (s.name().to_string(), None),
        Value::Map(m) => {
            let sound = m.get(sym::S).map(|a| match a {
                Atom::Sym(s) => s.name().to_string(),
                Atom::Num(x) => format!("{x}"),
            });
            let pitch = m.get(sym::NOTE).and_then(num).or_else(|| m.get(sym::MIDINOTE).and_then(num).map(|x| x - 60.0));
            let n = m.get(sym::N).and_then(num);
            let label = match (&sound, pitch, n) {
                (_, Some(p), _) => format!("{p}"),
                (Some(s), None, Some(n)) => format!("{s}:{n}"),
                (Some(s), None, None) => s.clone(),
                (None, None, Some(n)) => format!("{n}"),
                (None, None, None) => "·".to_string(),
            };
            // A synth's `n` is its note.
            (label, pitch.or(if sound.is_none() { n } else { None }))
        }
        Value::List(_) => ("·".to_string(), None),
    }
}

/// Rows of a lane, top to bottom: pitches high to low when every event has one, else labels
/// in alphabetical order.
fn rows(events: &[&RollEvent]) -> Vec<String> {
    let mut rows: Vec<(Option<f64>, String)> = events.iter().map(|e| (e.pitch, e.label.clone())).collect();
    let pitched = rows.iter().all(|(p, _)| p.is_some());
    if pitched {
        rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
    } else {
        rows.sort_by(|a, b| a.1.cmp(&b.1));
    }
    let mut names: Vec<String> = rows.into_iter().map(|(_, l)| l).collect();
    names.dedup();
    names
}

fn lane_name(k: usize) -> String {
    if k == 0 {
        "out".to_string()
    } else {
        format!("out{k}")
    }
}

/// Draw the pianoroll of `events` (from [`roll_events`]) with the play position at `cycle`.
pub fn show_roll(ui: &mut egui::Ui, events: &[RollEvent], cycle: f64, palette: &Palette, zoom: f32) {
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, palette.code_bg);
    let mut lanes: Vec<usize> = events.iter().map(|e| e.output).collect();
    lanes.dedup();
    if lanes.is_empty() {
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "no events",
            egui::FontId::proportional(12.0 * zoom),
            palette.comment,
        );
        return;
    }
    let from = cycle.max(0.0).floor();
    let label_w = 44.0 * zoom;
    let roll = Rect::from_min_max(Pos2::new(rect.left() + label_w, rect.top()), rect.max);
    let x_of = |t: f64| roll.left() + ((t - from) / 2.0) as f32 * roll.width();
    let lane_h = rect.height() / lanes.len() as f32;
    let font = egui::FontId::monospace(10.0 * zoom);
    for (li, &k) in lanes.iter().enumerate() {
        let top = rect.top() + li as f32 * lane_h;
        let lane = Rect::from_min_size(Pos2::new(rect.left(), top), egui::vec2(rect.width(), lane_h));
        painter.text(
            lane.left_top() + egui::vec2(4.0, 2.0),
            egui::Align2::LEFT_TOP,
            lane_name(k),
            font.clone(),
            palette.text,
        );
        if li > 0 {
            painter.hline(rect.x_range(), top, Stroke::new(1.0, palette.line_number));
        }
        let mine: Vec<&RollEvent> = events.iter().filter(|e| e.output == k).collect();
        let names = rows(&mine);
        let row_h = ((lane_h - 4.0) / names.len().max(1) as f32).min(18.0 * zoom);
        for e in &mine {
            let row = names.iter().position(|n| *n == e.label).unwrap_or(0);
            let y = top + 2.0 + row as f32 * row_h;
            let r = Rect::from_min_max(
                Pos2::new(x_of(e.begin) + 1.0, y + 1.0),
                Pos2::new(x_of(e.end) - 1.0, y + row_h - 1.0),
            );
            let sounding = e.begin <= cycle && cycle < e.end;
            let fill = if sounding { palette.current_match_bg } else { palette.playing_bg };
            painter.rect_filled(r, 2.0, fill);
            if r.width() > 18.0 * zoom && row_h >= 9.0 * zoom {
                painter.text(
                    r.left_center() + egui::vec2(2.0, 0.0),
                    egui::Align2::LEFT_CENTER,
                    &e.label,
                    font.clone(),
                    palette.text,
                );
            }
        }
    }
    // The cycle boundary between now and next, and where the music is.
    painter.vline(x_of(from + 1.0), rect.y_range(), Stroke::new(1.0, palette.line_number));
    painter.vline(x_of(cycle), rect.y_range(), Stroke::new(2.0, palette.text));
    painter.rect_stroke(rect, 0.0, Stroke::new(1.0, palette.line_number), StrokeKind::Inside);
}

/// Draw `samples` (oldest first) as a trace, triggered on an upward zero crossing so a steady
/// tone stands still.
pub fn show_scope(ui: &mut egui::Ui, samples: &[f32], palette: &Palette) {
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, palette.code_bg);
    painter.hline(rect.x_range(), rect.center().y, Stroke::new(1.0, palette.line_number));
    let shown = samples.len() / 2;
    let start = (1..samples.len() - shown).find(|&i| samples[i - 1] < 0.0 && samples[i] >= 0.0).unwrap_or(0);
    let trace = &samples[start..start + shown];
    let points: Vec<Pos2> = trace
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let x = if x.is_finite() { x.clamp(-1.0, 1.0) } else { 0.0 };
            Pos2::new(
                rect.left() + i as f32 / (shown.max(2) - 1) as f32 * rect.width(),
                rect.center().y - x * rect.height() * 0.5,
            )
        })
        .collect();
    painter.add(egui::Shape::line(points, Stroke::new(1.5, Color32::from_rgb(110, 200, 255))));
    painter.rect_stroke(rect, 0.0, Stroke::new(1.0, palette.line_number), StrokeKind::Inside);
}

#[cfg(test)]
mod tests {
    use super::*;
    use phonon_engine::compile::{compile_pattern, CompileEnv};
    use phonon_engine::samples::Bank;
    use std::sync::Arc;

    fn pat(src: &str) -> Pattern {
        compile_pattern(src, &CompileEnv::new(Arc::new(Bank::builtin()))).unwrap()
    }

    #[test]
    fn the_roll_holds_this_cycle_and_the_next_per_output() {
        let pats = [(1 << 1, pat("s \"bd*4 [sn cp]\"")), (1 << 2, pat("note \"c e g\" # s \"superpiano\""))];
        let ev = roll_events(&pats, &[1, 2], 3.5);
        let drums: Vec<&str> = ev.iter().filter(|e| e.output == 1).map(|e| e.label.as_str()).collect();
        assert_eq!(drums, ["bd", "bd", "bd", "bd", "sn", "cp"].repeat(2));
        assert_eq!(ev[0].begin, 3.0);
        assert_eq!(ev.iter().filter(|e| e.output == 1).last().map(|e| e.end), Some(5.0));
        let notes: Vec<Option<f64>> = ev.iter().filter(|e| e.output == 2).map(|e| e.pitch).collect();
        assert_eq!(notes, [Some(0.0), Some(4.0), Some(7.0)].repeat(2));
        // Pitched lanes run high to low; unpitched ones by name.
        let mine: Vec<&RollEvent> = ev.iter().filter(|e| e.output == 2).collect();
        assert_eq!(rows(&mine), ["7", "4", "0"]);
        let mine: Vec<&RollEvent> = ev.iter().filter(|e| e.output == 1).collect();
        assert_eq!(rows(&mine), ["bd", "cp", "sn"]);
        // A main output that sums the numbered ones has no lane of its own; one with its own
        // pattern has.
        let summed = [(1 | 1 << 1, pat("s \"bd\"")), (1 | 1 << 2, pat("s \"sn\""))];
        assert!(roll_events(&summed, &[1, 2], 0.0).iter().all(|e| e.output != 0));
        let own = [(1, pat("s \"hh\"")), (1 << 1, pat("s \"bd\""))];
        let lanes: Vec<usize> = roll_events(&own, &[1], 0.0).iter().map(|e| e.output).collect();
        assert_eq!(lanes, [0, 0, 1, 1]);
        assert_eq!(roll_events(&own[..1], &[], 0.0).len(), 2, "the stereo plugin: the main lane");
        assert_eq!(roll_events(&summed, &[], 0.0).iter().filter(|e| e.output == 0).count(), 4);
    }
}
