//! The plugin window: the code editor a live coder performs in, the preset browser, meters with
//! each output's solo, mute and gain, tempo, cycle and load, and the sample folders.
//!
//! The window talks to the plugin only through [`EditorHost`].

mod code;
mod completion;
mod find;
mod highlight;
pub mod host;
mod keys;
mod meters;
mod presets;
mod samples;
mod settings;
#[cfg(test)]
mod tests;

pub use code::CODE_HINT;
pub use host::{EditorError, EditorHost, EditorSettings, EngineReading, OutputControls, SampleStatus};

use code::CodeView;
use keys::{HostKeys, KeyDedup, KeyForwardingHandle};
use nice_plug::context::gui::GuiContext;
use nice_plug::editor::{ParentWindowHandle, SpawnedEditor};
use nice_plug_egui::baseview::dpi::LogicalSize;
use nice_plug_egui::{create_egui_editor, EguiEditor, EguiEditorState, EguiNiceSettings, NiceEguiApp, RepaintNotifier};
use std::sync::Arc;
use std::time::Duration;

/// Meters and clock redraw this often while the window is open.
const DISPLAY_RATE: Duration = Duration::from_millis(33);
/// How long the code flashes after a successful evaluation, seconds.
const FLASH_S: f64 = 0.25;

/// Which side panel is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Presets,
    Samples,
    Settings,
}

/// The editor window's state.
pub struct App {
    host: Arc<dyn EditorHost>,
    gui: Option<GuiContext>,
    code: CodeView,
    settings: EditorSettings,
    panel: Option<Panel>,
    presets: presets::PresetBrowser,
    samples: samples::SamplePicker,
    meters: meters::Meters,
    reading: EngineReading,
    /// The text the plugin plays (the last evaluation that compiled).
    playing: String,
    /// When the text last changed (for evaluating after a pause).
    last_edit: Option<f64>,
    /// The text last evaluated, whether it compiled or not (a pause evaluates each text once).
    last_evaluated: String,
    flash_until: f64,
    host_keys: Option<Arc<HostKeys>>,
    dedup: KeyDedup,
    /// The host's restore count the text belongs to.
    restores: u64,
    /// Until when to look for the errors of a restored program (compiled in the background).
    restored_until: f64,
}

impl App {
    pub fn new(host: Arc<dyn EditorHost>) -> App {
        let settings = host.settings().sanitized();
        let text = host.program();
        let mut code = CodeView::new(text.clone(), settings.font_size);
        code.errors = host.last_errors();
        let restores = host.restores();
        App {
            host,
            gui: None,
            code,
            settings,
            panel: None,
            presets: Default::default(),
            samples: Default::default(),
            meters: Default::default(),
            reading: EngineReading::default(),
            last_evaluated: text.clone(),
            playing: text,
            last_edit: None,
            flash_until: 0.0,
            host_keys: None,
            dedup: KeyDedup::default(),
            restores,
            restored_until: 0.0,
        }
    }

    /// Show the program the host restored in place of what was in the window.
    fn follow_restores(&mut self, now: f64) {
        let restores = self.host.restores();
        if restores != self.restores {
            self.restores = restores;
            let text = self.host.program();
            self.code.replace(text.clone());
            self.playing = text.clone();
            self.last_evaluated = text;
            self.last_edit = None;
            self.restored_until = now + 5.0;
        }
        if now < self.restored_until && self.code.errors.is_empty() && self.code.text == self.playing {
            self.code.errors = self.host.last_errors();
        }
    }

    /// The host's parameter context (given when the window opens); without one the output
    /// controls are shown but disabled.
    pub fn set_gui_context(&mut self, gui: GuiContext) {
        self.gui = Some(gui);
    }

    pub fn text(&self) -> &str {
        &self.code.text
    }

    pub fn errors(&self) -> &[EditorError] {
        &self.code.errors
    }

