//! `phonon`: render, check, inspect and benchmark Phonon programs without a DAW.

mod events;

use clap::{Parser, Subcommand};
use phonon_engine::render::{
    bench, default_threads, render_stream, BenchOptions, Blocks, RenderError, RenderOptions, WavStream,
};
use phonon_engine::samples::{Bank, LoadLimits};
use phonon_engine::time::Rational;
use std::fmt::Write as _;
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
        /// Swap to this program during the render, as the plugin does when the code changes
        /// (repeatable: each --swap-to pairs with the --swap-at in the same place).
        #[arg(long, requires = "swap_at")]
        swap_to: Vec<String>,
        /// Cycle at which to swap (one per --swap-to).
        #[arg(long, requires = "swap_to", allow_hyphen_values = true)]
        swap_at: Vec<String>,
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
        /// Write every host buffer's wall time, CPU time, preemptions and page faults to this
        /// CSV file, to tell slow buffers caused by the program from those caused by the machine.
        #[arg(long = "blocks-csv")]
        blocks_csv: Option<PathBuf>,
        /// The widest instruction set the dispatched kernels may use: base or avx2 (default:
        /// the widest this processor has).
        #[arg(long, value_parser = ["base", "avx2"])]
        simd: Option<String>,
        /// Render every voice by its own nodes instead of as voice banks (for comparison).
        #[arg(long)]
        no_banks: bool,
    },
    /// Print the events of a pattern expression as JSON.
    Events {
        pattern: String,
        #[arg(long, default_value = "0", allow_hyphen_values = true)]
        from: String,
        #[arg(long, default_value = "1", allow_hyphen_values = true)]
        to: String,
    },
    /// Print the reference of every function, event control and setting (Markdown), generated from their tables.
    Docs,
}

/// The program's name for messages and its text. Text that is not UTF-8 is an invalid
/// program (exit 1), located at the line and column of its first bad byte; a file that cannot
/// be read exits 2.
fn read_program(p: &str) -> Result<(String, String), (String, u8)> {
    let (name, bytes) = if p == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| (format!("<stdin>: {e}"), 2))?;
        ("<stdin>".to_string(), b)
    } else {
        (p.to_string(), std::fs::read(p).map_err(|e| (format!("{p}: {e}"), 2))?)
    };
    match String::from_utf8(bytes) {
        Ok(s) => Ok((name, s)),
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            // The prefix is valid text: count lines and characters in it.
            let before = std::str::from_utf8(&bytes[..at]).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            Err((
                format!(
                    "{name}:{line}:{col}: error: the program is not valid UTF-8 text (byte 0x{:02X}); save it as UTF-8",
                    bytes[at]
                ),
                1,
            ))
        }
    }
}

/// Print to standard output; a reader that went away (`phonon events ... | head`) ends the
/// command quietly.
fn print_out(text: &str) -> Result<(), (String, u8)> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err((format!("<stdout>: {e}"), 2)),
    }
}

