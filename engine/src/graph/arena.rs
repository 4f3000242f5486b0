//! Node output buffers and the read-only views nodes get of their inputs.

use super::{Buf, BLOCK};
use std::cell::UnsafeCell;

/// A node's output for one block: left and right. Mono nodes write only `l`.
#[derive(Clone)]
#[repr(C, align(64))]
pub struct Frame {
    pub l: Buf,
    pub r: Buf,
}

impl Default for Frame {
    fn default() -> Self {
        Frame { l: [0.0; BLOCK], r: [0.0; BLOCK] }
    }
}

impl Frame {
    pub fn clear(&mut self) {
        self.l.fill(0.0);
        self.r.fill(0.0);
    }
}

/// One input of a node for one block: a constant or another node's output.
#[derive(Clone, Copy)]
pub enum In<'a> {
    Const(f32),
    Mono(&'a Buf),
    Stereo(&'a Buf, &'a Buf),
}

impl<'a> In<'a> {
    /// The value at sample `i` as a control (stereo signals give their mid).
    #[inline(always)]
    pub fn at(&self, i: usize) -> f32 {
        match *self {
            In::Const(c) => c,
            In::Mono(b) => b[i],
            In::Stereo(l, r) => 0.5 * (l[i] + r[i]),
        }
    }

    #[inline(always)]
    pub fn left(&self, i: usize) -> f32 {
        match *self {
            In::Const(c) => c,
            In::Mono(b) => b[i],
            In::Stereo(l, _) => l[i],
        }
    }

    #[inline(always)]
    pub fn right(&self, i: usize) -> f32 {
        match *self {
            In::Const(c) => c,
            In::Mono(b) => b[i],
            In::Stereo(_, r) => r[i],
        }
    }

    /// Channel `c` (0 left, 1 right) at sample `i`.
    #[inline(always)]
    pub fn chan(&self, c: usize, i: usize) -> f32 {
        if c == 0 {
            self.left(i)
        } else {
            self.right(i)
        }
    }

    #[inline]
    pub fn constant(&self) -> Option<f32> {
        match *self {
            In::Const(c) => Some(c),
            _ => None,
        }
    }

    #[inline]
    pub fn is_stereo(&self) -> bool {
        matches!(self, In::Stereo(..))
    }

    /// The value at the start of the block (for parameters read once per block).
    #[inline]
    pub fn first(&self) -> f32 {
        self.at(0)
    }
}

/// Where an input comes from, resolved at build time.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Src {
    Const(f32),
    Node(u32),
}

/// Output buffers of every node of a graph.
///
/// Safety: the executor guarantees that while a node runs, no other thread writes the buffers
/// it reads (they belong to nodes of earlier stages, finished before its stage began) and no
/// other thread touches its own output buffer (each node runs exactly once per block, on one
/// thread). That is what makes the shared `UnsafeCell` access below sound.
pub(crate) struct Arena {
    frames: Vec<UnsafeCell<Frame>>,
    stereo: Vec<bool>,
}

unsafe impl Sync for Arena {}

impl Arena {
    pub fn new(stereo: Vec<bool>) -> Arena {
        Arena { frames: stereo.iter().map(|_| UnsafeCell::new(Frame::default())).collect(), stereo }
    }

    #[inline]
    pub fn is_stereo(&self, i: usize) -> bool {
        self.stereo[i]
    }

    /// # Safety
    /// No thread may be writing frame `i` (see the type's comment).
    #[inline]
    pub unsafe fn frame(&self, i: usize) -> &Frame {
        &*self.frames[i].get()
    }

    /// # Safety
    /// The caller is the only user of frame `i` for the duration of the borrow.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn frame_mut(&self, i: usize) -> &mut Frame {
        &mut *self.frames[i].get()
    }

    /// # Safety
    /// As [`Arena::frame`].
    #[inline]
    pub unsafe fn input(&self, s: Src) -> In<'_> {
        match s {
            Src::Const(c) => In::Const(c),
            Src::Node(n) => {
                let n = n as usize;
                let f = self.frame(n);
                if self.stereo[n] {
                    In::Stereo(&f.l, &f.r)
                } else {
                    In::Mono(&f.l)
                }
            }
        }
    }
}

/// The inputs of one node for one block.
pub struct Inputs<'a> {
    pub(crate) srcs: &'a [Src],
    pub(crate) arena: &'a Arena,
}

impl<'a> Inputs<'a> {
    #[inline]
    pub fn len(&self) -> usize {
        self.srcs.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.srcs.is_empty()
    }

    /// Input `k`; a missing input reads as the constant 0.
    #[inline]
    pub fn get(&self, k: usize) -> In<'a> {
        match self.srcs.get(k) {
            // Safety: the executor's stage order (see `Arena`).
            Some(&s) => unsafe { self.arena.input(s) },
            None => In::Const(0.0),
        }
    }
}
