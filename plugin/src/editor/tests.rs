//! The editor driven headlessly: keys typed and buttons clicked through egui_kittest, a host
//! that compiles with the real engine, and audio rendered to check what plays.

use super::host::*;
use super::keys::HostKeys;
use super::App;
use crate::params::{OutputParams, OUTPUTS};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use nice_plug::context::gui::GuiContext;
use nice_plug::context::gui::GuiContextInner;
use nice_plug::context::PluginApi;
use nice_plug::params::internals::ParamPtr;
use nice_plug::prelude::{Param, PluginState};
use phonon_engine::graph::{EngineStatus, HostAdapter, HostOutputs, StepFeed};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

const SR: u32 = 48000;

/// A plugin stand-in: the real engine behind the [`EditorHost`] trait, and an "audio thread"
/// the test runs by hand.
struct TestHost {
    session: Mutex<Session>,
    adapter: Mutex<HostAdapter>,
    status: Arc<EngineStatus>,
    program: Mutex<String>,
    outputs: [OutputParams; OUTPUTS],
    hush: nice_plug::prelude::BoolParam,
    panic: nice_plug::prelude::BoolParam,
    /// The panic switch as the "audio thread" last saw it (it acts when it turns on).
    panic_seen: Mutex<bool>,
    settings: Mutex<EditorSettings>,
    folders: Mutex<Vec<PathBuf>>,
    /// Warnings of the last program evaluated, as the plugin's worker words them.
    warnings: Mutex<Vec<String>>,
    /// The steps the engine publishes.
    steps: Arc<StepFeed>,
    /// The engine sample the test says is being heard (the audio clock, held still).
    heard: Mutex<Option<f64>>,
    /// The patterns of the program sent last.
    patterns: Mutex<Vec<(u32, phonon_engine::pattern::Pattern)>>,
}

impl TestHost {
    fn new(program: &str) -> Arc<TestHost> {
        let mut session = Session::new(SR, Arc::new(Bank::builtin()));
        session.load(program).expect("the starting program compiles");
        let mut engine = session.take_engine().unwrap();
        let status = engine.status();
        let steps = Arc::new(StepFeed::default());
        engine.set_step_feed(steps.clone());
        Arc::new(TestHost {
            session: Mutex::new(session),
            adapter: Mutex::new(HostAdapter::new(engine)),
            status,
            program: Mutex::new(program.to_string()),
            outputs: std::array::from_fn(|i| OutputParams::new(i + 1)),
            hush: nice_plug::prelude::BoolParam::new("Hush", false),
            panic: nice_plug::prelude::BoolParam::new("Panic", false),
            panic_seen: Mutex::new(false),
            settings: Mutex::new(EditorSettings::default()),
            folders: Mutex::new(Vec::new()),
            warnings: Mutex::new(Vec::new()),
            steps,
            heard: Mutex::new(None),
            patterns: Mutex::new(Vec::new()),
        })
    }

    fn hear(&self, sample: f64) {
        *self.heard.lock().unwrap() = Some(sample);
    }

    /// Render `seconds` of audio as the plugin's process() would: output gains from the host
    /// parameters, then the engine. Returns (main left, numbered outputs' left channels).
    fn render(&self, seconds: f32) -> (Vec<f32>, Vec<Vec<f32>>) {
        let mut adapter = self.adapter.lock().unwrap();
        let any_solo = self.outputs.iter().any(|o| o.solo.value());
        for (i, o) in self.outputs.iter().enumerate() {
            adapter.set_output_gain(i + 1, o.effective_gain(any_solo));
        }
        // Hush and panic as the plugin's process() applies them.
        adapter.set_hush(self.hush.value());
        let mut seen = self.panic_seen.lock().unwrap();
        if self.panic.value() && !*seen {
            adapter.panic();
        }
        *seen = self.panic.value();
        let frames = (seconds * SR as f32) as usize;
        let ports = 1 + OUTPUTS;
        let mut bufs: Vec<[Vec<f32>; 2]> = (0..ports).map(|_| [vec![0.0; frames], vec![0.0; frames]]).collect();
        let mut pos = 0;
        while pos < frames {
            let len = 256.min(frames - pos);
            let mut views: Vec<[&mut [f32]; 2]> =
                bufs.iter_mut().map(|[l, r]| [&mut l[pos..pos + len], &mut r[pos..pos + len]]).collect();
            adapter.process(len, None, &mut HostOutputs { ports: &mut views });
            pos += len;
        }
        self.session.lock().unwrap().collect();
        let mut it = bufs.into_iter().map(|[l, _]| l);
        let main = it.next().unwrap();
        (main, it.collect())
    }
}

impl EditorHost for TestHost {
    fn program(&self) -> String {
        self.program.lock().unwrap().clone()
    }

    fn evaluate(&self, text: &str) -> Result<(), Vec<EditorError>> {
        let s = self.session.lock().unwrap();
        let (prepared, warnings) = s.prepare_checked(text).map_err(|e| editor_errors(&e))?;
        *self.patterns.lock().unwrap() = prepared.graph().patterns().to_vec();
        s.send(prepared);
        *self.warnings.lock().unwrap() = warnings
            .iter()
            .map(|w| {
                let (l, c) = w.line_col(text);
                format!("line {l}, column {c}: {}", w.message)
            })
            .collect();
        *self.program.lock().unwrap() = text.to_string();
        Ok(())
    }

    fn warnings(&self) -> Vec<String> {
        self.warnings.lock().unwrap().clone()
    }

    fn last_errors(&self) -> Vec<EditorError> {
        Vec::new()
    }

    fn reading(&self) -> EngineReading {
        let mut peaks = [0.0; MAX_METERED_OUTPUTS + 1];
        for (k, p) in peaks.iter_mut().enumerate() {
            *p = self.status.peak(k);
        }
        EngineReading {
            peaks,
            cycle: self.status.cycle(),
            heard_cycle: self.heard_sample().map(|s| self.status.cycle_at(s)),
            cps: self.status.cps(),
            bpc: 4.0,
            running: true,
            ..Default::default()
        }
    }

