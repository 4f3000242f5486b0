//! Helpers shared by the node wrappers: reading a processor's audio channel by channel.

use crate::graph::{Buf, In, BLOCK};

/// Channels a processor renders: 2 when its audio input is stereo, else 1 (left only).
#[inline]
pub fn channels(x: In) -> usize {
    if x.is_stereo() {
        2
    } else {
        1
    }
}

/// Scratch for an input that is a constant (so every input can be read as a buffer).
pub struct ChannelScratch {
    buf: Buf,
}

impl Default for ChannelScratch {
    fn default() -> Self {
        ChannelScratch { buf: [0.0; BLOCK] }
    }
}

/// Channel `c` of input `x` as a buffer: the left or right signal, the mono signal for both,
/// or a constant spread over `scratch`.
#[inline]
pub fn channel<'a>(x: In<'a>, c: usize, scratch: &'a mut ChannelScratch) -> &'a Buf {
    match x {
        In::Mono(b) => b,
        In::Stereo(l, r) => {
            if c == 0 {
                l
            } else {
                r
            }
        }
        In::Const(v) => {
            scratch.buf.fill(v);
            &scratch.buf
        }
    }
}

/// The output buffer of channel `c`.
#[inline]
pub fn out_chan(out: &mut crate::graph::Frame, c: usize) -> &mut Buf {
    if c == 0 {
        &mut out.l
    } else {
        &mut out.r
    }
}
