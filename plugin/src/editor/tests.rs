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
use phonon_engine::graph::{EngineStatus, HostAdapter, HostOutputs};
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
    settings: Mutex<EditorSettings>,
    folders: Mutex<Vec<PathBuf>>,
}

impl TestHost {
    fn new(program: &str) -> Arc<TestHost> {
        let mut session = Session::new(SR, Arc::new(Bank::builtin()));
        session.load(program).expect("the starting program compiles");
        let engine = session.take_engine().unwrap();
        let status = engine.status();
        Arc::new(TestHost {
            session: Mutex::new(session),
            adapter: Mutex::new(HostAdapter::new(engine)),
            status,
            program: Mutex::new(program.to_string()),
            outputs: std::array::from_fn(|i| OutputParams::new(i + 1)),
            settings: Mutex::new(EditorSettings::default()),
            folders: Mutex::new(Vec::new()),
        })
    }

    /// Render `seconds` of audio as the plugin's process() would: output gains from the host
    /// parameters, then the engine. Returns (main left, numbered outputs' left channels).
    fn render(&self, seconds: f32) -> (Vec<f32>, Vec<Vec<f32>>) {
        let mut adapter = self.adapter.lock().unwrap();
        let any_solo = self.outputs.iter().any(|o| o.solo.value());
        for (i, o) in self.outputs.iter().enumerate() {
            adapter.set_output_gain(i + 1, o.effective_gain(any_solo));
        }
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
        s.load(text).map_err(|e| editor_errors(&e))?;
        *self.program.lock().unwrap() = text.to_string();
        Ok(())
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
    Harness::builder().with_size(egui::vec2(1200.0, 720.0)).build_ui_state(|ui, app: &mut App| app.draw(ui), app)
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
        Arc::new(crate::editor_host::PluginEditorHost::new(plugin.shared.clone(), plugin.worker.jobs()));
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
        Arc::new(crate::editor_host::PluginEditorHost::new(plugin.shared.clone(), plugin.worker.jobs()));
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
        Arc::new(crate::editor_host::PluginEditorHost::new(plugin.shared.clone(), plugin.worker.jobs()));
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
