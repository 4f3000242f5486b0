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
mod playing;
mod presets;
mod reference;
mod samples;
mod settings;
#[cfg(test)]
mod tests;
mod theme;
mod view;
mod zoom;

pub use code::CODE_HINT;
pub use host::{EditorError, EditorHost, EditorSettings, EngineReading, HostCommands, OutputControls, SampleStatus};

use code::CodeView;
use egui::{Key, KeyboardShortcut, Modifiers};
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
/// How long the panic switch stays on (the audio thread acts when it turns on).
const PANIC_HOLD_S: f64 = 0.25;

/// Toggle hush: every output fades to silence, and back. Ctrl+H too: the plugin window's
/// keyboard layer (egui-baseview 0.9) passes Ctrl with letters, digits and named keys only, so
/// Ctrl+. reaches the window only where the host forwards it.
pub const HUSH: [KeyboardShortcut; 2] =
    [KeyboardShortcut::new(Modifiers::COMMAND, Key::Period), KeyboardShortcut::new(Modifiers::COMMAND, Key::H)];
/// Panic: silence now, every tail and voice cleared (Ctrl+Shift+., or Ctrl+Alt+H).
pub const PANIC: [KeyboardShortcut; 2] = [
    KeyboardShortcut::new(Modifiers { shift: true, ..Modifiers::COMMAND }, Key::Period),
    KeyboardShortcut::new(Modifiers { alt: true, ..Modifiers::COMMAND }, Key::H),
];
/// Open or close the reference of functions and sounds.
pub const REFERENCE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
/// Show or hide the pianoroll of the current and next cycle. Ctrl with a lower-case letter:
/// the keys egui-baseview 0.9 passes to a plugin window (no function keys, no Ctrl+Shift
/// letters).
pub const ROLL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::R);
/// Show or hide the scope.
pub const SCOPE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
/// Show the scope on the next output (Ctrl+Alt+E).
pub const SCOPE_NEXT: KeyboardShortcut = KeyboardShortcut::new(Modifiers { alt: true, ..Modifiers::COMMAND }, Key::E);
/// Height the code keeps when the pianoroll or scope opens below it; with less room they
/// open beside it.
const CODE_MIN_HEIGHT: f32 = 400.0;
/// Largest share of the window's width a side panel may take from the code.
const SIDE_SHARE: f32 = 0.32;

/// Which side panel is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Reference,
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
    reference: reference::Reference,
    samples: samples::SamplePicker,
    meters: meters::Meters,
    reading: EngineReading,
    /// The text the plugin plays (the last evaluation that compiled).
    playing: String,
    /// The steps sounding now and the texts they were played from.
    steps: playing::Playing,
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
    /// Numbered outputs the playing program defines and the plugin has ports for.
    shown_outputs: Vec<usize>,
    /// The style egui started with, before zoom and theme.
    base_style: Option<egui::Style>,
    /// Zoom and theme the context's style was last made for.
    styled: Option<(f32, crate::state::Theme)>,
    /// When to turn the panic switch off again.
    panic_until: Option<f64>,
    /// The pianoroll and the scope are shown, and which output the scope shows (0 = main).
    roll_open: bool,
    scope_open: bool,
    scope_output: usize,
    /// The events the pianoroll showed last.
    roll: Vec<view::RollEvent>,
    scope_samples: Vec<f32>,
    /// Where to put the keyboard focus next frame (after a click, which takes the focus from
    /// every widget but the one clicked in its own frame).
    refocus: Option<Focus>,
}

/// A place for the keyboard focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Focus {
    Code,
    ReferenceSearch,
}

impl App {
    pub fn new(host: Arc<dyn EditorHost>) -> App {
        let settings = host.settings().sanitized();
        let text = host.program();
        let mut code = CodeView::new(text.clone(), settings.font_size, theme::Palette::of(settings.theme));
        code.zoom = settings.zoom;
        code.errors = host.last_errors();
        let restores = host.restores();
        let shown_outputs = meters::defined_outputs(&text, host.outputs());
        App {
            host,
            gui: None,
            code,
            settings,
            panel: None,
            presets: Default::default(),
            reference: Default::default(),
            samples: Default::default(),
            meters: Default::default(),
            reading: EngineReading::default(),
            last_evaluated: text.clone(),
            steps: {
                let mut s = playing::Playing::default();
                s.program(&text);
                s
            },
            playing: text,
            last_edit: None,
            flash_until: 0.0,
            host_keys: None,
            dedup: KeyDedup::default(),
            restores,
            restored_until: 0.0,
            shown_outputs,
            base_style: None,
            styled: None,
            panic_until: None,
            roll_open: false,
            scope_open: false,
            scope_output: 0,
            roll: Vec::new(),
            scope_samples: vec![0.0; view::SCOPE_SAMPLES],
            refocus: None,
        }
    }

