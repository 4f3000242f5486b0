//! What the calling thread has used so far: CPU time, involuntary context switches and page
//! faults. `phonon bench` samples it around each host buffer, so that a slow buffer can be
//! told apart as work (CPU time) or as waiting (the thread was preempted, or faulted pages in).

/// A reading of the calling thread's counters (all zero where the platform has none).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ThreadUsage {
    /// CPU time this thread has run, in microseconds.
    pub cpu_us: f64,
    /// Times the scheduler took the CPU away from this thread.
    pub preemptions: u64,
    /// Page faults served without disk (first touch of memory).
    pub minor_faults: u64,
    /// Page faults that read from disk.
    pub major_faults: u64,
}

impl ThreadUsage {
    /// The counters now.
    #[cfg(target_os = "linux")]
    pub fn now() -> ThreadUsage {
        // SAFETY: both calls only write the structs passed to them, which live on this stack.
        unsafe {
            let mut ts: libc::timespec = std::mem::zeroed();
            let cpu_us = if libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) == 0 {
                ts.tv_sec as f64 * 1e6 + ts.tv_nsec as f64 * 1e-3
            } else {
                0.0
            };
            let mut ru: libc::rusage = std::mem::zeroed();
            if libc::getrusage(libc::RUSAGE_THREAD, &mut ru) != 0 {
                return ThreadUsage { cpu_us, ..ThreadUsage::default() };
            }
            ThreadUsage {
                cpu_us,
                preemptions: ru.ru_nivcsw as u64,
                minor_faults: ru.ru_minflt as u64,
                major_faults: ru.ru_majflt as u64,
            }
        }
    }

    #[cfg(not(target_os = "linux"))]
    pub fn now() -> ThreadUsage {
        ThreadUsage::default()
    }

    /// What was used between `earlier` and `self`.
    pub fn since(&self, earlier: &ThreadUsage) -> ThreadUsage {
        ThreadUsage {
            cpu_us: (self.cpu_us - earlier.cpu_us).max(0.0),
            preemptions: self.preemptions.saturating_sub(earlier.preemptions),
            minor_faults: self.minor_faults.saturating_sub(earlier.minor_faults),
            major_faults: self.major_faults.saturating_sub(earlier.major_faults),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_shows_as_cpu_time() {
        let a = ThreadUsage::now();
        let mut x = 0u64;
        for i in 0..5_000_000u64 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(i);
        }
        std::hint::black_box(x);
        let used = ThreadUsage::now().since(&a);
        if cfg!(target_os = "linux") {
            assert!(used.cpu_us > 0.0, "{used:?}");
        }
        assert!(used.cpu_us.is_finite());
    }
}
