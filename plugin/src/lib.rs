//! Phonon as a CLAP and VST3 plugin: two plugins in one bundle (see [`ports`]), host
//! parameters ([`params`]), the saved state ([`state`]), the compile worker ([`worker`]) and the
//! editor window. The audio thread runs the engine through a [`HostAdapter`].

pub mod bank;
pub mod editor;
mod editor_host;
pub mod midi;
pub mod params;
pub mod ports;
pub mod state;
mod vst3_entry;
pub mod worker;

use midi::NoteInput;
use nice_plug::prelude::*;
use params::{PhononParams, OUTPUTS};
use phonon_engine::graph::{HostAdapter, HostOutputs, Transport as EngineTransport, MACROS};
use phonon_engine::render::Session;
use ports::{Multi, Stereo, Variant};
use std::marker::PhantomData;
use std::sync::Arc;
use worker::{Job, Shared, Worker};

pub use state::DEFAULT_PROGRAM;

/// The stereo plugin.
pub type Phonon = PhononPlugin<Stereo>;
/// The multi-output plugin.
pub type PhononMulti = PhononPlugin<Multi>;

pub struct PhononPlugin<V: Variant> {
    /// What the audio thread works with; present while active. Declared first so that it is
    /// dropped before the worker, which then frees the graphs the engine held.
    audio: Option<Audio>,
    params: Arc<PhononParams>,
    shared: Arc<Shared>,
    worker: Worker,
    variant: PhantomData<fn() -> V>,
}

/// The audio thread's state, built on activation.
struct Audio {
    adapter: HostAdapter,
    /// Copy of the host's input (hosts process in place): as long as the longest host call.
    input: [Vec<f32>; 2],
    has_input: bool,
    notes: NoteInput,
    /// Last values of the command parameters, to act on their changes.
    hush: bool,
    panic: bool,
    /// Seconds per sample, to measure the share of the real-time budget a call uses.
    sample_period: f32,
    /// The host renders offline (a bounce): blocks wait for a restored program to be built.
    offline: bool,
}

/// Longest an offline block waits for a restored program (a real-time block never waits).
const OFFLINE_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

impl<V: Variant> Default for PhononPlugin<V> {
    fn default() -> Self {
        let params = Arc::new(PhononParams::default());
        let shared = Arc::new(Shared::new(params.clone()));
        let worker = Worker::spawn(shared.clone());
        PhononPlugin { audio: None, params, shared, worker, variant: PhantomData }
    }
}

impl Audio {
    /// Hand the parameters to the adapter (audio thread; reads atomics only).
    fn apply_params(&mut self, p: &PhononParams) {
        let a = &mut self.adapter;
        a.set_freerun(p.freerun.value());
        a.set_master_gain(p.gain.value());
        // A program's own `hush`/unhush at a swap does not override the host's hush.
        let hush = p.hush.value();
        if hush || hush != self.hush {
            a.set_hush(hush);
        }
        self.hush = hush;
        let panic = p.panic.value();
        if panic && !self.panic {
            a.panic();
            self.notes.clear();
        }
        self.panic = panic;
        for (k, m) in p.macros.iter().enumerate().take(MACROS) {
            a.set_macro(k, m.value.value());
        }
        for (k, g) in p.output_gains().into_iter().enumerate() {
            a.set_output_gain(k + 1, g);
        }
    }
}

impl<V: Variant> Plugin for PhononPlugin<V> {
    const NAME: &'static str = V::NAME;
    const VENDOR: &'static str = "Phonon";
    const URL: &'static str = "https://github.com/phonon-music/phonon";
    const EMAIL: &'static str = "phonon@example.org";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    const AUDIO_IO_LAYOUTS: &'static [AudioIOLayout] = V::LAYOUTS;
    const MIDI_INPUT: MidiConfig = MidiConfig::Basic;
    const MIDI_OUTPUT: MidiConfig = MidiConfig::Basic;
    const SAMPLE_ACCURATE_AUTOMATION: bool = true;

    type SysExMessage = ();
    type BackgroundTask = ();
    type Editor = editor::Editor;

    fn params(&self) -> Arc<dyn Params> {
        self.params.clone()
    }

    fn editor(&mut self, _async_executor: AsyncExecutor<Self>) -> Option<Self::Editor> {
        editor::create(Arc::new(editor_host::PluginEditorHost::new(
            self.shared.clone(),
            self.worker.jobs(),
            V::AUX_OUTPUTS,
        )))
    }

    /// Host state, before nice-plug applies it (any thread the host loads state on).
    fn filter_state(state: &mut PluginState) {
        state::filter_state(state);
    }

