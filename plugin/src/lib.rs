//! Phonon as a CLAP and VST3 plugin: the program text lives in the plugin state, is compiled
//! off the audio thread, and its graph is handed to the audio thread lock-free.

pub mod editor;
mod params;

use nice_plug::prelude::*;
use params::PhononParams;
use phonon_engine::graph::{EngineStatus, HostAdapter, HostOutputs, Transport as EngineTransport};
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The program a fresh instance plays.
pub const DEFAULT_PROGRAM: &str = "-- Phonon: edit and press Ctrl+Enter\nout: sine 440 * 0.2\n";

/// What the plugin's threads share (never touched by the audio thread).
pub struct Shared {
    pub params: Arc<PhononParams>,
    /// The compile side of the engine: present while the plugin is active.
    pub session: Mutex<Option<Session>>,
    /// The last compile error, for the editor.
    pub error: Mutex<Option<String>>,
    /// The running engine's meters and clock, for the editor.
    pub status: Mutex<Option<Arc<EngineStatus>>>,
    /// Share of the real-time budget the last `process()` used, as f32 bits.
    pub load: AtomicU32,
    /// The sample bank and the folders it was loaded from (editor/foundation_host.rs).
    pub bank: Mutex<Option<(Vec<std::path::PathBuf>, Arc<Bank>)>>,
    pub samples: Mutex<editor::SampleStatus>,
    /// Itself, for the editor's background work.
    pub self_ref: std::sync::Weak<Shared>,
}

impl Shared {
    /// Compile `text` and hand it to the engine. On success the text becomes the saved program;
    /// on failure the running program keeps playing and the error is kept for display.
    pub fn evaluate(&self, text: &str) -> Result<(), String> {
        let mut guard = self.session.lock().unwrap_or_else(|e| e.into_inner());
        let result = match guard.as_mut() {
            Some(s) => {
                s.collect();
                s.load(text).map_err(|e| e.render("program", text))
            }
            None => Ok(()), // not active: the text is compiled on activation
        };
        match &result {
            Ok(()) => {
                *self.params.program.write().unwrap_or_else(|e| e.into_inner()) = text.to_string();
                *self.error.lock().unwrap_or_else(|e| e.into_inner()) = None;
            }
            Err(m) => *self.error.lock().unwrap_or_else(|e| e.into_inner()) = Some(m.clone()),
        }
        result
    }
}

pub struct Phonon {
    shared: Arc<Shared>,
    adapter: Option<HostAdapter>,
    /// Copy of the host input (hosts process in place), allocated at activation.
    input: [Vec<f32>; 2],
    sample_rate: f32,
}

impl Default for Phonon {
    fn default() -> Self {
        let params = Arc::new(PhononParams::default());
        Phonon {
            shared: Arc::new_cyclic(|me| Shared {
                params,
                session: Mutex::new(None),
                error: Mutex::new(None),
                status: Mutex::new(None),
                load: AtomicU32::new(f32::NAN.to_bits()),
                bank: Mutex::new(None),
                samples: Mutex::new(editor::SampleStatus::default()),
                self_ref: me.clone(),
            }),
            adapter: None,
            input: [Vec::new(), Vec::new()],
            sample_rate: 48000.0,
        }
    }
}

impl Plugin for Phonon {
    const NAME: &'static str = "Phonon";
    const VENDOR: &'static str = "Phonon";
    const URL: &'static str = "https://github.com/phonon-music/phonon";
    const EMAIL: &'static str = "phonon@example.org";
    const VERSION: &'static str = env!("CARGO_PKG_VERSION");