    fn outputs(&self) -> usize {
        OUTPUTS
    }

    fn output_params(&self, k: usize) -> Option<OutputControls<'_>> {
        let p = self.outputs.get(k.checked_sub(1)?)?;
        Some(OutputControls { solo: &p.solo, mute: &p.mute, gain: &p.gain })
    }

    fn sample_folders(&self) -> Vec<PathBuf> {
        self.folders.lock().unwrap().clone()
    }

    fn set_sample_folders(&self, folders: Vec<PathBuf>) {
        *self.folders.lock().unwrap() = folders;
    }

    fn sample_status(&self) -> SampleStatus {
        SampleStatus::default()
    }

    fn commands(&self) -> Option<HostCommands<'_>> {
        Some(HostCommands { hush: &self.hush, panic: &self.panic })
    }

    fn sounds(&self) -> Vec<(String, bool)> {
        let bank = Bank::builtin();
        bank.sound_names().into_iter().map(|n| (n.to_string(), bank.set_index(n).is_none())).collect()
    }

    fn take_steps(&self, into: &mut Vec<PlayedStep>) {
        while let Some(s) = self.steps.take() {
            into.push(s);
        }
    }

    fn heard_sample(&self) -> Option<f64> {
        *self.heard.lock().unwrap()
    }

    fn patterns(&self) -> Vec<(u32, phonon_engine::pattern::Pattern)> {
        self.patterns.lock().unwrap().clone()
    }

    fn scope(&self, k: usize, into: &mut [f32]) -> bool {
        self.status.scope.select(k);
        self.status.scope.read(into);
        true
    }

    fn settings(&self) -> EditorSettings {
        self.settings.lock().unwrap().clone()
    }

    fn set_settings(&self, settings: EditorSettings) {
        *self.settings.lock().unwrap() = settings;
    }
}

/// The host's side of parameter changes, as nice-plug's wrappers do it: the value lands in
/// the parameter, and the gesture is recorded as a host would record automation.
#[derive(Default)]
struct RecordingGuiContext {
    gestures: Mutex<Vec<String>>,
}

impl GuiContextInner for RecordingGuiContext {
    fn plugin_api(&self) -> PluginApi {
        PluginApi::Clap
    }

    unsafe fn raw_begin_set_parameter(&self, param: ParamPtr) {
        self.gestures.lock().unwrap().push(format!("begin {}", unsafe { param.name() }));
    }

    unsafe fn raw_set_parameter_normalized(&self, param: ParamPtr, normalized: f32) {
        unsafe { param._internal_set_normalized_value(normalized) };
        self.gestures.lock().unwrap().push(format!("set {} {normalized}", unsafe { param.name() }));
    }

    unsafe fn raw_end_set_parameter(&self, param: ParamPtr) {
        self.gestures.lock().unwrap().push(format!("end {}", unsafe { param.name() }));
    }

    fn get_state(&self) -> PluginState {
        PluginState { version: String::new(), params: Default::default(), fields: Default::default() }
    }

    fn set_state(&self, _state: PluginState) {}

    fn request_restart(&self) {}
}

fn harness(app: App) -> Harness<'static, App> {
    sized_harness(app, 1200.0, 720.0)
}

fn sized_harness(app: App, w: f32, h: f32) -> Harness<'static, App> {
    Harness::builder().with_size(egui::vec2(w, h)).build_ui_state(|ui, app: &mut App| app.draw(ui), app)
}

/// Type `text` as a keyboard does, one key at a time, a frame each: the key goes down, its
/// character arrives, the key comes up. Nothing here picks where the keys go: they land
/// wherever the window's keyboard focus is.
fn type_keys(h: &mut Harness<'_, App>, text: &str) {
    for c in text.chars() {
        let key = match c {
            '\n' => Some(Key::Enter),
            ' ' => Some(Key::Space),
            c => Key::from_name(&c.to_string()),
        };
        if let Some(k) = key {
            h.key_down(k);
        }
        if c != '\n' {
            h.event(egui::Event::Text(c.to_string()));
        }
        if let Some(k) = key {
            h.key_up(k);
        }
        h.run_steps(1);
    }
    h.run_steps(1);
}

fn press(h: &mut Harness<'_, App>, key: Key) {
    h.key_press(key);
    h.run_steps(2);
}

fn press_with(h: &mut Harness<'_, App>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run_steps(2);
}

/// Ctrl as a Linux or Windows keyboard reports it.
const CTRL: Modifiers = Modifiers { ctrl: true, command: true, ..Modifiers::NONE };

fn code_focused(h: &Harness<'_, App>) -> bool {
    h.get_by_role(Role::MultilineTextInput).is_focused()
}

/// Replace the editor's text by typing, as a user would: select all, type.
fn type_program(h: &mut Harness<'_, App>, text: &str) {
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(2);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_role(Role::MultilineTextInput).type_text(text);
    h.run_steps(2);
}

fn evaluate_with_keys(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run_steps(2);
}

fn peak(x: &[f32]) -> f32 {
    x.iter().fold(0.0f32, |m, v| m.max(v.abs()))
}

/// Frequency from upward zero crossings.
fn frequency(x: &[f32]) -> f32 {
    let crossings: Vec<usize> = (1..x.len()).filter(|&i| x[i - 1] < 0.0 && x[i] >= 0.0).collect();
    if crossings.len() < 2 {
        return 0.0;
    }
    let span = (crossings[crossings.len() - 1] - crossings[0]) as f32;
    (crossings.len() - 1) as f32 * SR as f32 / span
}

const SILENT: &str = "-- nothing yet\nout: sine 220 * 0\n";