/// Warnings of a program that compiles but has silent parts, on stderr.
fn print_warnings(name: &str, src: &str, warnings: &[phonon_engine::lang::Diagnostic]) {
    for w in warnings {
        eprintln!("{}", w.render_warning(name, src));
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
            let (name, src) = read_program(&program)?;
            if swap_to.len() != swap_at.len() {
                return Err(fail("every --swap-to needs its own --swap-at".into()));
            }
            let mut swaps = Vec::new();
            let mut swap_names = Vec::new();
            for (p, at) in swap_to.iter().zip(&swap_at) {
                let (swap_name, other) = read_program(p)?;
                let at: Rational = at.parse().map_err(|e| fail(format!("--swap-at {at}: {e}")))?;
                swaps.push((other, at));
                swap_names.push(swap_name);
            }
            let bank = bank(&samples).map_err(fail)?;
            let env = phonon_engine::compile::CompileEnv::new(bank.clone());
            let programs = std::iter::once((&name, &src)).chain(swap_names.iter().zip(swaps.iter().map(|(t, _)| t)));
            for (file, text) in programs {
                // Errors are reported by the render below, each with its own file's name.
                if let Ok(plan) = phonon_engine::compile::compile(text, &env) {
                    print_warnings(file, text, &plan.warnings);
                }
            }
            let opts = RenderOptions {
                sample_rate,
                cycles,
                seconds,
                blocks: Blocks::Fixed(block.max(1)),
                bpm,
                swaps,
                ..RenderOptions::default()
            };
            let mut main_wav: Option<WavStream> = None;
            let mut stem_wavs: Vec<(u32, WavStream)> = Vec::new();
            if let Some(dir) = &stems {
                std::fs::create_dir_all(dir).map_err(|e| fail(format!("{}: {e}", dir.display())))?;
            }
            let info = render_stream(&src, bank, &opts, |chunk| {
                if chunk.port == 0 {
                    if main_wav.is_none() {
                        main_wav = Some(WavStream::create(&out, sample_rate)?);
                    }
                    main_wav.as_mut().map_or(Ok(()), |w| w.write(chunk.interleaved))
                } else if let Some(dir) = &stems {
                    let k = chunk.port;
                    if !stem_wavs.iter().any(|(j, _)| *j == k) {
                        stem_wavs.push((k, WavStream::create(&dir.join(format!("out{k}.wav")), sample_rate)?));
                    }
                    match stem_wavs.iter_mut().find(|(j, _)| *j == k) {
                        Some((_, w)) => w.write(chunk.interleaved),
                        None => Ok(()),
                    }
                } else {
                    Ok(())
                }
            })
            .map_err(|e| match e {
                RenderError::Compile(errs, s) => (errs.render(&name, &s), 1),
                RenderError::SwapCompile(k, errs, s) => (errs.render(&swap_names[k], &s), 1),
                other => (other.to_string(), 2),
            })?;
            // A render of no frames still writes its (empty) files.
            let main_wav = match main_wav {
                Some(w) => w,
                None => WavStream::create(&out, sample_rate).map_err(fail)?,
            };
            for (_, w) in stem_wavs {
                w.finish().map_err(fail)?;
            }
            main_wav.finish().map_err(fail)?;
            if info.nan_blocks > 0 {
                eprintln!("warning: {} blocks muted by the output guard (NaN or infinity)", info.nan_blocks);
            }
            Ok(())
        }
        Command::Check { program, samples } => {
            let (name, src) = read_program(&program)?;
            let env = phonon_engine::compile::CompileEnv::new(bank(&samples).map_err(fail)?);
            match phonon_engine::compile::compile(&src, &env) {
                Ok(plan) => {
                    print_warnings(&name, &src, &plan.warnings);
                    Ok(())
                }
                Err(e) => Err((e.render(&name, &src), 1)),
            }
        }
        Command::Bench { program, seconds, threads, block, sample_rate, samples, blocks_csv, simd, no_banks } => {
            use phonon_engine::dsp::simd::{limit_width, width, Width};
            let (name, src) = read_program(&program)?;
            if let Some(w) = simd.as_deref().and_then(Width::parse) {
                limit_width(w);
            }
            let threads = threads.unwrap_or_else(default_threads);
            let opts = BenchOptions { sample_rate, seconds, threads, block, voice_banks: !no_banks };
            let r = bench(&src, bank(&samples).map_err(fail)?, &opts).map_err(|e| match e {
                phonon_engine::render::RenderError::Compile(errs, s) => (errs.render(&name, &s), 1),
                other => (other.to_string(), 2),
            })?;
            let mut report = String::new();
            let _ = writeln!(report, "program:        {name}");
            let _ = writeln!(report, "rendered:       {seconds} s at {sample_rate} Hz in host blocks of {block}");
            let _ = writeln!(
                report,
                "threads:        {}{}",
                r.threads,
                if r.parallel { "" } else { " (graph too light for parallel stages: ran on one thread)" }
            );
            let _ = writeln!(report, "kernels:        {}", width().name());
            let _ = writeln!(report, "real-time:      {:.1}x", r.rtf);
            let _ = writeln!(
                report,
                "per block (us): median {:.1}, p99 {:.1}, max {:.1} ({} blocks)",
                r.block_p50_us, r.block_p99_us, r.block_max_us, r.blocks
            );
            let u = &r.worst_usage;
            let _ = writeln!(
                report,
                "worst block:    {:.1} us, {:.3} s into the render (cycle {:.3}): {:.1} us on the CPU, \
                 preempted {} times, {} page faults",
                r.block_max_us,
                r.worst_at_s,
                r.worst_cycle,
                u.cpu_us,
                u.preemptions,
                u.minor_faults + u.major_faults
            );
            let _ = writeln!(
                report,
                "CPU per block:  median {:.1}, p99 {:.1}, max {:.1} us, the max {:.3} s in (cycle {:.3}) \
                 (the audio thread's own time: work, not waiting)",
                r.cpu_p50_us, r.cpu_p99_us, r.cpu_max_us, r.cpu_max_at_s, r.cpu_max_cycle
            );
            let _ = writeln!(
                report,
                "preempted:      {} times, in {} of {} blocks",
                r.preemptions, r.preempted_blocks, r.blocks
            );
            let _ = writeln!(report, "peak memory:    {:.1} MB", r.peak_mem_mb);
            if let Some(path) = &blocks_csv {
                let mut csv = String::from(phonon_engine::render::BlockTiming::CSV_HEADER);
                for (i, t) in r.timings.iter().enumerate() {
                    csv.push('\n');
                    csv.push_str(&t.csv_row(i));
                }
                csv.push('\n');
                std::fs::write(path, csv).map_err(|e| fail(format!("{}: {e}", path.display())))?;
            }
            let _ = writeln!(report, "{}", r.line());
            print_out(&report)
        }
        Command::Events { pattern, from, to } => {
            let json = events::events_json(&pattern, &from, &to).map_err(|m| (m, 1))?;
            print_out(&format!("{json}\n"))
        }
        Command::Docs => print_out(&phonon_engine::registry::reference_markdown()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Deep programs compile on a stack that fits the language's depth limits.
    let result = match phonon_engine::compile::depth::spawn_with_compile_stack("phonon", move || run(cli)) {
        Ok(t) => t.join().unwrap_or_else(|_| Err(("internal error (see above)".to_string(), 3))),
        Err(e) => Err((format!("cannot start: {e}"), 2)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((msg, code)) => {
            eprintln!("{msg}");
            ExitCode::from(code)
        }
    }
}
