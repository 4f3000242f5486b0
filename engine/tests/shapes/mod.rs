//! Programs of extreme shapes, shared by the depth and soak tests: the fixtures of very deep
//! programs, and a deterministic generator of deep and wide ones built from valid pieces.

#![allow(dead_code)]

/// `n` buses, each reading the one before.
pub fn chained_buses(n: usize) -> String {
    let mut s = String::from("~b0: saw 55 * 0.2\n");
    for i in 1..n {
        s.push_str(&format!("~b{i}: ~b{} # lpf 2000\n", i - 1));
    }
    s.push_str(&format!("out: ~b{}\n", n - 1));
    s
}

/// `n` processors chained with `$`.
pub fn chained_dollars(n: usize) -> String {
    format!("out: {}saw 55 * 0.2\n", "lpf 2000 $ ".repeat(n))
}

/// `n` pattern functions chained with `$`.
pub fn chained_pattern_dollars(n: usize) -> String {
    format!("out: {}s \"bd sn\"\n", "fast 1 $ ".repeat(n))
}

/// `n` filters chained with `#`.
pub fn chained_hashes(n: usize) -> String {
    format!("out: saw 55 * 0.2{}\n", " # lpf 2000".repeat(n))
}

/// `n` arithmetic operators in a row.
pub fn chained_operators(n: usize) -> String {
    format!("out: sine 220 * 0.2{}\n", " * 1".repeat(n))
}

/// xorshift64*: deterministic, no dependencies.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())]
    }
}

const AUDIO: &[&str] = &["sine 220", "saw 110", "square 55", "tri 330", "noise * 0.3", "s \"bd sn\"", "s \"hh*4\""];
const EVENTS: &[&str] = &["s \"bd sn\"", "s \"hh*4 ~ cp\"", "n \"0 3 7\" # s \"supersaw\"", "s \"<bd sn> [~ hh]\""];
const PROCESS: &[&str] = &[" # lpf 1200", " # hpf 200", " * 0.5", " + sine 3 * 0.01", " # gain 0.9", " # delay 0.2"];
const PATTERN_FNS: &[&str] = &["fast 2 $ ", "slow 2 $ ", "rev $ ", "every 2 (fast 2) $ ", "degradeBy 0.3 $ "];

/// A program of a random shape: a deep chain of operators, of `$`, of buses, a wide stack, or
/// a mix; `scale` bounds how deep or wide (the limits are far beyond what is generated).
pub fn program(rng: &mut Rng, scale: usize) -> String {
    let n = 1 + rng.below(scale.max(1));
    match rng.below(5) {
        0 => {
            let mut s = format!("out: ({}) * 0.1", rng.pick(AUDIO));
            for _ in 0..n {
                s.push_str(rng.pick(PROCESS));
            }
            s + "\n"
        }
        1 => {
            let mut s = String::from("out: ");
            for _ in 0..n {
                s.push_str(rng.pick(PATTERN_FNS));
            }
            s.push_str(rng.pick(EVENTS));
            s + " # gain 0.5\n"
        }
        2 => {
            let mut s = format!("~b0: ({}) * 0.1\n", rng.pick(AUDIO));
            for i in 1..n {
                let j = rng.below(i);
                s.push_str(&format!("~b{i}: ~b{j}{}\n", rng.pick(PROCESS)));
            }
            s + &format!("out: ~b{}\n", n - 1)
        }
        3 => {
            let items: Vec<String> = (0..n).map(|_| format!("{}{}", rng.pick(EVENTS), rng.pick(PROCESS))).collect();
            format!("out: stack [{}] * 0.05\n", items.join(", "))
        }
        _ => {
            let mut s = String::new();
            let outs = 1 + rng.below(4);
            for k in 1..=outs {
                let mut e = format!("{}{}", rng.pick(PATTERN_FNS), rng.pick(EVENTS));
                for _ in 0..rng.below(n) {
                    e.push_str(rng.pick(PROCESS));
                }
                s.push_str(&format!("out{k}: {e} # gain 0.3\n"));
            }
            s
        }
    }
}