    /// Evaluate the text; on failure the errors are shown and the playing program stays.
    pub fn evaluate(&mut self, now: f64) {
        let text = self.code.text.clone();
        match self.host.evaluate(&text) {
            Ok(()) => {
                self.code.errors.clear();
                self.playing = text.clone();
                self.flash_until = now + FLASH_S;
            }
            Err(errors) => self.code.errors = errors,
        }
        self.last_evaluated = text;
    }

    fn set_settings(&mut self, s: EditorSettings) {
        self.settings = s.sanitized();
        self.code.font_size = self.settings.font_size;
        self.host.set_settings(self.settings.clone());
    }

    /// Draw the whole window into `ui` (the plugin window and the headless tests share this).
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        if let Some(k) = &self.host_keys {
            k.apply(ui.ctx(), &mut self.dedup);
        }
        self.reading = self.host.reading();
        self.meters.update(&self.reading, now);
        self.follow_restores(now);

        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui, now));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if let Some(panel) = self.panel {
            egui::Panel::left("side").resizable(true).default_size(280.0).show(ui, |ui| match panel {
                Panel::Presets => {
                    if let Some(p) = self.presets.show(ui) {
                        self.code.replace(p.text.to_string());
                        self.last_edit = Some(now);
                    }
                }
                Panel::Samples => self.samples.show(ui, self.host.as_ref()),
                Panel::Settings => {
                    let mut s = self.settings.clone();
                    if settings::show(ui, &mut s) {
                        self.set_settings(s);
                    }
                }
            });
        }
        if self.settings.show_meters {
            egui::Panel::right("meters").resizable(false).show(ui, |ui| {
                ui.add_space(4.0);
                meters::show(ui, self.host.as_ref(), self.gui.as_ref(), &self.meters, &self.reading);
            });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.code.find.open {
                self.find_bar(ui);
            }
            let flashing = now < self.flash_until;
            if flashing {
                ui.ctx().request_repaint_after(Duration::from_secs_f64(self.flash_until - now));
                ui.painter().rect_filled(ui.max_rect(), 0.0, egui::Color32::from_rgba_unmultiplied(90, 160, 255, 24));
            }
            let r = self.code.show(ui);
            if r.changed {
                self.last_edit = Some(now);
            }
            if let Some(k) = &self.host_keys {
                k.set_editing(ui.ctx().egui_wants_keyboard_input());
            }
            if r.evaluate {
                self.evaluate(now);
            }
        });
        self.auto_evaluate(ui.ctx(), now);
        ui.ctx().request_repaint_after(DISPLAY_RATE);
    }

    fn auto_evaluate(&mut self, ctx: &egui::Context, now: f64) {
        if !self.settings.auto_evaluate || self.code.text == self.last_evaluated {
            return;
        }
        let Some(edit) = self.last_edit else { return };
        let due = edit + self.settings.auto_delay as f64;
        if now >= due {
            self.evaluate(now);
        } else {
            ctx.request_repaint_after(Duration::from_secs_f64(due - now));
        }
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, now: f64) {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Phonon").strong().size(16.0));
            ui.separator();
            if ui.button("Evaluate").on_hover_text("Ctrl+Enter").clicked() {
                self.evaluate(now);
            }
            let edited = self.code.text != self.playing;
            let (state, color, tip) = if !self.code.errors.is_empty() {
                ("error", highlight::ERROR, "The playing program is unchanged.")
            } else if edited {
                ("edited", egui::Color32::from_rgb(230, 190, 80), "Ctrl+Enter to play the edits.")
            } else {
                ("playing", egui::Color32::from_rgb(90, 210, 120), "The text is what plays.")
            };
            let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().circle_filled(dot.center(), 4.5, color);
            ui.label(egui::RichText::new(state).color(color)).on_hover_text(tip);
            ui.separator();
            self.clock(ui);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (panel, label) in
                    [(Panel::Settings, "Settings"), (Panel::Samples, "Samples"), (Panel::Presets, "Presets")]
                {
                    if ui.selectable_label(self.panel == Some(panel), label).clicked() {
                        self.panel = if self.panel == Some(panel) { None } else { Some(panel) };
                    }
                }
                let mut meters = self.settings.show_meters;
                if ui.selectable_label(meters, "Meters").clicked() {
                    meters = !meters;
                    let mut s = self.settings.clone();
                    s.show_meters = meters;
                    self.set_settings(s);
                }
            });
        });
    }

    /// Tempo, cycle and load.
    fn clock(&self, ui: &mut egui::Ui) {
        let r = &self.reading;
        let bpm = r.cps * 60.0 * r.bpc;
        ui.label(egui::RichText::new(format!("{bpm:.1} BPM")).monospace())
            .on_hover_text(format!("{:.4} cycles per second, {} beats per cycle", r.cps, r.bpc));
        let cycle = r.cycle.max(0.0);
        ui.label(egui::RichText::new(format!("cycle {}", cycle.floor() as i64)).monospace());
        let (rect, _) = ui.allocate_exact_size(egui::vec2(60.0, 8.0), egui::Sense::hover());
        let p = ui.painter_at(rect);
        p.rect_filled(rect, 2.0, egui::Color32::from_gray(40));
        let mut part = rect;
        part.set_width(rect.width() * cycle.fract() as f32);
        p.rect_filled(part, 2.0, egui::Color32::from_rgb(104, 170, 255));
        let cpu = match r.cpu {
            Some(c) if r.running => format!("CPU {:>3.0}%", c * 100.0),
            _ => "CPU   -".to_string(),
        };
        let hot = r.cpu.is_some_and(|c| c > 0.7);
        let text = egui::RichText::new(cpu).monospace();
        ui.label(if hot { text.color(highlight::ERROR) } else { text })
            .on_hover_text("Share of the real-time budget the last audio block used");
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        let mut jump = None;
        ui.horizontal_wrapped(|ui| {
            if let Some(c) = self.code.cursor {
                let (l, col) = code::line_col(&self.code.text, c);
                ui.label(egui::RichText::new(format!("Ln {l}, Col {col}")).monospace().small());
                ui.separator();
            }
            if self.code.errors.is_empty() {
                ui.label(
                    egui::RichText::new("Ctrl+Enter evaluates   Ctrl+F finds   hover a name for help").small().weak(),
                );
            }
        });
        for e in self.code.errors.iter().take(4) {
            let span = code::visible_span(&self.code.text, &e.span);
            let (line, col) = code::line_col(&self.code.text, span.start);
            let text = format!("line {line}, column {col}: {}", e.message.lines().next().unwrap_or(""));
            let r = ui.add(
                egui::Label::new(egui::RichText::new(text).monospace().small().color(highlight::ERROR))
                    .sense(egui::Sense::click()),
            );
            if r.on_hover_text("Click to go there").clicked() {
                jump = Some(span);
            }
        }
        if let Some(s) = jump {
            self.code.select(s);
        }
        for n in self.host.notices() {
            ui.label(egui::RichText::new(n).small().color(egui::Color32::from_rgb(240, 200, 90)));
        }
    }

    fn find_bar(&mut self, ui: &mut egui::Ui) {
        let matches = find::matches(&self.code.text, &self.code.find.query);
        let mut go = None;
        ui.horizontal(|ui| {
            ui.label("Find");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.code.find.query)
                    .id_salt("find field")
                    .hint_text("search")
                    .desired_width(220.0),
            );
            if std::mem::take(&mut self.code.find.focus_field) {
                field.request_focus();
            }
            if field.changed() {
                self.code.find.current = 0;
                go = Some(None);
            }
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if enter {
                go = Some(Some(!ui.input(|i| i.modifiers.shift)));
            }
            if ui.input(|i| i.key_pressed(egui::Key::F3)) {
                go = Some(Some(!ui.input(|i| i.modifiers.shift)));
            }
            if ui.button("Prev").on_hover_text("Previous (Shift+Enter)").clicked() {
                go = Some(Some(false));
            }
            if ui.button("Next").on_hover_text("Next (Enter, F3)").clicked() {
                go = Some(Some(true));
            }
            let n = matches.len();
            let at = if n == 0 { 0 } else { self.code.find.current.min(n - 1) + 1 };
            ui.label(egui::RichText::new(format!("{at} of {n}")).small());
            if ui.button("Close").on_hover_text("Close (Esc)").clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                self.code.find.close();
            }
        });
        // `Some(None)`: show the current match (the query changed); `Some(Some(forward))`: move.
        let m = match go {
            None => None,
            Some(None) => self.code.find.current(&self.code.text),
            Some(Some(forward)) => self.code.find.step(&self.code.text, forward),
        };
        if let Some(m) = m {
            self.code.select(m);
            // Keep typing in the find field.
            self.code.find.focus_field = true;
        }
    }

    fn attach_host_keys(&mut self, keys: Arc<HostKeys>) {
        self.host_keys = Some(keys);
    }
}

