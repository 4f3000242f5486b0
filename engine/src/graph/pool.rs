//! Worker threads that help the audio thread run a fork-join: `count` independent tasks, each
//! run once by whichever thread claims it (the pool knows nothing of graphs: a task is an index
//! handed to a function).
//!
//! The audio thread publishes a fork-join (a [`Job`]) by bumping a generation counter, wakes any
//! sleeping worker, then claims tasks itself until none are left, and finally spins until the
//! tasks others claimed are done. The audio thread claims from the front of the task list and
//! the workers from the back, so from one block to the next a task tends to run on the same
//! core and its state (a reverb's delay lines) stays in that core's cache: claiming from one
//! shared counter moved tasks between cores every block, and on two threads `bench/wide.ph`
//! spent 15% more CPU time on the same work. Claims carry the generation, so a late worker can
//! never take a task of a newer stage with an old job in hand. Nothing here
//! allocates or takes a lock: publishing is atomics, waking is `Thread::unpark` (a futex
//! wake), joining is a spin on a counter that only finishing tasks can advance.

use super::boundary::HostIn;
use super::clock::Clock;
use super::node::Ctx;
use crate::pattern::host::{current_midi, with_midi, MidiNotes};
use crate::pattern::{QueryBuf, DEFAULT_CAPACITY};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::{JoinHandle, Thread};
use std::time::Duration;

/// Most worker threads a pool starts.
pub const MAX_WORKERS: usize = 31;
/// Most tasks one parallel stage hands out (the rest of a larger stage is never built: the
/// compiler caps programs well below this).
pub const MAX_STAGE_TASKS: u32 = 0xFFFF;
/// Spins a worker waits for the next stage before going to sleep (covers the gaps between
/// stages of one block, so workers stay awake while a block is being rendered).
const SPINS_BEFORE_SLEEP: u32 = 4000;

/// The tasks of one fork-join: task `i` (for `i` in `0..count`) is `run(i, ctx)`.
pub(crate) type Tasks<'a> = dyn Fn(u32, &mut Ctx) + Sync + 'a;

/// One fork-join, and what a worker's [`Ctx`] needs to see.
pub(crate) struct Job<'a> {
    tasks: &'a Tasks<'a>,
    count: u32,
    sample_rate: f32,
    block_start: i64,
    clock: Clock,
    host: &'a HostIn,
    midi: *const MidiNotes,
}

