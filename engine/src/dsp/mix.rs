//! Mixing kernels: one signal added into another, scaled or not. Voices, sends and sums mix
//! through these, compiled a second time for AVX2 (dsp/simd.rs) so that wider processors
//! add eight samples an instruction. Both paths round identically (no fused operations).

crate::dispatch_wide!(
    /// `dst[i] += src[i]`, over the shorter of the two.
    pub fn add(dst: &mut [f32], src: &[f32]) => add_body
);

crate::dispatch_wide!(
    /// `dst[i] += src[i] * g`, over the shorter of the two.
    pub fn add_scaled(dst: &mut [f32], src: &[f32], g: f32) => add_scaled_body
);

crate::dispatch_wide!(
    /// `dst[i] += c`.
    pub fn add_const(dst: &mut [f32], c: f32) => add_const_body
);

#[inline(always)]
fn add_body(dst: &mut [f32], src: &[f32]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += *s;
    }
}

#[inline(always)]
fn add_scaled_body(dst: &mut [f32], src: &[f32], g: f32) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += *s * g;
    }
}

#[inline(always)]
fn add_const_body(dst: &mut [f32], c: f32) {
    for d in dst.iter_mut() {
        *d += c;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dsp::noise::Rng;

    fn noise(rng: &mut Rng, n: usize) -> Vec<f32> {
        (0..n).map(|_| rng.bipolar()).collect()
    }

    /// The dispatched kernels (AVX2 where the processor has it) and the baseline bodies give
    /// the same bits, at lengths that exercise every vector remainder.
    #[test]
    fn dispatched_and_baseline_mixes_agree_bit_for_bit() {
        let mut rng = Rng::new(3);
        for n in [0, 1, 3, 7, 8, 9, 31, 64, 100, 512] {
            let (dst, src) = (noise(&mut rng, n), noise(&mut rng, n));
            let g = rng.bipolar();
            let (mut a, mut b) = (dst.clone(), dst.clone());
            add(&mut a, &src);
            add_body(&mut b, &src);
            assert_eq!(a, b);
            let (mut a, mut b) = (dst.clone(), dst.clone());
            add_scaled(&mut a, &src, g);
            add_scaled_body(&mut b, &src, g);
            assert_eq!(a, b);
            let (mut a, mut b) = (dst.clone(), dst.clone());
            add_const(&mut a, g);
            add_const_body(&mut b, g);
            assert_eq!(a, b);
            let expect: Vec<f32> = dst.iter().zip(&src).map(|(d, s)| d + s * g).collect();
            let mut c = dst.clone();
            add_scaled(&mut c, &src, g);
            assert_eq!(c, expect);
        }
    }
}