impl NiceEguiApp for App {
    fn build(
        &mut self,
        _egui_ctx: egui::Context,
        gui: GuiContext,
        _frame: &mut nice_plug_egui::Frame,
    ) -> Result<(), nice_plug_egui::baseview::HandlerError> {
        self.gui = Some(gui);
        Ok(())
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut nice_plug_egui::Frame) {
        nice_plug_egui::resizable_window::ResizableWindow::new("phonon window")
            .min_size(egui::vec2(EditorSettings::MIN_WINDOW.0 as f32, EditorSettings::MIN_WINDOW.1 as f32))
            .show(ui, |ui| self.draw(ui));
    }

    /// Remember the window size in the plugin state.
    fn resized(&mut self, size: nice_plug_egui::baseview::WindowSize) {
        let w = size.logical.width.round().max(1.0) as u32;
        let h = size.logical.height.round().max(1.0) as u32;
        if (w, h) != self.settings.window {
            let mut s = self.settings.clone();
            s.window = (w, h);
            self.set_settings(s);
        }
    }
}

/// The editor nice-plug opens: nice-plug-egui's, with keys from the host forwarded.
pub struct Editor {
    inner: EguiEditor<App>,
    keys: Arc<HostKeys>,
}

/// The editor for a plugin, sized as the user last left it.
pub fn create(host: Arc<dyn EditorHost>) -> Option<Editor> {
    let settings = host.settings().sanitized();
    let (w, h) = settings.window;
    let repaint = RepaintNotifier::new();
    let keys = HostKeys::new(repaint.clone());
    let mut app = App::new(host);
    app.attach_host_keys(keys.clone());
    let min = EditorSettings::MIN_WINDOW;
    let inner = create_egui_editor(
        EguiEditorState::from_size(LogicalSize::new(w as f64, h as f64), 1.0),
        repaint,
        EguiNiceSettings::new().with_tile("Phonon").with_resize_hint(
            nice_plug::prelude::ResizeHint::resizable()
                .with_min_logical_size(LogicalSize::new(min.0 as f32, min.1 as f32)),
        ),
        app,
    )?;
    Some(Editor { inner, keys })
}

impl nice_plug::prelude::Editor for Editor {
    type Handle = KeyForwardingHandle;

    fn spawn(
        &self,
        parent: Option<ParentWindowHandle>,
        wait_for_parent: bool,
        fallback_scale_factor: Option<f64>,
        gui_context: GuiContext,
        host: Option<nice_plug::editor::HostMethods>,
    ) -> Result<SpawnedEditor<Self::Handle>, Box<dyn std::error::Error>> {
        let s = self.inner.spawn(parent, wait_for_parent, fallback_scale_factor, gui_context, host)?;
        Ok(SpawnedEditor { handle: KeyForwardingHandle { inner: s.handle, keys: self.keys.clone() }, window: s.window })
    }

    fn size(&self) -> nice_plug::editor::dpi::NativeSize<u32> {
        self.inner.size()
    }

    fn resize_hint(&self) -> nice_plug::prelude::ResizeHint {
        self.inner.resize_hint()
    }

    fn track_info_updated(&self, info: nice_plug::plugin::TrackInfo) {
        self.inner.track_info_updated(info)
    }

    unsafe fn assume_standalone_in_process(&self) {
        // Safety: the same contract as the wrapped editor's.
        unsafe { self.inner.assume_standalone_in_process() }
    }
}