impl<'a> Job<'a> {
    pub fn new(tasks: &'a Tasks<'a>, count: u32, ctx: &Ctx<'a>) -> Job<'a> {
        Job {
            tasks,
            count,
            sample_rate: ctx.sample_rate,
            block_start: ctx.block_start,
            clock: *ctx.clock,
            host: ctx.host,
            midi: current_midi(),
        }
    }
}

struct Shared {
    /// Published generation of the current job.
    generation: AtomicU32,
    /// The unclaimed tasks `front..back` of the current job, with its generation (its low 24
    /// bits): see [`pack`]. The range travels with the generation so a worker holding a stale
    /// generation can never claim anything.
    claim: AtomicU64,
    /// Tasks finished in the current generation.
    done: AtomicU32,
    /// The current [`Job`], its lifetime erased: valid while its generation runs.
    job: AtomicPtr<()>,
    sleeping: Vec<AtomicBool>,
    shutdown: AtomicBool,
}

/// Bits of each end of the unclaimed range in the claim word (tasks per job: at most
/// [`MAX_STAGE_TASKS`]).
const END_BITS: u32 = 20;
const END_MASK: u64 = (1 << END_BITS) - 1;
/// Bits of the generation kept in the claim word.
const GEN_MASK: u32 = (1 << 24) - 1;

/// The claim word: `generation (24 bits) | front (20 bits) | back (20 bits)`.
fn pack(g: u32, front: u32, back: u32) -> u64 {
    (u64::from(g & GEN_MASK) << (2 * END_BITS)) | (u64::from(front) << END_BITS) | u64::from(back)
}

/// Which end of the task list a thread claims from.
#[derive(Clone, Copy)]
enum End {
    /// The audio thread: the first tasks, which are the heaviest (see `schedule.rs`).
    Front,
    /// The workers.
    Back,
}

impl Shared {
    /// Claim the next task of generation `g` from `end`, if any is left.
    #[inline]
    fn claim(&self, g: u32, end: End) -> Option<u32> {
        let mut v = self.claim.load(Ordering::Acquire);
        loop {
            let gen = (v >> (2 * END_BITS)) as u32;
            let (front, back) = (((v >> END_BITS) & END_MASK) as u32, (v & END_MASK) as u32);
            if gen != g & GEN_MASK || front >= back {
                return None;
            }
            let (next, task) = match end {
                End::Front => (pack(g, front + 1, back), front),
                End::Back => (pack(g, front, back - 1), back - 1),
            };
            match self.claim.compare_exchange_weak(v, next, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return Some(task),
                Err(now) => v = now,
            }
        }
    }
}

pub struct Pool {
    shared: Arc<Shared>,
    threads: Vec<Thread>,
    handles: Vec<JoinHandle<()>>,
}

// Safety: a Job's MIDI pointer is only dereferenced while its generation runs, during which
// the audio thread keeps it alive.
unsafe impl Send for Job<'_> {}
unsafe impl Sync for Job<'_> {}

impl Pool {
    /// Start `workers` threads (off the audio thread).
    pub fn new(workers: usize) -> Pool {
        let workers = workers.min(MAX_WORKERS);
        let shared = Arc::new(Shared {
            generation: AtomicU32::new(0),
            claim: AtomicU64::new(0),
            done: AtomicU32::new(0),
            job: AtomicPtr::new(std::ptr::null_mut()),
            sleeping: (0..workers).map(|_| AtomicBool::new(false)).collect(),
            shutdown: AtomicBool::new(false),
        });
        let mut handles = Vec::with_capacity(workers);
        for id in 0..workers {
            let s = shared.clone();
            let h = std::thread::Builder::new()
                .name(format!("phonon-worker-{id}"))
                .spawn(move || worker(s, id))
                .expect("spawn worker thread");
            handles.push(h);
        }
        let threads = handles.iter().map(|h| h.thread().clone()).collect();
        Pool { shared, threads, handles }
    }

    pub fn workers(&self) -> usize {
        self.threads.len()
    }

