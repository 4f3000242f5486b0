//! Oscillator nodes.

use crate::dsp::phasor::Phasor;
use crate::graph::{same_kind, BuildEnv, Ctx, Frame, Inputs, Node, BLOCK};
use crate::meta::NodeConf;
use std::f64::consts::TAU;

/// `sine freq`: a sine wave; frequency per sample (through-zero FM allowed).
pub struct Sine {
    phasor: Phasor,
    inv_sr: f64,
}

pub fn make_sine(_c: &NodeConf, env: &BuildEnv) -> Box<dyn Node> {
    Box::new(Sine { phasor: Phasor::default(), inv_sr: 1.0 / env.sample_rate as f64 })
}

impl Node for Sine {
    fn process(&mut self, inputs: &Inputs, out: &mut Frame, _ctx: &mut Ctx) {
        let f = inputs.get(0);
        match f.constant() {
            Some(c) => {
                let inc = c as f64 * self.inv_sr;
                for x in out.l.iter_mut() {
                    *x = (self.phasor.tick(inc) * TAU).sin() as f32;
                }
            }
            None => {
                for i in 0..BLOCK {
                    out.l[i] = (self.phasor.tick(f.at(i) as f64 * self.inv_sr) * TAU).sin() as f32;
                }
            }
        }
    }

    fn adopt(&mut self, old: &mut dyn Node) -> bool {
        match same_kind::<Sine>(old) {
            Some(o) => {
                self.phasor = o.phasor;
                true
            }
            None => false,
        }
    }

    fn reset(&mut self) {
        self.phasor = Phasor::default();
    }

    crate::node_any!();
}