#[test]
fn typing_a_program_and_pressing_ctrl_enter_plays_it() {
    let host = TestHost::new(SILENT);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    assert!(peak(&host.render(0.2).0) < 1e-6, "starts silent");

    type_program(&mut h, "-- a tone\nout: sine 440 * 0.3\n");
    assert_eq!(h.state().text(), "-- a tone\nout: sine 440 * 0.3\n");
    // Typing alone changes nothing that plays.
    assert!(peak(&host.render(0.2).0) < 1e-6);

    evaluate_with_keys(&mut h);
    assert_eq!(host.program(), "-- a tone\nout: sine 440 * 0.3\n");
    let (main, _) = host.render(0.5);
    let tail = &main[main.len() / 2..];
    assert!((peak(tail) - 0.3).abs() < 0.02, "peak {}", peak(tail));
    assert!((frequency(tail) - 440.0).abs() < 2.0, "frequency {}", frequency(tail));
    h.get_by_label("playing");
}

#[test]
fn a_mistake_shows_its_message_at_its_line_and_the_old_program_keeps_playing() {
    let good = "-- a tone\nout: sine 330 * 0.25\n";
    let host = TestHost::new(good);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);

    let broken = "-- a tone\n~lfo: sine 0.5\nout: sinee 440 * ~lfo\n";
    type_program(&mut h, broken);
    evaluate_with_keys(&mut h);

    // The message names the mistake, and the error list points at line 3.
    let errors = h.state().errors().to_vec();
    assert!(!errors.is_empty());
    assert!(errors[0].message.contains("sinee"), "{:?}", errors[0]);
    h.get_by_label_contains("line 3, column 6");
    // The message beside the code sits on line 3's row.
    let inline = h.get_by_label_contains("<- ").rect();
    let edit = h.get_by_role(Role::MultilineTextInput).rect();
    let row = h.ctx.fonts_mut(|f| f.row_height(&egui::FontId::monospace(EditorSettings::default().font_size)));
    let line = ((inline.center().y - edit.top() - 6.0) / row).floor() as usize + 1;
    assert_eq!(line, 3, "message at y {} (editor top {}, row {row})", inline.center().y, edit.top());
    h.get_by_label("error");

    // The old program still plays, unchanged.
    assert_eq!(host.program(), good);
    let (main, _) = host.render(0.5);
    let tail = &main[main.len() / 2..];
    assert!((frequency(tail) - 330.0).abs() < 2.0, "frequency {}", frequency(tail));
    assert!((peak(tail) - 0.25).abs() < 0.02);

    // Fixing the mistake clears the message and plays the new program.
    type_program(&mut h, "-- a tone\n~lfo: sine 0.5\nout: sine 440 * 0.2\n");
    evaluate_with_keys(&mut h);
    assert!(h.state().errors().is_empty());
    assert!(h.query_by_label_contains("line 3, column").is_none());
    let (main, _) = host.render(0.5);
    assert!((frequency(&main[main.len() / 2..]) - 440.0).abs() < 2.0);
}

#[test]
fn a_silent_program_says_why_in_the_status_line() {
    let host = TestHost::new("out: sine 220 * 0.1\n");
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    type_program(&mut h, "out: fast 0 $ s \"bd sn\"\n");
    evaluate_with_keys(&mut h);
    assert!(h.state().errors().is_empty(), "valid code");
    h.get_by_label_contains("warning: line 1, column 6");
    // A program that sounds says nothing.
    type_program(&mut h, "out: fast 2 $ s \"bd sn\"\n");
    evaluate_with_keys(&mut h);
    h.run_steps(2);
    assert!(h.query_by_label_contains("warning:").is_none());
}

#[test]
fn clicking_solo_sets_the_host_parameter() {
    let host = TestHost::new("out1: sine 300 * 0.2\nout2: sine 500 * 0.2\n");
    let gui_inner = Arc::new(RecordingGuiContext::default());
    let mut app = App::new(host.clone());
    app.set_gui_context(GuiContext::new(gui_inner.clone()));
    let mut h = harness(app);
    h.run_steps(2);
    host.render(0.2);
    assert!(!host.outputs[1].solo.value());

    // The second "S" button is out2's solo.
    let solo2 = h.get_all_by_label("S").nth(1).expect("a solo button for out2");
    solo2.click();
    h.run_steps(2);
    assert!(host.outputs[1].solo.value(), "out2 is soloed");
    assert!(!host.outputs[0].solo.value());
    let gestures = gui_inner.gestures.lock().unwrap().clone();
    assert_eq!(gestures, vec!["begin Out 2 Solo", "set Out 2 Solo 1", "end Out 2 Solo"]);

    // And the plugin plays accordingly: out1 falls silent, out2 keeps playing.
    let (_, outs) = host.render(0.3);
    let half = outs[0].len() / 2;
    assert!(peak(&outs[0][half..]) < 1e-4, "out1 is silent while out2 is soloed");
    assert!(peak(&outs[1][half..]) > 0.15);

    // Mute works the same way.
    h.get_all_by_label("M").nth(1).unwrap().click();
    h.run_steps(2);
    assert!(host.outputs[1].mute.value());
}

#[test]
fn completion_offers_names_from_the_function_table() {
    let host = TestHost::new(SILENT);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    type_program(&mut h, "out: si");
    // Typing a name character by character opens the list: `sin` itself, then longer names.
    h.get_by_role(Role::MultilineTextInput).type_text("n");
    h.run_steps(2);
    h.get_by_label("sine");
    h.key_press(Key::ArrowDown);
    h.run_steps(1);
    h.key_press(Key::Tab);
    h.run_steps(2);
    assert_eq!(h.state().text(), "out: sine");
    assert!(h.query_by_label("sine").is_none(), "the list closes");
}