    /// Run a job's tasks with the workers; returns when all are done (audio thread).
    pub(crate) fn run(&self, job: &Job, ctx: &mut Ctx) {
        let s = &*self.shared;
        let n = job.count.min(MAX_STAGE_TASKS);
        if n == 0 {
            return;
        }
        let g = s.generation.load(Ordering::Relaxed).wrapping_add(1);
        s.job.store(job as *const Job as *mut (), Ordering::Release);
        s.done.store(0, Ordering::Release);
        s.claim.store(pack(g, 0, n), Ordering::Release);
        s.generation.store(g, Ordering::SeqCst);
        for (i, t) in self.threads.iter().enumerate() {
            if s.sleeping[i].load(Ordering::SeqCst) {
                t.unpark();
            }
        }
        while let Some(i) = s.claim(g, End::Front) {
            (job.tasks)(i, ctx);
            s.done.fetch_add(1, Ordering::AcqRel);
        }
        while s.done.load(Ordering::Acquire) < n {
            std::hint::spin_loop();
        }
    }
}

fn worker(s: Arc<Shared>, id: usize) {
    let mut query = QueryBuf::new(DEFAULT_CAPACITY);
    let mut seen = s.generation.load(Ordering::Acquire);
    loop {
        let mut spins = 0u32;
        let g = loop {
            if s.shutdown.load(Ordering::Acquire) {
                return;
            }
            let g = s.generation.load(Ordering::Acquire);
            if g != seen {
                break g;
            }
            spins += 1;
            if spins < SPINS_BEFORE_SLEEP {
                std::hint::spin_loop();
            } else {
                s.sleeping[id].store(true, Ordering::SeqCst);
                if s.generation.load(Ordering::SeqCst) == seen && !s.shutdown.load(Ordering::SeqCst) {
                    std::thread::park_timeout(Duration::from_millis(50));
                }
                s.sleeping[id].store(false, Ordering::SeqCst);
                spins = 0;
            }
        };
        seen = g;
        let job_ptr = s.job.load(Ordering::Acquire);
        if job_ptr.is_null() {
            continue;
        }
        // Safety: a claim succeeds only while generation `g` is current, and the audio thread
        // keeps that generation's job, and everything it borrows, alive until every claimed
        // task is done.
        let job = unsafe { &*(job_ptr as *const Job) };
        let Some(mut i) = s.claim(g, End::Back) else { continue };
        let mut ctx = Ctx {
            sample_rate: job.sample_rate,
            block_start: job.block_start,
            clock: &job.clock,
            query: &mut query,
            host: job.host,
            midi_out: None,
        };
        let mut run = |ctx: &mut Ctx| loop {
            (job.tasks)(i, ctx);
            s.done.fetch_add(1, Ordering::AcqRel);
            match s.claim(g, End::Back) {
                Some(next) => i = next,
                None => break,
            }
        };
        // The audio thread's MIDI table, for `midi` patterns queried here.
        match unsafe { job.midi.as_ref() } {
            Some(m) => with_midi(m, || run(&mut ctx)),
            None => run(&mut ctx),
        }
    }
}

impl Drop for Pool {
    /// Off the audio thread: stop and join the workers.
    fn drop(&mut self) {
        self.shared.shutdown.store(true, Ordering::SeqCst);
        for t in &self.threads {
            t.unpark();
        }
        for h in self.handles.drain(..) {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Rational;
    use std::sync::atomic::AtomicU32;

    /// Every task of every job runs exactly once, whichever end each thread claims from, over
    /// jobs of every size from empty to larger than the threads.
    #[test]
    fn every_task_runs_once() {
        let pool = Pool::new(3);
        let clock = Clock::new(48000, Rational::HALF);
        let host = HostIn::default();
        let mut query = QueryBuf::new(64);
        let runs: Vec<AtomicU32> = (0..200).map(|_| AtomicU32::new(0)).collect();
        for round in 0..300u32 {
            let n = round % 200;
            let tasks = |i: u32, _: &mut Ctx| {
                runs[i as usize].fetch_add(1, Ordering::Relaxed);
            };
            let mut ctx = Ctx {
                sample_rate: 48000.0,
                block_start: 0,
                clock: &clock,
                query: &mut query,
                host: &host,
                midi_out: None,
            };
            let job = Job::new(&tasks, n, &ctx);
            pool.run(&job, &mut ctx);
            for (i, r) in runs.iter().enumerate() {
                assert_eq!(r.swap(0, Ordering::Relaxed), u32::from((i as u32) < n), "round {round}, task {i}");
            }
        }
    }

    #[test]
    fn the_claim_word_holds_both_ends() {
        let s = Shared {
            generation: AtomicU32::new(0),
            claim: AtomicU64::new(pack(7, 0, 4)),
            done: AtomicU32::new(0),
            job: AtomicPtr::new(std::ptr::null_mut()),
            sleeping: Vec::new(),
            shutdown: AtomicBool::new(false),
        };
        assert_eq!(s.claim(7, End::Front), Some(0));
        assert_eq!(s.claim(7, End::Back), Some(3));
        assert_eq!(s.claim(6, End::Back), None, "a stale generation claims nothing");
        assert_eq!(s.claim(7, End::Back), Some(2));
        assert_eq!(s.claim(7, End::Front), Some(1));
        assert_eq!(s.claim(7, End::Front), None);
        assert_eq!(s.claim(7, End::Back), None);
        // Generations wrap at 24 bits in the word, and still match their own.
        s.claim.store(pack(GEN_MASK + 5, 0, 1), Ordering::Relaxed);
        assert_eq!(s.claim(GEN_MASK + 5, End::Back), Some(0));
    }
}
