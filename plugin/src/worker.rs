//! The compile worker: a thread of each plugin instance that compiles and builds programs and
//! hands the graphs to the audio thread through the engine's lock-free queue.
//!
//! Edits from the editor and state restores from the host arrive as [`Job`]s on a channel.
//! Whatever piled up while a program compiled is drained at once and only the latest program is
//! compiled (rapid edits coalesce). The audio thread never waits for this thread: it picks up a
//! graph when one is there. Graphs the audio thread let go of are freed here, every
//! [`COLLECT_INTERVAL`]. Results go to [`Status`], which only the editor reads.

use crate::bank::{folder_paths, load_bank};
use crate::params::PhononParams;
use phonon_engine::compile::{compile, depth, CompileEnv};
use phonon_engine::graph::{EngineStatus, Prepared, StepFeed};
use phonon_engine::lang::{Diagnostic, Errors};
use phonon_engine::pattern::Pattern;
use phonon_engine::render::Session;
use phonon_engine::samples::Bank;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often dropped graphs are freed when nothing else happens.
pub const COLLECT_INTERVAL: Duration = Duration::from_millis(50);

/// What the editor shows of the compile side.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Status {
    /// The last compile error, with line, column and caret; `None` after a success.
    pub error: Option<String>,
    /// The text of the last failed compile and its diagnostics (spans for the editor).
    pub failed: Option<(String, Errors)>,
    /// Sample folder warnings and notices about restored state.
    pub notices: Vec<String>,
    /// Programs compiled and handed to the engine so far.
    pub compiled: u64,
    /// Why parts of the last compiled program are silent (`fast 0`, empty or overflowing
    /// patterns, events without a sound), one `line L, column C: message` each, for the
    /// editor's status line. Empty after a compile without warnings; kept after a failure.
    pub warnings: Vec<String>,
}

/// What the plugin's threads share. The audio thread reads the parameters and writes `load`;
/// nothing else here is touched by it.
pub struct Shared {
    pub params: Arc<PhononParams>,
    pub status: Mutex<Status>,
    banks: Mutex<BankCache>,
    /// The running engine's lock-free status (meters, cycle, tempo), while active.
    pub engine: Mutex<Option<Arc<EngineStatus>>>,
    /// Share of the real-time budget the last host call used, as f32 bits (NaN: not measured).
    pub load: AtomicU32,
    /// Sample folders were chosen and their bank is not loaded yet.
    pub samples_loading: AtomicBool,
    /// The steps each engine this plugin runs starts playing, for the editor to light.
    pub steps: Arc<StepFeed>,
    /// The patterns of the program last sent to the engine, with their outputs (pianoroll).
    pub patterns: Mutex<Vec<(u32, Pattern)>>,
    /// The host restores whose programs the worker has built (or found broken).
    built: Arc<Built>,
}

/// How many restores have been built, and a signal for whoever waits on them.
#[derive(Default)]
pub struct Built {
    count: Mutex<u64>,
    changed: Condvar,
}

impl Built {
    fn publish(&self, restores: u64) {
        let mut c = self.count.lock().unwrap_or_else(|e| e.into_inner());
        if restores > *c {
            *c = restores;
            self.changed.notify_all();
        }
    }

    /// Wait (at most `timeout`) until restore `n` is built; whether it is.
    pub fn wait(&self, n: u64, timeout: Duration) -> bool {
        let c = self.count.lock().unwrap_or_else(|e| e.into_inner());
        let (c, _) = self.changed.wait_timeout_while(c, timeout, |c| *c < n).unwrap_or_else(|e| e.into_inner());
        *c >= n
    }

