//! Nodes that read the host: the plugin's audio input and its macro parameters.

use crate::dsp::smooth::OnePole;
use crate::graph::{same_kind, BuildEnv, Ctx, Frame, Inputs, Node, BLOCK, MACROS};
use crate::meta::NodeConf;

/// `in`: the plugin's stereo audio input.
pub struct AudioIn;

pub fn make_audio_in(_c: &NodeConf, _env: &BuildEnv) -> Box<dyn Node> {
    Box::new(AudioIn)
}

impl Node for AudioIn {
    fn process(&mut self, _inputs: &Inputs, out: &mut Frame, ctx: &mut Ctx) {
        out.l.copy_from_slice(&ctx.host.audio.l);
        out.r.copy_from_slice(&ctx.host.audio.r);
    }

    crate::node_any!();
}

/// `param k`: macro parameter k (1..8) of the host, 0..1, smoothed.
pub struct Macro {
    index: usize,
    smooth: OnePole,
}

/// Smoothing of macro parameters, seconds.
const MACRO_SMOOTH: f32 = 0.01;

impl Macro {
    pub fn new(index: usize, sample_rate: f32) -> Macro {
        Macro { index: index.min(MACROS - 1), smooth: OnePole::new(MACRO_SMOOTH, sample_rate, 0.0) }
    }
}

impl Macro {
    /// One sample of the node's own smoothing.
    #[cfg(test)]
    pub(crate) fn smooth_step(&mut self, x: f32) -> f32 {
        self.smooth.next(x)
    }
}

impl Node for Macro {
    fn process(&mut self, _inputs: &Inputs, out: &mut Frame, ctx: &mut Ctx) {
        let lane = &ctx.host.macros[self.index];
        for i in 0..BLOCK {
            out.l[i] = self.smooth.next(lane[i]);
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Macro>(old) {
            Some(o) => {
                self.smooth.value = o.smooth.value;
                true
            }
            None => false,
        }
    }

    crate::node_any!();
}
