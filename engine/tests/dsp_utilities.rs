//! Signal utilities (LANGUAGE.md §5), each checked sample by sample against its definition,
//! with parameters given as numbers, patterns and signals.

mod dsp_support;

use dsp_support::render_secs;

const SR: u32 = 48000;

fn render(prog: &str) -> Vec<f32> {
    render_secs(prog, 0.5, SR).left()
}

fn close(a: &[f32], b: &[f32], tol: f32) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= tol)
}

#[test]
fn range_clamp_wrap_abs_min_max() {
    let s = render("out: sine 3 * 0.8");
    let r = render("out: range 0.1 0.5 (sine 3 * 0.8)");
    assert!(close(&r, &s.iter().map(|x| 0.1 + (x + 1.0) * 0.5 * 0.4).collect::<Vec<_>>(), 1e-6));
    // The signal can come from the left of `#`.
    assert!(close(&render("out: sine 3 * 0.8 # range 0.1 0.5"), &r, 0.0));
    let c = render("out: clamp (-0.2) 0.3 (sine 3 * 0.8)");
    assert!(close(&c, &s.iter().map(|x| x.clamp(-0.2, 0.3)).collect::<Vec<_>>(), 0.0));
    let w = render("out: wrap (-0.25) 0.25 (sine 3 * 0.8)");
    let want: Vec<f32> = s.iter().map(|x| -0.25 + (x + 0.25).rem_euclid(0.5)).collect();
    assert!(close(&w, &want, 1e-5));
    assert!(close(&render("out: abs (sine 3 * 0.8)"), &s.iter().map(|x| x.abs()).collect::<Vec<_>>(), 0.0));
    assert!(close(&render("out: min 0.1 (sine 3 * 0.8)"), &s.iter().map(|x| x.min(0.1)).collect::<Vec<_>>(), 0.0));
    assert!(close(&render("out: max 0.1 (sine 3 * 0.8)"), &s.iter().map(|x| x.max(0.1)).collect::<Vec<_>>(), 0.0));
    // Parameters may be signals too.
    let m = render("out: min (sine 5 * 0.5) (sine 3 * 0.8)");
    let s5 = render("out: sine 5 * 0.5");
    assert!(close(&m, &s5.iter().zip(&s).map(|(a, b)| a.min(*b)).collect::<Vec<_>>(), 0.0));
}

#[test]
fn lag_slews_to_60db_in_its_time() {
    // A pattern stepping 0 -> 0.5 at 1 s (tempo 0.5): 0.1 s later the lag is within 60 dB.
    let x = render_secs("out: lag 0.1 \"0 0.5\"", 2.0, SR).left();
    let step = 48000;
    assert!(x[step - 1] == 0.0 && x[step + 10] > 0.0 && x[step + 10] < 0.1);
    let left = 0.5 - x[step + 4800];
    assert!((left / 0.5 - 0.001).abs() < 2e-4, "{left}");
}

#[test]
fn sample_and_hold_takes_values_on_rising_edges() {
    // Trigger: a 10 Hz square; signal: a slow ramp. Values hold between rising edges.
    let trig = render("out: square 10 * 0.5");
    let sig = render("out: saw 0.5 * 0.5");
    let held = render("out: sh (square 10) (saw 0.5 * 0.5)");
    let mut last_trig = 0.0;
    let mut value = 0.0;
    for i in 0..held.len() {
        if trig[i] > 0.0 && last_trig <= 0.0 {
            value = sig[i];
        }
        last_trig = trig[i];
        assert_eq!(held[i], value, "sample {i}");
    }
}

#[test]
fn mix_xfade_select() {
    let a = render("out: sine 220 * 0.2");
    let b = render("out: saw 110 * 0.2");
    let m = render("out: mix (sine 220 * 0.2) (saw 110 * 0.2) 0.1");
    assert!(close(&m, &a.iter().zip(&b).map(|(x, y)| x + y + 0.1).collect::<Vec<_>>(), 1e-6));
    let x0 = render("out: xfade 0 (sine 220 * 0.2) (saw 110 * 0.2)");
    let x1 = render("out: xfade 1 (sine 220 * 0.2) (saw 110 * 0.2)");
    let xm = render("out: xfade 0.5 (sine 220 * 0.2) (saw 110 * 0.2)");
    assert!(close(&x0, &a, 1e-6) && close(&x1, &b, 1e-6));
    let g = std::f32::consts::FRAC_1_SQRT_2;
    assert!(close(&xm, &a.iter().zip(&b).map(|(x, y)| g * (x + y)).collect::<Vec<_>>(), 1e-5));
    // select by a pattern: one signal per half cycle (1 s), switching with a 5 ms fade;
    // an index beyond the signals wraps around.
    let sel = render_secs("out: select \"0 3\" (sine 220 * 0.2) (saw 110 * 0.2) (tri 55 * 0.2)", 2.0, SR).left();
    let (a2, b2) =
        (render_secs("out: sine 220 * 0.2", 2.0, SR).left(), render_secs("out: saw 110 * 0.2", 2.0, SR).left());
    assert!(close(&sel[..48000], &a2[..48000], 0.0));
    // Index 3 of three signals wraps to 0: stays on the sine.
    assert!(close(&sel[48000..], &a2[48000..], 0.0));
    let sel2 = render_secs("out: select \"0 1\" (sine 220 * 0.2) (saw 110 * 0.2)", 2.0, SR).left();
    assert!(close(&sel2[48000 + 242..], &b2[48000 + 242..], 1e-6));
    // The switch is a linear cross-fade over 240 samples, not a jump.
    for k in 0..240 {
        let i = 48000 + k;
        let t = k as f32 / 240.0;
        let want = a2[i] + t * (b2[i] - a2[i]);
        assert!((sel2[i] - want).abs() < 1e-4, "sample {i}: {} vs {want}", sel2[i]);
    }
}

#[test]
fn quantize_mtof_ftom() {
    let q = render("out: quantize 0.25 (sine 3 * 0.8)");
    let s = render("out: sine 3 * 0.8");
    assert!(close(&q, &s.iter().map(|x| (x / 0.25).round() * 0.25).collect::<Vec<_>>(), 1e-6));
    // mtof/ftom as frequencies: scaled down to stay under the output guard.
    let f = render("out: mtof 69 / 1000");
    assert!((f[0] - 0.44).abs() < 1e-5);
    let f2 = render("out: mtof \"57 81\" / 1000");
    assert!((f2[0] - 0.22).abs() < 1e-5);
    let n = render("out: ftom 880 / 100");
    assert!((n[0] - 0.81).abs() < 1e-5);
    let round_trip = render("out: ftom (mtof 60.5) / 100");
    assert!((round_trip[0] - 0.605).abs() < 1e-5);
}