#[test]
fn undo_and_redo() {
    let host = TestHost::new(SILENT);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(2);
    h.key_press(Key::End);
    h.run_steps(2);
    h.get_by_role(Role::MultilineTextInput).type_text("-- more");
    h.run_steps(2);
    assert!(h.state().text().ends_with("-- more"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().text(), SILENT);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert!(h.state().text().ends_with("-- more"));
}

#[test]
fn find_counts_and_steps_through_matches() {
    let host = TestHost::new("~a: sine 110 * 0.1\nout: ~a + sine 220 * 0.1\n");
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.get_by_role(Role::TextInput).type_text("sine");
    h.run_steps(2);
    h.get_by_label("1 of 2");
    h.get_by_label("Next").click();
    h.run_steps(2);
    h.get_by_label("2 of 2");
    h.get_by_label("Next").click();
    h.run_steps(2);
    h.get_by_label("1 of 2");
}

#[test]
fn evaluating_after_a_pause_never_plays_a_broken_program() {
    let host = TestHost::new(SILENT);
    host.set_settings(EditorSettings { auto_evaluate: true, auto_delay: 0.5, ..Default::default() });
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    type_program(&mut h, "out: sine 440 * 0.2\n");
    // Time passes in the harness (a quarter of a second a step, or so).
    for _ in 0..12 {
        h.step();
    }
    assert_eq!(host.program(), "out: sine 440 * 0.2\n", "evaluated after the pause");

    type_program(&mut h, "out: sine 440 * 0.2 +\n");
    for _ in 0..12 {
        h.step();
    }
    assert_eq!(host.program(), "out: sine 440 * 0.2\n", "the broken text never replaced it");
    assert!(!h.state().errors().is_empty(), "its errors are shown");
}

#[test]
fn opening_a_preset_puts_its_text_in_the_editor() {
    let host = TestHost::new(SILENT);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    h.get_by_label("Presets").click();
    h.run_steps(2);
    let p = super::presets::all().next().expect("at least one preset");
    h.get_by_label(p.name).click();
    h.run_steps(2);
    assert_eq!(h.state().text(), p.text);
    // Opening is not playing: the program changes on Ctrl+Enter.
    assert_eq!(host.program(), SILENT);
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(1);
    evaluate_with_keys(&mut h);
    assert_eq!(host.program(), p.text);
}

#[test]
fn keys_the_host_takes_still_reach_the_code() {
    let host = TestHost::new("out: 1\n");
    let keys = HostKeys::new(nice_plug_egui::RepaintNotifier::new());
    let mut app = App::new(host.clone());
    app.attach_host_keys(keys.clone());
    let mut h = harness(app);
    h.run_steps(2);
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(2);
    h.key_press(Key::End);
    h.run_steps(2);
    // As REAPER does: Backspace and Space come through the host, not the window.
    use nice_plug::prelude::{Modifiers as HostModifiers, VirtualKeyCode};
    assert!(keys.host_key(VirtualKeyCode::ArrowUp, true, HostModifiers::empty()));
    h.run_steps(1);
    h.key_press(Key::End);
    h.run_steps(1);
    assert!(keys.host_key(VirtualKeyCode::Backspace, true, HostModifiers::empty()));
    h.run_steps(1);
    assert!(keys.host_key(VirtualKeyCode::Space, true, HostModifiers::empty()));
    h.run_steps(2);
    assert_eq!(h.state().text(), "out:  \n", "the 1 deleted, a space typed");
}

#[test]
fn settings_are_saved_in_the_host() {
    let host = TestHost::new(SILENT);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    h.get_by_label("Settings").click();
    h.run_steps(2);
    h.get_by_label("Evaluate when typing pauses").click();
    h.run_steps(2);
    assert!(host.settings().auto_evaluate);
    h.get_by_label("Meters").click();
    h.run_steps(2);
    assert!(!host.settings().show_meters);
}

#[test]
fn the_plugin_keeps_a_playing_program_through_a_mistake() {
    let plugin = crate::Phonon::default();
    let shared: Arc<dyn EditorHost> =
        Arc::new(crate::editor_host::PluginEditorHost::new(plugin.shared.clone(), plugin.worker.jobs(), OUTPUTS));
    assert!(shared.evaluate("out: sine 220 * 0.1").is_ok());
    let err = shared.evaluate("out: sine 220 *").unwrap_err();
    assert!(!err.is_empty());
    assert_eq!(shared.program(), "out: sine 220 * 0.1");
    // The saved program is the one that compiled: nothing to report for it.
    assert!(shared.last_errors().is_empty());
    assert_eq!(shared.outputs(), OUTPUTS);
    assert_eq!(shared.output_params(1).unwrap().solo.name(), "Out 1 Solo");
    assert!(shared.output_params(OUTPUTS + 1).is_none());
}

#[test]
fn a_program_the_host_restores_replaces_the_text_in_the_window() {
    use nice_plug::params::persist::PersistentField;
    let plugin = crate::Phonon::default();
    let host: Arc<dyn EditorHost> =
        Arc::new(crate::editor_host::PluginEditorHost::new(plugin.shared.clone(), plugin.worker.jobs(), 0));
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    assert_eq!(h.state().text(), crate::DEFAULT_PROGRAM);
    // The host loads a project whose program has a mistake.
    let restored = "out: sine 330 * 0.1\nout2: sinee 3\n";
    plugin.params.state.set(crate::state::StateDoc { program: restored.into(), ..Default::default() });
    h.run_steps(2);
    assert_eq!(h.state().text(), restored, "the window shows the restored program");
    // Its errors arrive once the compile worker has tried it.
    let start = std::time::Instant::now();
    while h.state().errors().is_empty() && start.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.run_steps(1);
    }
    let errors = h.state().errors().to_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(&restored[errors[0].span.clone()], "sinee");
}