    pub fn get(&self) -> u64 {
        *self.count.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Longest a restore waits for its program to be built (a program that takes longer still
/// arrives, late).
pub const RESTORE_WAIT: Duration = Duration::from_secs(10);

/// What a state restore uses to reach the compile worker: it hands over the restore and waits
/// until its program is built, so the block after the restore already plays it.
#[derive(Clone)]
pub struct Waker {
    jobs: Sender<Job>,
    built: Arc<Built>,
}

impl Waker {
    /// Restore `n` happened: build its program now and wait for it (off the audio thread).
    pub fn restored(&self, n: u64) {
        if self.jobs.send(Job::Restored).is_ok() {
            self.built.wait(n, RESTORE_WAIT);
        }
    }
}

/// The bank of the last folder list, so that re-activation does not reload samples.
#[derive(Default)]
struct BankCache {
    folders: Option<Vec<String>>,
    bank: Arc<Bank>,
}

impl Shared {
    pub fn new(params: Arc<PhononParams>) -> Shared {
        Shared {
            params,
            status: Mutex::new(Status::default()),
            banks: Mutex::new(BankCache::default()),
            engine: Mutex::new(None),
            steps: Arc::new(StepFeed::default()),
            patterns: Mutex::new(Vec::new()),
            load: AtomicU32::new(f32::NAN.to_bits()),
            samples_loading: AtomicBool::new(false),
            built: Arc::new(Built::default()),
        }
    }

    /// Whether the program of every restore so far is built, waiting at most `timeout` for it
    /// (offline rendering only: a real-time audio thread never waits).
    pub fn wait_restores_built(&self, timeout: Duration) -> bool {
        let n = self.params.state.restores();
        n <= self.built.get() || self.built.wait(n, timeout)
    }

    /// The bank loaded last, without loading anything (`None` before the first load).
    pub fn loaded_bank(&self) -> Option<Arc<Bank>> {
        let cache = self.banks.lock().unwrap_or_else(|e| e.into_inner());
        cache.folders.is_some().then(|| cache.bank.clone())
    }

    /// Record the outcome of compiling `text`.
    fn compiled(&self, text: &str, result: Result<Vec<Diagnostic>, Errors>) {
        self.with_status(|s| match result {
            Ok(warnings) => {
                s.error = None;
                s.failed = None;
                s.compiled += 1;
                s.warnings = warnings
                    .iter()
                    .map(|w| {
                        let (l, c) = w.line_col(text);
                        format!("line {l}, column {c}: {}", w.message)
                    })
                    .collect();
            }
            Err(e) => {
                s.error = Some(e.render("program", text));
                s.failed = Some((text.to_string(), e));
            }
        });
    }

    pub fn status(&self) -> Status {
        self.status.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn with_status(&self, f: impl FnOnce(&mut Status)) {
        f(&mut self.status.lock().unwrap_or_else(|e| e.into_inner()));
    }

    /// The bank for the saved sample folders (loaded when they changed), and whether it changed.
    pub fn bank(&self) -> (Arc<Bank>, bool) {
        let folders = self.params.state.sample_folders();
        let mut cache = self.banks.lock().unwrap_or_else(|e| e.into_inner());
        if cache.folders.as_ref() == Some(&folders) {
            return (cache.bank.clone(), false);
        }
        let (bank, warnings) = load_bank(&folder_paths(&folders));
        *cache = BankCache { folders: Some(folders), bank: bank.clone() };
        drop(cache);
        self.with_status(|s| s.notices.retain(|n| !n.starts_with("sample folder")));
        self.with_status(|s| s.notices.extend(warnings));
        (bank, true)
    }

    /// Compile the saved program into `session` and send it (activation, main thread: the
    /// program is there before the first block). Returns whether it compiled.
    pub fn compile_saved_program(&self, session: &Session) -> bool {
        let text = self.params.state.program();
        self.take_restore_notice();
        let result = session.prepare_checked(&text).map(|(p, warnings)| {
            self.sent(&p);
            session.send(p);
            warnings
        });
        let ok = result.is_ok();
        self.compiled(&text, result);
        ok
    }

    /// `p` goes to the engine: its patterns are the ones the pianoroll shows.
    fn sent(&self, p: &Prepared) {
        *self.patterns.lock().unwrap_or_else(|e| e.into_inner()) = p.graph().patterns().to_vec();
    }

    fn take_restore_notice(&self) {
        if let Some(n) = self.params.state.take_notice() {
            self.with_status(|s| s.notices.push(n));
        }
    }
}

/// Work for the compile worker.
pub enum Job {
    /// Compile this text from the editor; on success it becomes the saved program.
    Evaluate(String),
    /// The host restored a state: compile its program (with its sample folders).
    Restored,
    /// Use these sample folders from now on and compile the program again.
    SampleFolders(Vec<String>),
    /// The plugin was activated: compile into this session from now on. `restores` is the
    /// restore count whose program the activation already compiled.
    Attach {
        session: Box<Session>,
        restores: u64,
    },
    /// The plugin was deactivated; its engine is gone.
    Detach,
    Shutdown,
}

/// The worker thread and the channel to it. Dropping it stops the thread.
pub struct Worker {
    jobs: Sender<Job>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    pub fn spawn(shared: Arc<Shared>) -> Worker {
        let (jobs, rx) = channel();
        shared.params.state.set_waker(Some(Waker { jobs: jobs.clone(), built: shared.built.clone() }));
        // A stack that fits the deepest program the language accepts.
        let thread = depth::spawn_with_compile_stack("phonon-compile", move || {
            WorkerLoop { shared, session: None, seen_restores: 0 }.run(rx)
        })
        .ok();
        Worker { jobs, thread }
    }

    /// A sender for the editor.
    pub fn jobs(&self) -> Sender<Job> {
        self.jobs.clone()
    }

    pub fn send(&self, job: Job) {
        let _ = self.jobs.send(job);
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.jobs.send(Job::Shutdown);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A compile the worker owes.
enum Compile {
    Text(String),
    Restored,
    Again,
}

struct WorkerLoop {
    shared: Arc<Shared>,
    session: Option<Session>,
    seen_restores: u64,
}

impl WorkerLoop {
    fn run(mut self, rx: Receiver<Job>) {
        loop {
            let first = match rx.recv_timeout(COLLECT_INTERVAL) {
                Ok(job) => Some(job),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            // Drain what piled up: only the latest compile request survives.
            let mut owed = None;
            let mut stop = false;
            for job in first.into_iter().chain(std::iter::from_fn(|| rx.try_recv().ok())) {
                match job {
                    Job::Evaluate(text) => owed = Some(Compile::Text(text)),
                    Job::Restored => owed = Some(Compile::Restored),
                    Job::SampleFolders(folders) => {
                        self.shared.params.state.update(|d| d.sample_folders = folders);
                        owed = Some(match owed {
                            Some(Compile::Text(t)) => Compile::Text(t),
                            _ => Compile::Again,
                        });
                    }
                    Job::Attach { session, restores } => {
                        self.drop_session();
                        self.session = Some(*session);
                        self.seen_restores = self.seen_restores.max(restores);
                    }
                    Job::Detach => self.drop_session(),
                    Job::Shutdown => stop = true,
                }
            }
            if stop {
                break;
            }
            if owed.is_none() && self.shared.params.state.restores() > self.seen_restores {
                owed = Some(Compile::Restored);
            }
            if let Some(c) = owed {
                self.compile(c);
            }
            // Restores the activation or this loop built: a waiting restore may go on.
            self.shared.built.publish(self.seen_restores);
            if let Some(s) = self.session.as_mut() {
                s.collect();
            }
        }
        self.drop_session();
        self.shared.params.state.set_waker(None);
    }

    fn compile(&mut self, c: Compile) {
        let state = &self.shared.params.state;
        // A restored project replaces what plays at once: a bounce right after it is loaded
        // sounds exactly as playback will.
        let cut = matches!(c, Compile::Restored);
        let text = match c {
            Compile::Text(t) => t,
            Compile::Restored => {
                self.seen_restores = state.restores();
                self.shared.take_restore_notice();
                state.program()
            }
            Compile::Again => state.program(),
        };
        let (bank, changed) = self.shared.bank();
        self.shared.samples_loading.store(false, Ordering::Release);
        if changed {
            if let Some(s) = self.session.as_mut() {
                s.set_bank(bank.clone());
            }
        }
        let result = match self.session.as_ref() {
            Some(s) => s.prepare_checked(&text).map(|(p, warnings)| {
                self.shared.sent(&p);
                s.send(if cut { p.cut() } else { p });
                warnings
            }),
            // Not active: check the program; it is built on activation.
            None => compile(&text, &CompileEnv::new(bank)).map(|mut plan| std::mem::take(&mut plan.warnings)),
        };
        if result.is_ok() {
            state.update(|d| d.program = text.clone());
        }
        self.shared.compiled(&text, result);
    }

    /// Free what the engine dropped, then the session itself (its engine is already gone).
    fn drop_session(&mut self) {
        if let Some(mut s) = self.session.take() {
            s.collect();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    /// Wait (bounded) for the worker to reach a state; no timing is asserted.
    fn wait_for(what: impl Fn() -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(60) {
            if what() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        false
    }

    #[test]
    fn good_programs_become_the_program_and_errors_keep_the_old_one() {
        let shared = Arc::new(Shared::new(Arc::new(PhononParams::default())));
        let worker = Worker::spawn(shared.clone());
        worker.send(Job::Evaluate("out: sine 110 * 0.1".into()));
        assert!(wait_for(|| shared.status().compiled == 1), "{:?}", shared.status());
        assert_eq!(shared.params.state.program(), "out: sine 110 * 0.1");
        worker.send(Job::Evaluate("out: sine (".into()));
        assert!(wait_for(|| shared.status().error.is_some()));
        assert_eq!(shared.params.state.program(), "out: sine 110 * 0.1");
        assert!(shared.status().error.unwrap().contains("program:1:"), "{:?}", shared.status().error);
    }

    /// `calls` host calls of 256 samples from a fresh adapter (left channel).
    fn play(adapter: &mut phonon_engine::graph::HostAdapter, calls: usize) -> Vec<f32> {
        let (mut l, mut r) = (vec![0.0f32; 256], vec![0.0f32; 256]);
        let mut out = Vec::new();
        for _ in 0..calls {
            let mut ports = [[&mut l[..], &mut r[..]]];
            adapter.process(256, None, &mut phonon_engine::graph::HostOutputs { ports: &mut ports });
            out.extend_from_slice(&l);
        }
        out
    }

    /// What `program` sounds like when it is there before the first block.
    fn reference(program: &str, calls: usize) -> Vec<f32> {
        let mut session = Session::new(48_000, Arc::new(Bank::builtin()));
        session.load(program).unwrap();
        let mut a = phonon_engine::graph::HostAdapter::new(session.take_engine().unwrap());
        let v = play(&mut a, calls);
        drop(a);
        session.collect();
        v
    }

    const RESTORED: &str = "out: s \"bd*4 sn\" # gain 0.8\n";

    /// A host that activates, restores a project and renders at once: the restore waits for
    /// the build, so the bounce sounds from its first sample, identical to playback.
    #[test]
    fn a_restored_program_is_built_before_the_next_block() {
        use crate::state::StateDoc;
        use nice_plug::params::persist::PersistentField;
        let shared = Arc::new(Shared::new(Arc::new(PhononParams::default())));
        let worker = Worker::spawn(shared.clone());
        let mut session = Session::new(48_000, shared.bank().0);
        // The activation compiled the program the instance had (the default).
        assert!(shared.compile_saved_program(&session));
        let engine = session.take_engine().unwrap();
        worker.send(Job::Attach { session: Box::new(session), restores: 0 });
        let mut adapter = phonon_engine::graph::HostAdapter::new(engine);
        shared.params.state.set(StateDoc { program: RESTORED.into(), ..StateDoc::default() });
        let got = play(&mut adapter, 40);
        assert!(got.iter().any(|x| x.abs() > 0.05), "silent");
        assert_eq!(got, reference(RESTORED, 40));
        drop(adapter);
        drop(worker);
    }

    /// Offline, a block waits for a restored program the worker has not built yet.
    #[test]
    fn offline_blocks_wait_for_a_pending_restore() {
        use crate::state::StateDoc;
        use nice_plug::params::persist::PersistentField;
        let shared = Arc::new(Shared::new(Arc::new(PhononParams::default())));
        // Restored before the worker runs (no waker): nothing is built yet.
        shared.params.state.set(StateDoc { program: RESTORED.into(), ..StateDoc::default() });
        assert!(!shared.wait_restores_built(Duration::from_millis(20)));
        let mut session = Session::new(48_000, shared.bank().0);
        let engine = session.take_engine().unwrap();
        let (jobs, rx) = channel();
        jobs.send(Job::Attach { session: Box::new(session), restores: 0 }).unwrap();
        let worker = WorkerLoop { shared: shared.clone(), session: None, seen_restores: 0 };
        let thread = std::thread::spawn(move || worker.run(rx));
        let mut adapter = phonon_engine::graph::HostAdapter::new(engine);
        // What the plugin's process() does offline before each block.
        assert!(shared.wait_restores_built(Duration::from_secs(60)));
        let got = play(&mut adapter, 40);
        assert_eq!(got, reference(RESTORED, 40));
        drop(adapter);
        jobs.send(Job::Shutdown).unwrap();
        thread.join().unwrap();
    }

    /// The deepest programs the language accepts compile on the worker's thread.
    #[test]
    fn deep_programs_compile_on_the_worker() {
        let shared = Arc::new(Shared::new(Arc::new(PhononParams::default())));
        let worker = Worker::spawn(shared.clone());
        let mut buses = String::from("~b0: saw 55 * 0.2\n");
        for i in 1..2000 {
            buses.push_str(&format!("~b{i}: ~b{} # lpf 2000\n", i - 1));
        }
        buses.push_str("out: ~b1999\n");
        let programs = [
            buses,
            format!("out: {}saw 55 * 0.2\n", "lpf 2000 $ ".repeat(2500)),
            format!("out: saw 55 * 0.2{}\n", " # lpf 2000".repeat(10_000)),
            format!("out: sine 220 * 0.2{}\n", " * 1".repeat(8200)),
        ];
        for (k, p) in programs.iter().enumerate() {
            worker.send(Job::Evaluate(p.clone()));
            assert!(wait_for(|| shared.status().compiled == k as u64 + 1), "{k}: {:?}", shared.status().error);
        }
    }

    #[test]
    fn warnings_reach_the_status() {
        let shared = Arc::new(Shared::new(Arc::new(PhononParams::default())));
        let worker = Worker::spawn(shared.clone());
        worker.send(Job::Evaluate("out: fast 0 $ s \"bd\"".into()));
        assert!(wait_for(|| shared.status().compiled == 1));
        let w = shared.status().warnings;
        assert!(w.iter().any(|w| w.starts_with("line 1, column 6: fast 0")), "{w:?}");
        worker.send(Job::Evaluate("out: s \"bd\"".into()));
        assert!(wait_for(|| shared.status().compiled == 2));
        assert!(shared.status().warnings.is_empty());
    }

    #[test]
    fn rapid_edits_coalesce_to_the_latest() {
        let shared = Arc::new(Shared::new(Arc::new(PhononParams::default())));
        // Fifty edits are waiting before the worker looks: it compiles only the last.
        let (jobs, rx) = channel();
        for i in 1..=50 {
            jobs.send(Job::Evaluate(format!("out: sine {} * 0.1", 100 + i))).unwrap();
        }
        let worker = WorkerLoop { shared: shared.clone(), session: None, seen_restores: 0 };
        let thread = std::thread::spawn(move || worker.run(rx));
        assert!(wait_for(|| shared.status().compiled == 1));
        jobs.send(Job::Shutdown).unwrap();
        thread.join().unwrap();
        assert_eq!(shared.status().compiled, 1);
        assert_eq!(shared.params.state.program(), "out: sine 150 * 0.1");
    }
}