    /// Main thread. Builds the engine for this sample rate and compiles the saved program
    /// here, so the first block already plays it; then the compile worker takes the session.
    fn activate(
        &mut self,
        layout: &AudioIOLayout,
        config: &BufferConfig,
        ctx: &mut impl ActivateContext<Self>,
    ) -> bool {
        let sr = config.sample_rate.round().max(1.0) as u32;
        let (bank, _) = self.shared.bank();
        let mut session = Session::new(sr, bank);
        let restores = self.params.state.restores();
        self.shared.compile_saved_program(&session);
        let Some(mut engine) = session.take_engine() else { return false };
        engine.set_step_feed(self.shared.steps.clone());
        *self.shared.engine.lock().unwrap_or_else(|e| e.into_inner()) = Some(engine.status());
        let max = config.max_buffer_size.max(1) as usize;
        let mut audio = Audio {
            adapter: HostAdapter::new(engine),
            input: [vec![0.0; max], vec![0.0; max]],
            has_input: layout.main_input_channels.is_some(),
            notes: NoteInput::default(),
            hush: false,
            panic: self.params.panic.value(),
            sample_period: 1.0 / config.sample_rate.max(1.0),
            offline: config.process_mode == ProcessMode::Offline,
        };
        audio.apply_params(&self.params);
        // A previous engine is dropped here, on the main thread, before its session goes.
        self.audio = Some(audio);
        self.worker.send(Job::Attach { session: Box::new(session), restores });
        ctx.set_latency_samples(HostAdapter::LATENCY);
        true
    }

    /// Main thread. The engine is dropped here; the worker frees what it still held.
    fn deactivate(&mut self) {
        self.audio = None;
        *self.shared.engine.lock().unwrap_or_else(|e| e.into_inner()) = None;
        self.worker.send(Job::Detach);
    }

    /// Audio thread (or the host's thread before processing): a clean state.
    fn reset(&mut self) {
        if let Some(a) = self.audio.as_mut() {
            a.adapter.reset();
            a.notes.clear();
        }
    }

    /// Audio thread: no allocation, no locks, no waiting. Reads the parameters, transport and
    /// notes, runs the engine through the adapter, and sends the engine's notes out.
    fn process(
        &mut self,
        buffer: &mut Buffer,
        aux: &mut AuxiliaryBuffers,
        ctx: &mut impl ProcessContext<Self>,
    ) -> ProcessStatus {
        let started = std::time::Instant::now();
        let len = buffer.samples();
        let Some(audio) = self.audio.as_mut() else {
            for ch in buffer.as_slice() {
                ch.fill(0.0);
            }
            return ProcessStatus::Normal;
        };
        // Offline, a restored program is built before the block that follows the restore (a
        // bounce right after opening a project plays it from its first sample). In real time
        // the restore itself waited for the build, on the host's thread.
        if audio.offline {
            self.shared.wait_restores_built(OFFLINE_WAIT);
        }
        let t = ctx.transport();
        audio.adapter.transport(EngineTransport { playing: t.playing, beats: t.pos_beats(), bpm: t.tempo });
        audio.apply_params(&self.params);
        let adapter = &mut audio.adapter;
        while let Some(event) = ctx.next_event() {
            audio.notes.feed(event, &mut |e, offset| adapter.midi_in(e, offset));
        }

        let chans = buffer.as_slice();
        let have_input = audio.has_input && chans.len() >= 2 && audio.input[0].len() >= len;
        if have_input {
            audio.input[0][..len].copy_from_slice(&chans[0][..len]);
            audio.input[1][..len].copy_from_slice(&chans[1][..len]);
        }
        let input = if have_input { Some([&audio.input[0][..len], &audio.input[1][..len]]) } else { None };
        let mut ports: [[&mut [f32]; 2]; 1 + OUTPUTS] = Default::default();
        let n = ports::output_ports(chans, aux.outputs, &mut ports, V::AUX_OUTPUTS);
        audio.adapter.process(len, input, &mut HostOutputs { ports: &mut ports[..n] });

        for e in audio.adapter.host_midi_out().events() {
            let _ = ctx.try_send_event(midi::to_host(e));
        }
        // For the editor's load display (reading the clock neither allocates nor blocks).
        let budget = len as f32 * audio.sample_period;
        if budget > 0.0 {
            let load = started.elapsed().as_secs_f32() / budget;
            self.shared.load.store(load.to_bits(), std::sync::atomic::Ordering::Relaxed);
        }
        ProcessStatus::KeepAlive
    }
}

impl<V: Variant> ClapPlugin for PhononPlugin<V> {
    const CLAP_ID: &'static str = V::CLAP_ID;
    const CLAP_DESCRIPTION: Option<&'static str> = Some("Live-coding music language");
    const CLAP_MANUAL_URL: Option<&'static str> = None;
    const CLAP_SUPPORT_URL: Option<&'static str> = None;
    const CLAP_FEATURES: &'static [ClapFeature] =
        &[ClapFeature::Instrument, ClapFeature::Synthesizer, ClapFeature::Stereo];
}

impl<V: Variant> Vst3Plugin for PhononPlugin<V> {
    const VST3_CLASS_ID: [u8; 16] = V::VST3_CLASS_ID;
    const VST3_SUBCATEGORIES: &'static [Vst3SubCategory] = &[Vst3SubCategory::Instrument, Vst3SubCategory::Synth];
}

nice_export_clap!(Phonon, PhononMulti);
// The VST3 entry points are in `vst3_entry`, which puts a guard in front of nice-plug's wrapper.