    /// The program that plays now (its outputs get meters).
    fn set_playing(&mut self, text: String) {
        self.shown_outputs = meters::defined_outputs(&text, self.host.outputs());
        self.steps.program(&text);
        self.playing = text;
    }

    pub fn zoom(&self) -> f32 {
        self.settings.zoom
    }

    /// The numbered outputs with meters.
    pub fn shown_outputs(&self) -> &[usize] {
        &self.shown_outputs
    }

    /// Show the program the host restored in place of what was in the window.
    fn follow_restores(&mut self, now: f64) {
        let restores = self.host.restores();
        if restores != self.restores {
            self.restores = restores;
            let text = self.host.program();
            self.code.replace(text.clone());
            self.set_playing(text.clone());
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
                self.set_playing(text.clone());
                self.flash_until = now + FLASH_S;
            }
            Err(errors) => self.code.errors = errors,
        }
        self.last_evaluated = text;
    }

    fn set_settings(&mut self, s: EditorSettings) {
        self.settings = s.sanitized();
        self.code.font_size = self.settings.font_size;
        self.code.zoom = self.settings.zoom;
        self.code.palette = theme::Palette::of(self.settings.theme);
        self.host.set_settings(self.settings.clone());
    }

    /// Make the context's style match the zoom and theme (fonts, spacing, colours).
    fn apply_style(&mut self, ctx: &egui::Context) {
        let want = (self.settings.zoom, self.settings.theme);
        if self.styled == Some(want) {
            return;
        }
        // egui's own Ctrl+= zoom would resize the host's window; Phonon zooms inside it.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let base = self.base_style.get_or_insert_with(|| (*ctx.global_style()).clone());
        let mut style = zoom::scaled(base, want.0);
        theme::Palette::of(want.1).apply(&mut style.visuals);
        ctx.set_global_style(style);
        self.styled = Some(want);
        ctx.request_repaint();
    }

    /// Keys that work wherever the keyboard focus is: Escape closes the completion list or the
    /// find bar and always puts the focus back in the code; zoom; hush and panic. A key typed
    /// while nothing has the focus goes to the code instead of nowhere.
    fn global_keys(&mut self, ui: &mut egui::Ui, now: f64) {
        let zoom = self.settings.zoom;
        let (escape, hush, panic, new_zoom, typing, reference, views) = ui.input_mut(|i| {
            let escape = i.consume_key(Modifiers::NONE, Key::Escape);
            let reference = i.consume_shortcut(&REFERENCE);
            // The next output before the scope: its key is the scope's with one more modifier.
            let scope_next = i.consume_shortcut(&SCOPE_NEXT);
            let roll = i.consume_shortcut(&ROLL);
            let scope = i.consume_shortcut(&SCOPE);
            // Panic first: its keys are hush's with one more modifier.
            let panic = PANIC.iter().any(|k| i.consume_shortcut(k));
            let hush = HUSH.iter().any(|k| i.consume_shortcut(k));
            let new_zoom = zoom::keys(i, zoom);
            let typing = i.events.iter().any(|e| {
                matches!(e, egui::Event::Text(_) | egui::Event::Paste(_) | egui::Event::Key { pressed: true, .. })
            });
            (escape, hush, panic, new_zoom, typing, reference, (roll, scope, scope_next))
        });
        if reference {
            self.toggle_panel(Panel::Reference);
        }
        let (roll, scope, scope_next) = views;
        self.roll_open ^= roll;
        self.scope_open ^= scope;
        if scope_next {
            self.scope_open = true;
            self.next_scope_output();
        }
        match self.refocus.take() {
            Some(Focus::Code) => self.code.take_focus(),
            Some(Focus::ReferenceSearch) => self.reference.focus_field = true,
            None => {}
        }
        if escape {
            if self.code.completion.take().is_none() && self.code.find.open {
                self.close_find();
            }
            self.code.take_focus();
        }
        if typing && ui.memory(|m| m.focused().is_none()) {
            self.code.take_focus();
            // A Tab must not carry the focus on to the next widget.
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
        if let Some(z) = new_zoom {
            let mut s = self.settings.clone();
            s.zoom = z;
            self.set_settings(s);
        }
        if hush {
            self.toggle_hush();
        }
        if panic {
            self.panic(now);
        }
    }

    /// Open a side panel, or close it if it is open. The reference opens with its search
    /// field ready for typing; closing a panel gives the keys back to the code.
    fn toggle_panel(&mut self, panel: Panel) {
        if self.panel == Some(panel) {
            self.panel = None;
            self.refocus = Some(Focus::Code);
        } else {
            self.panel = Some(panel);
            self.reference.focus_field = panel == Panel::Reference;
        }
    }

    fn hushed(&self) -> bool {
        self.host.commands().is_some_and(|c| c.hush.value())
    }

    /// Hush on or off, through the host parameter (the host records it like its own control).
    fn toggle_hush(&mut self) {
        let (Some(c), Some(gui)) = (self.host.commands(), self.gui.as_ref()) else { return };
        meters::set_param(gui, c.hush, !c.hush.value());
    }

    fn panic(&mut self, now: f64) {
        let (Some(c), Some(gui)) = (self.host.commands(), self.gui.as_ref()) else { return };
        meters::set_param(gui, c.panic, true);
        self.panic_until = Some(now + PANIC_HOLD_S);
    }

    /// Turn the panic switch off once the audio thread has had time to see it on, so the next
    /// panic is a new switch-on.
    fn release_panic(&mut self, ctx: &egui::Context, now: f64) {
        let Some(until) = self.panic_until else { return };
        if now < until {
            ctx.request_repaint_after(Duration::from_secs_f64(until - now));
            return;
        }
        self.panic_until = None;
        if let (Some(c), Some(gui)) = (self.host.commands(), self.gui.as_ref()) {
            meters::set_param(gui, c.panic, false);
        }
    }

    /// Close the find bar; the cursor goes to the current match, nothing selected (so the
    /// next key typed never replaces the match).
    fn close_find(&mut self) {
        let m = self.code.find.current(&self.code.text);
        self.code.find.close();
        if let Some(m) = m {
            self.code.select(m.start..m.start);
        }
    }

    /// Draw the whole window into `ui` (the plugin window and the headless tests share this).
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        if let Some(k) = &self.host_keys {
            k.apply(ui.ctx(), &mut self.dedup);
        }
        self.global_keys(ui, now);
        self.apply_style(ui.ctx());
        self.release_panic(ui.ctx(), now);
        self.reading = self.host.reading();
        self.meters.update(&self.reading, now);
        self.follow_restores(now);
        self.light_steps(ui.ctx());
        let width = ui.max_rect().width();
        let z = self.settings.zoom;

        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui, now));
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.settings.show_meters {
            egui::Panel::bottom("meters").resizable(false).show(ui, |ui| {
                let clicked = meters::show(
                    ui,
                    self.host.as_ref(),
                    self.gui.as_ref(),
                    &self.meters,
                    &self.reading,
                    &self.shown_outputs,
                    z,
                );
                if clicked {
                    self.refocus = Some(Focus::Code);
                }
            });
        }
        self.views_panel(ui);
        if let Some(panel) = self.panel {
            let max = (width * SIDE_SHARE).max(120.0);
            egui::Panel::left("side")
                .resizable(true)
                .default_size((260.0 * z).min(max))
                .size_range(120.0_f32.min(max)..=max)
                .show(ui, |ui| match panel {
                    Panel::Reference => {
                        let host = self.host.as_ref();
                        self.reference.refresh(host.sample_status().sounds, || host.sounds());
                        if let Some(name) = self.reference.show(ui) {
                            self.code.insert_at_cursor(&name);
                            self.last_edit = Some(now);
                            self.refocus = Some(Focus::Code);
                        }
                    }
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

    /// Outputs the scope can show: the main output and the numbered ones with meters.
    fn scope_outputs(&self) -> Vec<usize> {
        std::iter::once(0).chain(self.shown_outputs.iter().copied()).collect()
    }

    fn next_scope_output(&mut self) {
        let outs = self.scope_outputs();
        let i = outs.iter().position(|&k| k == self.scope_output).map_or(0, |i| (i + 1) % outs.len());
        self.scope_output = outs[i];
    }

    /// Whether the pianoroll and the scope are shown, and the output the scope shows.
    pub fn views(&self) -> (bool, bool, usize) {
        (self.roll_open, self.scope_open, self.scope_output)
    }

    /// The events the pianoroll showed in the last frame.
    pub fn roll(&self) -> &[view::RollEvent] {
        &self.roll
    }

    /// The pianoroll and the scope, below the code when it keeps [`CODE_MIN_HEIGHT`], else
    /// beside it.
    fn views_panel(&mut self, ui: &mut egui::Ui) {
        if !(self.roll_open || self.scope_open) {
            return;
        }
        let z = self.settings.zoom;
        let below = (ui.available_height() - CODE_MIN_HEIGHT).min(180.0 * z);
        // Side by side below the code; one above the other beside it.
        let draw = |app: &mut App, ui: &mut egui::Ui, stacked: bool| {
            // The roll's play position is where the audio is, as the lit words are.
            let cycle = app.reading.heard_cycle.unwrap_or(app.reading.cycle);
            let palette = theme::Palette::of(app.settings.theme);
            let share = if app.roll_open && app.scope_open { 0.6 } else { 1.0 };
            let room = ui.available_size();
            let roll_size =
                if stacked { egui::vec2(room.x, room.y * share) } else { egui::vec2(room.x * share, room.y) };
            let mut layout = |ui: &mut egui::Ui| {
                if app.roll_open {
                    app.roll = view::roll_events(&app.host.patterns(), &app.shown_outputs, cycle);
                    ui.allocate_ui(roll_size, |ui| {
                        ui.vertical(|ui| {
                            ui.label(egui::RichText::new("pianoroll").small());
                            view::show_roll(ui, &app.roll, cycle, &palette, z);
                        });
                    });
                }
                if app.scope_open {
                    ui.vertical(|ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(egui::RichText::new("scope").small());
                            for k in app.scope_outputs() {
                                let name = if k == 0 { "out".to_string() } else { format!("out{k}") };
                                if ui.selectable_label(app.scope_output == k, name).clicked() {
                                    app.scope_output = k;
                                    app.refocus = Some(Focus::Code);
                                }
                            }
                        });
                        let live = app.host.scope(app.scope_output, &mut app.scope_samples);
                        if !live {
                            app.scope_samples.fill(0.0);
                        }
                        view::show_scope(ui, &app.scope_samples, &palette);
                    });
                }
            };
            if stacked {
                ui.vertical(|ui| layout(ui));
            } else {
                ui.horizontal_top(|ui| layout(ui));
            }
        };
        if below >= 80.0 * z {
            egui::Panel::bottom("views").resizable(false).exact_size(below).show(ui, |ui| draw(self, ui, false));
        } else {
            let w = (ui.available_width() * SIDE_SHARE).min(360.0 * z);
            egui::Panel::right("views").resizable(false).exact_size(w).show(ui, |ui| draw(self, ui, true));
        }
        // The roll's play position and the scope move with the music.
        ui.ctx().request_repaint();
    }

    /// Light the words of the steps sounding now, on every output, and keep redrawing at the
    /// display's frame rate while any are waiting or sounding.
    fn light_steps(&mut self, ctx: &egui::Context) {
        let mut new = Vec::new();
        self.host.take_steps(&mut new);
        let heard = self.host.heard_sample();
        self.steps.update(new, heard);
        self.code.playing = match heard {
            Some(h) => self.steps.lit(h, &self.code.text, u32::MAX),
            None => Vec::new(),
        };
        if self.steps.busy() {
            ctx.request_repaint();
        }
    }

    /// Byte ranges of the code lit as sounding now.
    pub fn lit(&self) -> &[std::ops::Range<usize>] {
        &self.code.playing
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
        let z = self.settings.zoom;
        let mut clicked = false;
        // Wraps onto a second row when the window is narrow or zoomed, never overlapping.
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new("Phonon").strong().size(16.0 * z));
            ui.separator();
            if ui.button("Evaluate").on_hover_text("Ctrl+Enter").clicked() {
                self.evaluate(now);
                clicked = true;
            }
            let edited = self.code.text != self.playing;
            let (state, color, tip) = if !self.code.errors.is_empty() {
                ("error", highlight::ERROR, "The playing program is unchanged.")
            } else if edited {
                ("edited", egui::Color32::from_rgb(230, 190, 80), "Ctrl+Enter to play the edits.")
            } else {
                ("playing", egui::Color32::from_rgb(90, 210, 120), "The text is what plays.")
            };
            let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0) * z, egui::Sense::hover());
            ui.painter().circle_filled(dot.center(), 4.5 * z, color);
            ui.label(egui::RichText::new(state).color(color)).on_hover_text(tip);
            ui.separator();
            if self.host.commands().is_some() {
                let hushed = self.hushed();
                let hush = egui::Button::new("Hush").selected(hushed);
                if ui
                    .add_enabled(self.gui.is_some(), hush)
                    .on_hover_text("Fade every output out, or back in (Ctrl+. or Ctrl+H)")
                    .clicked()
                {
                    self.toggle_hush();
                    clicked = true;
                }
                let panic = egui::Button::new(egui::RichText::new("Panic").color(highlight::ERROR));
                if ui
                    .add_enabled(self.gui.is_some(), panic)
                    .on_hover_text("Silence now: every voice and tail cleared (Ctrl+Shift+. or Ctrl+Alt+H)")
                    .clicked()
                {
                    self.panic(now);
                    clicked = true;
                }
                ui.separator();
            }
            for (panel, label, tip) in [
                (Panel::Reference, "Reference", "Functions and sounds (Ctrl+D)"),
                (Panel::Presets, "Presets", "Example programs"),
                (Panel::Samples, "Samples", "Sample folders"),
                (Panel::Settings, "Settings", "Settings, zoom, theme and keys"),
            ] {
                if ui.selectable_label(self.panel == Some(panel), label).on_hover_text(tip).clicked() {
                    self.toggle_panel(panel);
                    clicked = true;
                }
            }
            if ui
                .selectable_label(self.roll_open, "Roll")
                .on_hover_text("Pianoroll of this cycle and the next (Ctrl+R)")
                .clicked()
            {
                self.roll_open = !self.roll_open;
                clicked = true;
            }
            if ui.selectable_label(self.scope_open, "Scope").on_hover_text("Scope of an output (Ctrl+E)").clicked() {
                self.scope_open = !self.scope_open;
                clicked = true;
            }
            let mut meters = self.settings.show_meters;
            if ui.selectable_label(meters, "Meters").clicked() {
                meters = !meters;
                let mut s = self.settings.clone();
                s.show_meters = meters;
                self.set_settings(s);
                clicked = true;
            }
        });
        // A click on the toolbar leaves the keyboard with the code (or the reference's search).
        if clicked {
            let search = self.panel == Some(Panel::Reference) && self.reference.focus_field;
            self.reference.focus_field = false;
            self.refocus = Some(if search { Focus::ReferenceSearch } else { Focus::Code });
        }
    }

    /// Tempo, cycle and load.
    fn clock(&self, ui: &mut egui::Ui) {
        let r = &self.reading;
        let bpm = r.cps * 60.0 * r.bpc;
        ui.label(egui::RichText::new(format!("{bpm:.1} BPM")).monospace().small())
            .on_hover_text(format!("{:.4} cycles per second, {} beats per cycle", r.cps, r.bpc));
        let cycle = r.cycle.max(0.0);
        ui.label(egui::RichText::new(format!("cycle {}", cycle.floor() as i64)).monospace().small());
        let z = self.settings.zoom;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(60.0, 8.0) * z, egui::Sense::hover());
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
        let text = egui::RichText::new(cpu).monospace().small();
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
            self.clock(ui);
            ui.separator();
            if self.code.errors.is_empty() {
                ui.label(
                    egui::RichText::new("Ctrl+Enter evaluates   Ctrl+F finds   Esc returns to the code   Ctrl+H hush")
                        .small()
                        .weak(),
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
        // Silences the compiler found in a valid program: why nothing sounds, where.
        if self.code.errors.is_empty() {
            for w in self.host.warnings().iter().take(4) {
                ui.label(
                    egui::RichText::new(format!("warning: {w}"))
                        .monospace()
                        .small()
                        .color(egui::Color32::from_rgb(240, 200, 90)),
                );
            }
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
                    .desired_width(220.0 * self.settings.zoom),
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
            if ui.button("Close").on_hover_text("Close (Esc)").clicked() {
                self.close_find();
            }
        });
        // `Some(None)`: show the current match (the query changed); `Some(Some(forward))`: move.
        let m = match go {
            None => None,
            Some(None) => self.code.find.current(&self.code.text),
            Some(Some(forward)) => self.code.find.step(&self.code.text, forward),
        };
        if let Some(m) = m {
            // Shown and scrolled to, while the keyboard stays in the find field.
            self.code.reveal(m.start);
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
        // A new window has a new context: its style is made on the first frame.
        self.styled = None;
        self.base_style = None;
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