#[test]
fn sample_folders_load_in_the_background_and_are_saved() {
    let dir = std::env::temp_dir().join(format!("phonon-editor-samples-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("tone")).unwrap();
    let tone: Vec<f32> = (0..4800)
        .flat_map(|i| {
            let v = (i as f32 * 0.05).sin() * 0.5;
            [v, v]
        })
        .collect();
    phonon_engine::render::write_wav(&dir.join("tone").join("a.wav"), 48000, &tone).unwrap();

    let plugin = crate::Phonon::default();
    let shared: Arc<dyn EditorHost> =
        Arc::new(crate::editor_host::PluginEditorHost::new(plugin.shared.clone(), plugin.worker.jobs(), 0));
    let builtin = Bank::builtin().sound_names().len();
    shared.set_sample_folders(vec![dir.clone()]);
    assert_eq!(shared.sample_folders(), vec![dir.clone()]);
    // The loading thread finishes in its own time; wait for it without a deadline of ours.
    while shared.sample_status().loading {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let status = shared.sample_status();
    assert_eq!(status.sounds, builtin + 1, "{status:?}");
    // The new sound compiles now.
    assert!(shared.evaluate("out: s \"tone bd\"").is_ok());
    std::fs::remove_dir_all(&dir).ok();
}

// ---- Defects a performer met, each driven by key presses ----

#[test]
fn typing_in_the_find_bar_never_edits_the_program() {
    let program = "~a: sine 110 # gain 0.2\nout: ~a # gain 0.5\n";
    let host = TestHost::new(program);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(2);
    press_with(&mut h, Modifiers::COMMAND, Key::F);
    // One key per frame, as a person types.
    type_keys(&mut h, "gain");
    assert_eq!(h.state().text(), program, "the search text went into the code");
    h.get_by_label("1 of 2");
    // Enter steps to the next match, still without touching the code.
    press(&mut h, Key::Enter);
    h.get_by_label("2 of 2");
    type_keys(&mut h, "x");
    assert_eq!(h.state().text(), program);
    h.get_by_label("0 of 0");
    press(&mut h, Key::Backspace);
    h.get_by_label("1 of 2");
    assert_eq!(h.state().text(), program);
    // Escape closes the bar and the keys go back to the code, at the match, replacing nothing.
    press(&mut h, Key::Escape);
    assert!(h.query_by_label("1 of 2").is_none(), "the bar closed");
    assert!(code_focused(&h));
    type_keys(&mut h, "z");
    assert_eq!(h.state().text(), "~a: sine 110 # zgain 0.2\nout: ~a # gain 0.5\n");
}

#[test]
fn escape_never_takes_the_keyboard_from_the_code() {
    let host = TestHost::new("out: 1\n");
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(2);
    press_with(&mut h, CTRL, Key::Home);
    press(&mut h, Key::End);
    // Escape with nothing open.
    press(&mut h, Key::Escape);
    assert!(code_focused(&h));
    type_keys(&mut h, "2");
    assert_eq!(h.state().text(), "out: 12\n");
    // Escape closing the completion list.
    type_keys(&mut h, "\nout2: si");
    h.get_by_label("sine");
    press(&mut h, Key::Escape);
    assert!(h.query_by_label("sine").is_none(), "the list closed");
    assert!(code_focused(&h));
    type_keys(&mut h, "n");
    assert_eq!(h.state().text(), "out: 12\nout2: sin\n");
    // Tab in the code indents; the focus stays.
    press(&mut h, Key::Home);
    press(&mut h, Key::Tab);
    assert!(code_focused(&h));
    assert!(h.state().text().contains("\n") && h.state().text().lines().nth(1).unwrap().trim_start() == "out2: sin");
    assert!(h.state().text().lines().nth(1).unwrap().starts_with([' ', '\t']), "{:?}", h.state().text());
}

#[test]
fn escape_returns_to_the_code_from_anywhere() {
    let host = TestHost::new("out: 1\n");
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    // A click on a toolbar button leaves the keyboard with the code.
    h.get_by_label("Presets").click();
    h.run_steps(2);
    assert!(code_focused(&h), "after a toolbar click");
    // Into the preset filter, then Escape: back in the code, and typing goes there.
    h.get_by_role(Role::TextInput).focus();
    h.run_steps(2);
    assert!(!code_focused(&h));
    type_keys(&mut h, "a");
    press(&mut h, Key::Escape);
    assert!(code_focused(&h));
    press_with(&mut h, CTRL, Key::End);
    type_keys(&mut h, "-- b");
    assert_eq!(h.state().text(), "out: 1\n-- b");
    // Tab from a button moves on (every control is reachable), and Escape comes back.
    press(&mut h, Key::Tab);
    press(&mut h, Key::Escape);
    assert!(code_focused(&h));
}

#[test]
fn enter_after_a_whole_word_starts_a_new_line() {
    let host = TestHost::new(SILENT);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    type_program(&mut h, "");
    type_keys(&mut h, "out: sine 110 # rev");
    let offered = super::completion::candidates("rev");
    assert!(offered.len() > 1, "{offered:?}");
    h.get_by_label(offered[1]); // the list is open
    press(&mut h, Key::Enter);
    assert_eq!(h.state().text(), "out: sine 110 # rev\n", "Enter accepted a completion");
    // After choosing with the arrows, Enter takes the choice.
    type_keys(&mut h, "out2: sine 1 # rev");
    press(&mut h, Key::ArrowDown);
    press(&mut h, Key::Enter);
    assert_eq!(h.state().text(), format!("out: sine 110 # rev\nout2: sine 1 # {}", offered[1]));
    // Tab accepts the first without arrows.
    type_keys(&mut h, "\nout3: sine 1 # rev");
    press(&mut h, Key::Tab);
    assert!(h.state().text().ends_with(&format!("# {}", offered[0])), "{:?}", h.state().text());
}

#[test]
fn meters_follow_the_outputs_the_program_defines() {
    let host = TestHost::new("out1: sine 100 * 0.1\nout2: sine 200 * 0.1\nout3: sine 300 * 0.1\n");
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    for l in ["main", "out1", "out2", "out3"] {
        h.get_by_label(l);
    }
    assert!(h.query_by_label("out4").is_none());
    type_program(&mut h, "out1: sine 100 * 0.1\n");
    evaluate_with_keys(&mut h);
    host.render(0.1);
    h.run_steps(2);
    h.get_by_label("out1");
    assert!(h.query_by_label("out2").is_none() && h.query_by_label("out3").is_none(), "gone outputs keep no meter");
    // A program that does not compile changes nothing.
    type_program(&mut h, "out5: sinee 3\n");
    evaluate_with_keys(&mut h);
    h.get_by_label("out1");
    assert!(h.query_by_label("out5").is_none());
}

#[test]
fn the_stereo_plugin_meters_its_main_output_only() {
    let plugin = crate::Phonon::default();
    let host: Arc<dyn EditorHost> =
        Arc::new(crate::editor_host::PluginEditorHost::new(plugin.shared.clone(), plugin.worker.jobs(), 0));
    assert!(host.evaluate("out1: sine 220 * 0.1\nout2: sine 330 * 0.1\n").is_ok());
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    h.get_by_label("main");
    assert!(h.query_by_label("out1").is_none() && h.query_by_label("S").is_none());
}

#[test]
fn new_text_carries_no_errors_of_the_old() {
    let host = TestHost::new(SILENT);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    type_program(&mut h, "-- a tone\n~lfo: sine 0.5\nout: sinee 440 * ~lfo\n");
    evaluate_with_keys(&mut h);
    assert!(!h.state().errors().is_empty());
    h.get_by_label_contains("<- ");
    // Select all and type over it: the first key replaces the text the errors were about.
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    type_keys(&mut h, "o");
    assert_eq!(h.state().text(), "o");
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(h.query_by_label_contains("<- ").is_none());
    assert!(h.query_by_label_contains("line 3, column").is_none());
    // Typing elsewhere keeps an error in place.
    type_program(&mut h, "out: sinee 440\n");
    evaluate_with_keys(&mut h);
    press_with(&mut h, CTRL, Key::Home);
    type_keys(&mut h, "-- x\n");
    let errors = h.state().errors().to_vec();
    assert_eq!(errors.len(), 1);
    assert_eq!(&h.state().text()[errors[0].span.clone()], "sinee");
}

/// A line far wider than the window, with a mistake at its end.
fn long_line() -> String {
    let mut s = "out: sine 110 * 0.01".to_string();
    for k in 0..14 {
        s.push_str(&format!(" + sine {} * 0.01", 220 + k));
    }
    s.push_str(" + sinee 3\n");
    s
}

#[test]
fn line_numbers_stay_in_view_when_long_lines_scroll() {
    let host = TestHost::new("out: sine 110 * 0.1\n");
    let mut h = sized_harness(App::new(host.clone()), 800.0, 500.0);
    h.run_steps(2);
    let before = h.get_by_label("1").rect();
    type_program(&mut h, &format!("-- long\n{}", long_line()));
    // The cursor at the end of the long line scrolls the code sideways.
    press(&mut h, Key::ArrowUp);
    press(&mut h, Key::End);
    h.run_steps(2);
    let edit = h.get_by_role(Role::MultilineTextInput).rect();
    assert!(edit.left() < 0.0, "the code scrolled sideways: {edit:?}");
    for l in ["1", "2"] {
        let r = h.get_by_label(l).rect();
        assert!((r.left() - before.left()).abs() < 1.0 && r.right() < 120.0, "line number {l} at {r:?}");
    }
}

#[test]
fn the_message_of_an_error_on_a_long_line_is_shown_whole() {
    let host = TestHost::new("out: sine 110 * 0.1\n");
    let mut h = sized_harness(App::new(host.clone()), 800.0, 500.0);
    h.run_steps(2);
    type_program(&mut h, &format!("-- long\n{}", long_line()));
    evaluate_with_keys(&mut h);
    // From the start of the text (not scrolled) and from the end of the line (scrolled).
    for keys in [[Key::ArrowUp, Key::Home], [Key::ArrowUp, Key::End]] {
        press_with(&mut h, CTRL, Key::End);
        for k in keys {
            press(&mut h, k);
        }
        h.run_steps(2);
        let m = h.get_by_label_contains("<- ");
        let r = m.rect();
        assert!(r.left() >= 0.0 && r.right() <= 800.0, "message at {r:?}");
        assert!(m.value().unwrap_or_default().contains("sinee") || format!("{:?}", m).contains("sinee"));
    }
}

#[test]
fn zoom_scales_the_whole_window_and_is_remembered() {
    let host = TestHost::new("out1: sine 100 * 0.1\n");
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    let heights =
        |h: &Harness<'_, App>| ["Evaluate", "main", "out1", "playing"].map(|l| h.get_by_label(l).rect().height());
    let row = |h: &Harness<'_, App>| h.get_by_label("1").rect().height();
    let (small, small_row) = (heights(&h), row(&h));
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(2);
    for _ in 0..5 {
        press_with(&mut h, Modifiers::COMMAND, Key::Equals);
    }
    assert_eq!(h.state().zoom(), 2.0);
    assert_eq!(host.settings().zoom, 2.0, "saved in the plugin state");
    h.run_steps(2);
    for (a, b) in small.iter().zip(heights(&h)) {
        assert!((b / a - 2.0).abs() < 0.25, "{small:?} -> {:?}", heights(&h));
    }
    assert!((row(&h) / small_row - 2.0).abs() < 0.25);
    // The status line and error messages too.
    type_program(&mut h, "out1: sinee 1\n");
    evaluate_with_keys(&mut h);
    let status = h.get_by_label_contains("line 1, column").rect().width();
    press_with(&mut h, Modifiers::COMMAND, Key::Num0);
    assert_eq!(h.state().zoom(), 1.0);
    let status_small = h.get_by_label_contains("line 1, column").rect().width();
    assert!((status / status_small - 2.0).abs() < 0.25, "{status} vs {status_small}");
    // Bounded at 75 % and 300 %.
    for _ in 0..10 {
        press_with(&mut h, Modifiers::COMMAND, Key::Minus);
    }
    assert_eq!(h.state().zoom(), 0.75);
    for _ in 0..20 {
        press_with(&mut h, Modifiers::COMMAND, Key::Plus);
    }
    assert_eq!(h.state().zoom(), 3.0);
    // A window opened later starts at the saved zoom.
    assert_eq!(App::new(host.clone()).zoom(), 3.0);
}

#[test]
fn the_high_contrast_theme_is_chosen_and_saved() {
    let host = TestHost::new(SILENT);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    h.get_by_label("Settings").click();
    h.run_steps(2);
    h.get_by_label("High contrast").click();
    h.run_steps(2);
    assert_eq!(host.settings().theme, crate::state::Theme::HighContrast);
    assert_eq!(h.ctx.global_style().visuals.extreme_bg_color, egui::Color32::BLACK);
}

#[test]
fn hush_and_panic_keys_act_through_the_host_parameters() {
    let host = TestHost::new("out: sine 440 * 0.3\n");
    let gui_inner = Arc::new(RecordingGuiContext::default());
    let mut app = App::new(host.clone());
    app.set_gui_context(GuiContext::new(gui_inner.clone()));
    // Frames 50 ms apart, so the panic switch is seen on before it turns off.
    let mut h = Harness::builder()
        .with_size(egui::vec2(1200.0, 720.0))
        .with_step_dt(0.05)
        .build_ui_state(|ui, app: &mut App| app.draw(ui), app);
    h.run_steps(2);
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(2);
    assert!(peak(&host.render(0.2).0) > 0.2);
    press_with(&mut h, Modifiers::COMMAND, Key::Period);
    assert!(host.hush.value(), "Ctrl+. hushes");
    // The hush fades over half a second.
    let (main, _) = host.render(1.0);
    let tail = &main[main.len() * 3 / 4..];
    assert!(peak(tail) < 1e-3, "hushed: {}", peak(tail));
    assert!(code_focused(&h), "the keyboard stays in the code");
    press_with(&mut h, Modifiers::COMMAND, Key::Period);
    assert!(!host.hush.value());
    let (main, _) = host.render(1.0);
    assert!(peak(&main[main.len() * 3 / 4..]) > 0.2, "back");
    // Panic: on, seen by the audio thread, then off again by itself.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Period);
    h.run_steps(1);
    assert!(host.panic.value(), "{:?}", gui_inner.gestures.lock().unwrap());
    assert!(!host.hush.value(), "Ctrl+Shift+. is panic, not hush");
    host.render(0.05);
    for _ in 0..8 {
        h.step();
    }
    assert!(!host.panic.value(), "the switch turns off again");
    let g = gui_inner.gestures.lock().unwrap().clone();
    for want in ["set Hush 1", "set Hush 0", "set Panic 1", "set Panic 0"] {
        assert!(g.iter().any(|x| x == want), "{want} in {g:?}");
    }
    // And the buttons.
    h.get_by_label("Hush").click();
    h.run_steps(2);
    assert!(host.hush.value());
    h.run_steps(1);
    assert!(code_focused(&h));
    // Ctrl+H and Ctrl+Alt+H do the same where the window never sees Ctrl with punctuation,
    // and the code is untouched (Ctrl+H would otherwise delete a character).
    let text = h.state().text().to_string();
    press_with(&mut h, CTRL, Key::H);
    assert!(!host.hush.value());
    h.key_press_modifiers(Modifiers { alt: true, ..CTRL }, Key::H);
    h.run_steps(1);
    assert!(host.panic.value() && !host.hush.value());
    assert_eq!(h.state().text(), text);
}

#[test]
fn panels_and_meters_leave_the_code_most_of_the_window() {
    let eight: String = (1..=8).map(|k| format!("out{k}: sine {} * 0.05\n", 100 * k)).collect();
    for (w, hgt) in [(800.0, 500.0), (1200.0, 720.0)] {
        let host = TestHost::new(&eight);
        let mut h = sized_harness(App::new(host.clone()), w, hgt);
        h.run_steps(2);
        h.get_by_label("out8");
        for panel in ["Presets", "Settings"] {
            h.get_by_label(panel).click();
            h.run_steps(3);
            let code = h.get_by_role(Role::MultilineTextInput).rect();
            assert!(code.width() >= 0.6 * w, "{panel} at {w}x{hgt}: code {} wide", code.width());
            assert!(code.height() >= 0.55 * hgt, "{panel} at {w}x{hgt}: code {} high", code.height());
        }
    }
}

#[test]
fn the_reference_opens_from_the_keyboard_and_inserts_at_the_cursor() {
    let host = TestHost::new("out: s \"bd\"\n");
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(2);
    // The cursor after `out: `.
    press_with(&mut h, CTRL, Key::Home);
    for _ in 0..5 {
        press(&mut h, Key::ArrowRight);
    }
    press_with(&mut h, Modifiers::COMMAND, Key::D);
    assert!(h.get_by_role(Role::TextInput).is_focused(), "the search field takes the keys");
    type_keys(&mut h, "lpf");
    assert_eq!(h.state().text(), "out: s \"bd\"\n", "the search is not typed into the code");
    // The help of the first match shows, with its example.
    let lpf = phonon_engine::registry::lookup("lpf");
    let shown = lpf.iter().find(|f| h.query_by_label(f.help).is_some()).expect("the help of lpf");
    h.get_by_label(shown.example);
    press(&mut h, Key::Enter);
    assert_eq!(h.state().text(), "out: lpfs \"bd\"\n");
    assert!(code_focused(&h), "back in the code after inserting");
    type_keys(&mut h, " ");
    assert_eq!(h.state().text(), "out: lpf s \"bd\"\n");
    // The panel stays open (its search field is the one single-line field); Ctrl+D closes it
    // and opens it again, ready for a search.
    h.get_by_role(Role::TextInput);
    press_with(&mut h, Modifiers::COMMAND, Key::D);
    assert!(h.query_by_role(Role::TextInput).is_none());
    assert!(code_focused(&h));
    press_with(&mut h, Modifiers::COMMAND, Key::D);
    assert!(h.get_by_role(Role::TextInput).is_focused());
    // Sounds are listed: search, then click.
    press_with(&mut h, Modifiers::COMMAND, Key::A);
    type_keys(&mut h, "bd");
    h.get_all_by_label("bd").last().expect("the bd sample set").click();
    h.run_steps(2);
    assert_eq!(h.state().text(), "out: lpf bds \"bd\"\n");
}

/// The words of `text` lit now.
fn lit_words(h: &Harness<'_, App>) -> Vec<String> {
    let text = h.state().text();
    h.state().lit().iter().map(|r| text[r.clone()].to_string()).collect()
}

#[test]
fn each_step_is_lit_while_it_sounds_and_follows_edits() {
    // 0.5 cycles per second at 48 kHz: a cycle is 96000 samples, each `bd` 12000, `sn` and
    // `cp` 24000.
    let program = "out: s \"bd*4 [sn cp]\"";
    let host = TestHost::new(program);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    assert!(h.state().lit().is_empty(), "nothing plays yet");
    host.render(1.6);
    for (heard, word) in [(100.0, "bd"), (30_000.0, "bd"), (48_000.0, "sn"), (71_999.0, "sn"), (72_000.0, "cp")] {
        host.hear(heard);
        h.run_steps(1);
        assert_eq!(lit_words(&h), [word], "at sample {heard}");
    }
    // Lit where it is in the text: the `cp` inside the brackets.
    let cp = program.find("cp").unwrap();
    host.hear(80_000.0);
    h.run_steps(1);
    assert_eq!(h.state().lit(), [cp..cp + 2]);

    // Typed above the code (not evaluated): the lit word moves with the text.
    type_program(&mut h, &format!("-- drums\n{program}"));
    h.run_steps(1);
    assert_eq!(lit_words(&h), ["cp"]);
    assert_eq!(h.state().lit()[0].start, cp + 9);
    // The word itself edited: it is not lit on characters that no longer played.
    type_program(&mut h, "out: s \"bd*4 [sn hh]\"");
    h.run_steps(1);
    assert!(h.state().lit().is_empty(), "{:?}", lit_words(&h));

    // Evaluated, the new program's steps light its words once they sound.
    evaluate_with_keys(&mut h);
    host.render(2.0);
    host.hear(96_000.0 + 74_000.0);
    h.run_steps(1);
    assert_eq!(host.program(), h.state().text());
    assert_eq!(lit_words(&h), ["hh"]);
    // Past every step: nothing lit, and no more redraws asked for on their account.
    host.hear(96_000.0 * 10.0);
    h.run_steps(1);
    assert!(h.state().lit().is_empty());
}

#[test]
fn the_pianoroll_and_scope_open_from_the_keyboard() {
    let host = TestHost::new(SILENT);
    let mut h = harness(App::new(host.clone()));
    h.run_steps(2);
    type_program(&mut h, "out1: s \"bd*4 [sn cp]\"\nout2: note \"c e g\" # s \"superpiano\" # amp 0.3");
    evaluate_with_keys(&mut h);
    host.render(0.5);
    assert_eq!(h.state().views(), (false, false, 0));

    // The pianoroll: this cycle and the next, a lane per output.
    press_with(&mut h, CTRL, Key::R);
    assert!(h.state().views().0);
    h.get_by_label("pianoroll");
    let roll = h.state().roll().to_vec();
    let drums: Vec<&str> = roll.iter().filter(|e| e.output == 1).map(|e| e.label.as_str()).collect();
    assert_eq!(drums, ["bd", "bd", "bd", "bd", "sn", "cp"].repeat(2));
    assert_eq!(roll.iter().filter(|e| e.output == 2).count(), 6);
    assert!(code_focused(&h), "the keys stay in the code");

    // The scope, on the output chosen with Ctrl+Alt+E: it shows that output's sound.
    press_with(&mut h, CTRL, Key::E);
    assert_eq!(h.state().views(), (true, true, 0));
    h.get_by_label("scope");
    let ctrl_alt = Modifiers { alt: true, ..CTRL };
    press_with(&mut h, ctrl_alt, Key::E);
    press_with(&mut h, ctrl_alt, Key::E);
    assert_eq!(h.state().views().2, 2);
    h.run_steps(1);
    host.render(0.3);
    let mut seen = vec![0.0; 2048];
    assert!(host.scope(2, &mut seen));
    assert!(peak(&seen) > 0.01, "the scope holds out2's notes");
    // The code keeps its room below; both views close again.
    press_with(&mut h, CTRL, Key::R);
    press_with(&mut h, CTRL, Key::E);
    assert_eq!(h.state().views(), (false, false, 2));
    assert!(code_focused(&h));
    // The toolbar's buttons do the same, and give the keys back to the code.
    h.get_by_label("Roll").click();
    h.run_steps(3);
    assert!(h.state().views().0);
    assert!(code_focused(&h));
}

#[test]
fn the_views_leave_the_code_its_room() {
    let program = "out1: s \"bd*4 [sn cp]\"\nout2: note \"c e g\" # s \"superpiano\"\n";
    for (w, hgt) in [(800.0, 500.0), (1200.0, 720.0), (1400.0, 1000.0)] {
        let host = TestHost::new(program);
        let mut h = sized_harness(App::new(host.clone()), w, hgt);
        h.run_steps(2);
        let before = h.get_by_role(Role::MultilineTextInput).rect();
        press_with(&mut h, CTRL, Key::R);
        press_with(&mut h, CTRL, Key::E);
        h.run_steps(2);
        assert_eq!(h.state().views(), (true, true, 0));
        let code = h.get_by_role(Role::MultilineTextInput).rect();
        // Below the code only while it keeps 400 px; beside it (a third of the width at most)
        // in a shorter window.
        assert!(code.height() >= before.height().min(400.0) - 1.0, "{w}x{hgt}: code {} high", code.height());
        assert!(code.width() >= 0.6 * before.width(), "{w}x{hgt}: code {} wide", code.width());
    }
}
