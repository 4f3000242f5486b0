//! `phonon`: render, check, inspect and benchmark Phonon programs without a DAW.

mod events;

use clap::{Parser, Subcommand};
use phonon_engine::render::{bench, default_threads, render, write_wav, BenchOptions, Blocks, RenderOptions};
use phonon_engine::samples::{Bank, LoadLimits};
use phonon_engine::time::Rational;
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(name = "phonon", version, about = "Phonon: live-coding music language — command-line tool")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render a program to a 32-bit float stereo WAV file.
    Render {
        /// Program file, or - for standard input.
        program: String,
        /// Output WAV file.
        out: PathBuf,
        /// Length in cycles (default 4).
        #[arg(long, conflicts_with = "seconds")]
        cycles: Option<f64>,
        /// Length in seconds.
        #[arg(long)]
        seconds: Option<f64>,
        #[arg(long, default_value_t = 48000)]
        sample_rate: u32,
        /// Tempo as a host would set it (the program's bpc converts beats to cycles).
        #[arg(long)]
        bpm: Option<f64>,
        /// Host buffer size to simulate; the audio does not depend on it.
        #[arg(long, default_value_t = 512)]
        block: usize,
        /// Also write DIR/outN.wav for every numbered output.
        #[arg(long)]
        stems: Option<PathBuf>,
        /// A sample folder in the Dirt-Samples layout (repeatable).
        #[arg(long = "samples")]
        samples: Vec<PathBuf>,
        /// Swap to this program during the render, as the plugin does when the code changes.
        #[arg(long, requires = "swap_at")]
        swap_to: Option<String>,
        /// Cycle at which to swap.
        #[arg(long, requires = "swap_to")]
        swap_at: Option<String>,
    },
    /// Compile a program without rendering; exit 1 with one line per error if it is invalid.
    Check {
        program: String,
        #[arg(long = "samples")]
        samples: Vec<PathBuf>,
    },
    /// Render without writing and report speed: real-time factor, per-block times, memory.
    Bench {
        program: String,
        /// Seconds of audio to render.
        #[arg(long, default_value_t = 60.0)]
        seconds: f64,
        /// Threads in all; 1 forces single-threaded processing (default: the machine's cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Host buffer size.
        #[arg(long, default_value_t = 512)]
        block: usize,
        #[arg(long, default_value_t = 48000)]
        sample_rate: u32,
        /// A sample folder in the Dirt-Samples layout (repeatable).
        #[arg(long = "samples")]
        samples: Vec<PathBuf>,
    },
    /// Print the events of a pattern expression as JSON.
    Events {
        pattern: String,
        #[arg(long, default_value = "0", allow_hyphen_values = true)]
        from: String,
        #[arg(long, default_value = "1", allow_hyphen_values = true)]
        to: String,
    },
    /// Print the function reference (Markdown), generated from the metadata table.
    Docs,
}

fn read_program(p: &str) -> Result<(String, String), String> {
    if p == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map_err(|e| format!("stdin: {e}"))?;
        Ok(("<stdin>".into(), s))
    } else {
        std::fs::read_to_string(p).map(|s| (p.to_string(), s)).map_err(|e| format!("{p}: {e}"))
    }
}

/// The built-in kit plus the `--samples` folders; files that cannot be loaded are reported
/// as warnings, a folder that cannot be read is an error. Without `--samples`, SuperDirt's
/// Dirt-Samples, where installed, is read (each sound decoded when a program names it).
fn bank(folders: &[PathBuf]) -> Result<Arc<Bank>, String> {
    let mut b = Bank::with_folders(folders, &LoadLimits::default())?;
    if folders.is_empty() {
        if let Some(dirt) = phonon_engine::samples::dirt_samples_dir() {
            b.add_lazy_folder(&dirt, &LoadLimits::default())?;
        }
    }
    for w in b.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(Arc::new(b))
}

fn run(cli: Cli) -> Result<(), (String, u8)> {
    let fail = |m: String| (m, 2u8);
    match cli.command {
        Command::Render {
            program,
            out,
            cycles,
            seconds,
            sample_rate,
            bpm,
            block,
            stems,
            samples,
            swap_to,
            swap_at,
        } => {
            let (name, src) = read_program(&program).map_err(fail)?;
            let swap = match (swap_to, swap_at) {
                (Some(p), Some(at)) => {
                    let (_, other) = read_program(&p).map_err(fail)?;
                    let at: Rational = at.parse().map_err(|e| fail(format!("--swap-at: {e}")))?;
                    Some((other, at))
                }
                _ => None,
            };
            let opts = RenderOptions {
                sample_rate,
                cycles,
                seconds,
                blocks: Blocks::Fixed(block.max(1)),
                bpm,
                swap,
                ..RenderOptions::default()
            };
            let bank = bank(&samples).map_err(fail)?;
            let r = render(&src, bank, &opts).map_err(|e| match e {
                phonon_engine::render::RenderError::Compile(errs, s) => (errs.render(&name, &s), 1),
                other => (other.to_string(), 2),
            })?;
            if let Some(dir) = &stems {
                std::fs::create_dir_all(dir).map_err(|e| fail(format!("{}: {e}", dir.display())))?;
                for (k, data) in &r.stems {
                    write_wav(&dir.join(format!("out{k}.wav")), r.sample_rate, data).map_err(fail)?;
                }
            }
            write_wav(&out, r.sample_rate, &r.main).map_err(fail)?;
            if r.nan_blocks > 0 {
                eprintln!("warning: {} blocks muted by the output guard (NaN or infinity)", r.nan_blocks);
            }
            Ok(())
        }
        Command::Check { program, samples } => {
            let (name, src) = read_program(&program).map_err(fail)?;
            let env = phonon_engine::compile::CompileEnv::new(bank(&samples).map_err(fail)?);
            match phonon_engine::compile::compile(&src, &env) {
                Ok(_) => Ok(()),
                Err(e) => Err((e.render(&name, &src), 1)),
            }
        }
        Command::Bench { program, seconds, threads, block, sample_rate, samples } => {
            let (name, src) = read_program(&program).map_err(fail)?;
            let opts = BenchOptions { sample_rate, seconds, threads: threads.unwrap_or_else(default_threads), block };
            let r = bench(&src, bank(&samples).map_err(fail)?, &opts).map_err(|e| match e {
                phonon_engine::render::RenderError::Compile(errs, s) => (errs.render(&name, &s), 1),
                other => (other.to_string(), 2),
            })?;
            println!("program:        {name}");
            println!("rendered:       {seconds} s at {sample_rate} Hz in host blocks of {block}");
            println!(
                "threads:        {}{}",
                r.threads,
                if r.parallel { "" } else { " (graph too light for parallel stages: ran on one thread)" }
            );
            println!("real-time:      {:.1}x", r.rtf);
            println!(
                "per block (us): median {:.1}, p99 {:.1}, max {:.1} ({} blocks)",
                r.block_p50_us, r.block_p99_us, r.block_max_us, r.blocks
            );
            println!(
                "worst block:    {:.1} us, {:.3} s into the render (cycle {:.3})",
                r.block_max_us, r.worst_at_s, r.worst_cycle
            );
            println!("peak memory:    {:.1} MB", r.peak_mem_mb);
            println!("{}", r.line());
            Ok(())
        }
        Command::Events { pattern, from, to } => {
            let json = events::events_json(&pattern, &from, &to).map_err(|m| (m, 1))?;
            println!("{json}");
            Ok(())
        }
        Command::Docs => {
            print!("{}", phonon_engine::meta::reference_markdown());
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err((msg, code)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}
