//! Memory the audio thread will write, made resident when it is allocated.
//!
//! A large zeroed allocation comes from the system as pages that exist only once written: the
//! first write to each page stops the writer while the kernel maps it. Allocated at build time
//! but first written while playing (a voice slot first used, a delay line's write head reaching
//! new ground), those stops land inside `process()`: the first cycles of a dense program showed
//! hundreds of page faults per block. Everything here writes every page before returning, off
//! the audio thread.

use std::mem::MaybeUninit;

/// Smallest page size of the platforms Phonon runs on; touching at this stride reaches every
/// page of larger page sizes too.
const PAGE: usize = 4096;

/// Write every page of `xs` once (each touched byte is rewritten with its own value).
pub fn make_resident<T>(xs: &mut [T]) {
    let bytes = std::mem::size_of_val(xs);
    let base = xs.as_mut_ptr().cast::<MaybeUninit<u8>>();
    for offset in (0..bytes).step_by(PAGE) {
        // SAFETY: `offset < bytes`, so the byte lies inside `xs`, which is borrowed mutably;
        // a `MaybeUninit<u8>` may be read even where `T` has padding, and it is written back
        // unchanged. Volatile, so that the write is not elided.
        unsafe {
            let p = base.add(offset);
            p.write_volatile(p.read_volatile());
        }
    }
}

/// `len` zeros, resident.
pub fn zeroed(len: usize) -> Box<[f32]> {
    let mut buf = vec![0.0f32; len].into_boxed_slice();
    make_resident(&mut buf);
    buf
}

/// `len` copies of `value`, resident.
pub fn filled<T: Clone>(value: T, len: usize) -> Box<[T]> {
    let mut buf = vec![value; len].into_boxed_slice();
    make_resident(&mut buf);
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contents_are_unchanged() {
        let mut xs: Vec<Option<(u8, f64)>> = (0..3000).map(|i| (i % 3 == 0).then_some((i as u8, i as f64))).collect();
        let before = xs.clone();
        make_resident(&mut xs);
        assert_eq!(xs, before);
        assert!(zeroed(100_000).iter().all(|&x| x == 0.0));
        assert!(filled(None::<[f32; 300]>, 500).iter().all(Option::is_none));
        make_resident::<f32>(&mut []);
    }
}
