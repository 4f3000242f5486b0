//! The off-thread side of an engine: compiles programs, builds graphs, hands them over, and
//! frees what the audio thread let go of.

use crate::compile::{compile, CompileEnv};
use crate::graph::{build, program_id, BuildEnv, Engine, Prepared, SwapSender};
use crate::lang::{Diagnostic, Errors};
use crate::samples::Bank;
use basedrop::Collector;
use std::sync::Arc;

pub struct Session {
    compile_env: CompileEnv,
    build_env: BuildEnv,
    sender: SwapSender,
    collector: Collector,
    engine: Option<Engine>,
}

impl Session {
    pub fn new(sample_rate: u32, bank: Arc<Bank>) -> Session {
        let collector = Collector::new();
        let (engine, sender) = Engine::new(sample_rate, &collector);
        Session {
            compile_env: CompileEnv::new(bank.clone()),
            build_env: BuildEnv::new(sample_rate as f32, bank),
            sender,
            collector,
            engine: Some(engine),
        }
    }

    /// Compile and build a program, ready to send.
    pub fn prepare(&self, src: &str) -> Result<Prepared, Errors> {
        self.prepare_checked(src).map(|(p, _)| p)
    }

    /// [`Session::prepare`], with the program's warnings (why parts of it will be silent).
    pub fn prepare_checked(&self, src: &str) -> Result<(Prepared, Vec<Diagnostic>), Errors> {
        // The plan is built and dropped on the compile stack too: deep patterns drop deeply.
        let (compile_env, build_env) = (&self.compile_env, &self.build_env);
        crate::compile::depth::on_compile_stack(|| {
            let mut plan = compile(src, compile_env)?;
            let warnings = std::mem::take(&mut plan.warnings);
            Ok((Prepared::new(build(&plan, build_env)).of_program(program_id(src)), warnings))
        })
    }

    /// Hand a graph to the engine; it swaps in at its next block.
    pub fn send(&self, p: Prepared) {
        self.sender.send(p);
    }

    /// Hand a graph to the engine to swap in at engine sample `at`.
    pub fn send_at(&self, p: Prepared, at: i64) {
        self.sender.send(p.at(at));
    }

    /// Compile, build and send.
    pub fn load(&self, src: &str) -> Result<(), Errors> {
        let p = self.prepare(src)?;
        self.send(p);
        Ok(())
    }

    /// Render summed voices of one kind as voice banks (on by default), or each voice by its
    /// own nodes: the same sound, to rounding (compile/bank.rs).
    pub fn set_voice_banks(&mut self, on: bool) {
        self.compile_env.voice_banks = on;
    }

    /// Compile and build later programs against `bank` (new sample folders). Graphs already
    /// built keep the samples they hold.
    pub fn set_bank(&mut self, bank: Arc<Bank>) {
        let banks = self.compile_env.voice_banks;
        self.compile_env = CompileEnv::new(bank.clone());
        self.compile_env.voice_banks = banks;
        self.build_env = BuildEnv::new(self.build_env.sample_rate, bank);
    }

    /// The engine, for the audio thread (once).
    pub fn take_engine(&mut self) -> Option<Engine> {
        self.engine.take()
    }

    /// Free graphs the audio thread has dropped.
    pub fn collect(&mut self) {
        self.collector.collect();
    }

    /// A handle for sending graphs from other threads.
    pub fn sender(&self) -> SwapSender {
        self.sender.clone()
    }
}

impl Drop for Session {
    /// Free what the engine let go of; graphs still queued are freed when the last handle to
    /// the collector goes (the engine's, when it is dropped after this).
    fn drop(&mut self) {
        self.collector.collect();
    }
}