    const AUDIO_IO_LAYOUTS: &'static [AudioIOLayout] = &[
        AudioIOLayout {
            main_input_channels: NonZeroU32::new(2),
            main_output_channels: NonZeroU32::new(2),
            ..AudioIOLayout::const_default()
        },
        AudioIOLayout { main_output_channels: NonZeroU32::new(2), ..AudioIOLayout::const_default() },
    ];
    const SAMPLE_ACCURATE_AUTOMATION: bool = true;

    type SysExMessage = ();
    type BackgroundTask = ();
    type Editor = editor::Editor;

    fn params(&self) -> Arc<dyn Params> {
        self.shared.params.clone()
    }

    fn editor(&mut self, _async_executor: AsyncExecutor<Self>) -> Option<Self::Editor> {
        editor::create(self.shared.clone())
    }

    /// Main thread. Builds the engine for this sample rate and compiles the saved program, so
    /// the first block already plays it.
    fn activate(
        &mut self,
        _layout: &AudioIOLayout,
        config: &BufferConfig,
        ctx: &mut impl ActivateContext<Self>,
    ) -> bool {
        let sr = config.sample_rate.round().max(1.0) as u32;
        let mut session = Session::new(sr, self.shared.sample_bank());
        let text = self.shared.params.program.read().unwrap_or_else(|e| e.into_inner()).clone();
        if let Err(e) = session.load(&text) {
            *self.shared.error.lock().unwrap_or_else(|e| e.into_inner()) = Some(e.render("program", &text));
        }
        let Some(engine) = session.take_engine() else { return false };
        *self.shared.status.lock().unwrap_or_else(|e| e.into_inner()) = Some(engine.status());
        self.sample_rate = sr as f32;
        self.adapter = Some(HostAdapter::new(engine));
        let max = config.max_buffer_size.max(1) as usize;
        self.input = [vec![0.0; max], vec![0.0; max]];
        *self.shared.session.lock().unwrap_or_else(|e| e.into_inner()) = Some(session);
        ctx.set_latency_samples(HostAdapter::LATENCY);
        true
    }

    fn deactivate(&mut self) {
        self.adapter = None;
        *self.shared.session.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// Audio thread: no allocation, no locks.
    fn process(
        &mut self,
        buffer: &mut Buffer,
        _aux: &mut AuxiliaryBuffers,
        ctx: &mut impl ProcessContext<Self>,
    ) -> ProcessStatus {
        let Some(adapter) = self.adapter.as_mut() else { return ProcessStatus::Normal };
        let started = Instant::now();
        let len = buffer.samples();
        let outputs = &self.shared.params.outputs;
        let any_solo = outputs.iter().any(|o| o.solo.value());
        for (i, o) in outputs.iter().enumerate() {
            adapter.set_output_gain(i + 1, o.effective_gain(any_solo));
        }
        let t = ctx.transport();
        adapter.transport(EngineTransport { playing: t.playing, beats: t.pos_beats(), bpm: t.tempo });
        let chans = buffer.as_slice();
        let have_input = chans.len() >= 2 && self.input[0].len() >= len;
        if have_input {
            self.input[0][..len].copy_from_slice(&chans[0][..len]);
            self.input[1][..len].copy_from_slice(&chans[1][..len]);
        }
        let input = if have_input { Some([&self.input[0][..len], &self.input[1][..len]]) } else { None };
        match chans {
            [l, r, ..] => {
                let mut ports = [[&mut **l, &mut **r]];
                adapter.process(len, input, &mut HostOutputs { ports: &mut ports });
            }
            _ => return ProcessStatus::Normal,
        }
        if let [l, r, ..] = buffer.as_slice() {
            for i in 0..len {
                let g = self.shared.params.gain.smoothed.next();
                l[i] *= g;
                r[i] *= g;
            }
        }
        let budget = len as f32 / self.sample_rate;
        if budget > 0.0 {
            self.shared.load.store((started.elapsed().as_secs_f32() / budget).to_bits(), Ordering::Relaxed);
        }
        ProcessStatus::KeepAlive
    }
}

impl ClapPlugin for Phonon {
    const CLAP_ID: &'static str = "org.phonon.phonon";
    const CLAP_DESCRIPTION: Option<&'static str> = Some("Live-coding music language");
    const CLAP_MANUAL_URL: Option<&'static str> = None;
    const CLAP_SUPPORT_URL: Option<&'static str> = None;
    const CLAP_FEATURES: &'static [ClapFeature] =
        &[ClapFeature::Instrument, ClapFeature::Synthesizer, ClapFeature::Stereo];
}

impl Vst3Plugin for Phonon {
    const VST3_CLASS_ID: [u8; 16] = *b"PhononLiveCode01";
    const VST3_SUBCATEGORIES: &'static [Vst3SubCategory] = &[Vst3SubCategory::Instrument, Vst3SubCategory::Synth];
}

nice_export_clap!(Phonon);
nice_export_vst3!(Phonon);
