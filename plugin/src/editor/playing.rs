//! The steps sounding now, for lighting their words in the code.
//!
//! The audio thread publishes each event as it starts (its words in the program text, outputs,
//! onset and length in engine samples). The window collects them, and each frame lights those
//! whose sound has begun and not ended at the sample being heard, so the light follows the
//! audio out of the speakers, not the block being rendered. A step belongs to the text of the
//! program that played it; lit in a text edited since, its words are moved along with the edit,
//! or dropped where the edit touched them.

use super::code::edit_bounds;
use phonon_engine::graph::{program_id, PlayedStep};
use std::ops::Range;

/// Program texts remembered: the one playing and those that may still be sounding out.
const TEXTS: usize = 4;
/// Most steps kept waiting or sounding; the oldest go first.
const MAX_STEPS: usize = 4096;
/// Steps are published a block and a host buffer before they sound; one starting further
/// ahead than this (in samples, seconds at any rate) belongs to an engine that is gone (the
/// plugin was reactivated and counts from zero again).
const MAX_AHEAD: f64 = 400_000.0;

#[derive(Default)]
pub struct Playing {
    steps: Vec<PlayedStep>,
    /// Texts of recent programs, newest last, by their id.
    texts: Vec<(u64, String)>,
}

impl Playing {
    /// `text` is (or is about to be) playing: its steps can be lit.
    pub fn program(&mut self, text: &str) {
        let id = program_id(text);
        self.texts.retain(|(i, _)| *i != id);
        self.texts.push((id, text.to_string()));
        if self.texts.len() > TEXTS {
            self.texts.remove(0);
        }
    }

    /// Take in newly published steps and forget those that ended before `heard`.
    pub fn update(&mut self, new: impl IntoIterator<Item = PlayedStep>, heard: Option<f64>) {
        self.steps.extend(new);
        if let Some(h) = heard {
            self.steps.retain(|s| ((s.start + s.len) as f64) > h && (s.start as f64) < h + MAX_AHEAD);
        }
        if self.steps.len() > MAX_STEPS {
            let extra = self.steps.len() - MAX_STEPS;
            self.steps.drain(..extra);
        }
    }

    /// Whether steps are waiting or sounding (the window redraws at its frame rate until then).
    pub fn busy(&self) -> bool {
        !self.steps.is_empty()
    }

    /// Steps sounding at `heard`.
    pub fn sounding(&self, heard: f64) -> impl Iterator<Item = &PlayedStep> {
        self.steps.iter().filter(move |s| s.start as f64 <= heard && heard < (s.start + s.len) as f64)
    }

    /// Byte ranges of `text` to light at `heard`, on the outputs in `outputs` (bit k: output
    /// k, 0 = main): the words of the steps sounding then, moved into `text` from the text
    /// they were played from; none for a step of an unknown text or whose words were edited.
    pub fn lit(&self, heard: f64, text: &str, outputs: u32) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for s in self.sounding(heard).filter(|s| s.outputs & outputs != 0) {
            let Some((_, from)) = self.texts.iter().find(|(id, _)| *id == s.program) else { continue };
            for (offset, len) in s.locs.iter() {
                if let Some(r) = map_range(from, text, offset..offset + len) {
                    if !out.contains(&r) {
                        out.push(r);
                    }
                }
            }
        }
        out
    }
}

/// `r`, a range of `old`, in `new`: where it is when the edit from `old` to `new` left it
/// untouched; `None` when the edit changed it (or it is not in `old`).
pub fn map_range(old: &str, new: &str, r: Range<usize>) -> Option<Range<usize>> {
    if r.end > old.len() || r.start >= r.end {
        return None;
    }
    if old == new {
        return Some(r);
    }
    let (prefix, old_end, new_end) = edit_bounds(old, new);
    if r.end <= prefix {
        Some(r)
    } else if r.start >= old_end {
        Some(r.start - old_end + new_end..r.end - old_end + new_end)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use phonon_engine::pattern::Locs;

    fn step(text: &str, word: &str, start: i64, len: i64) -> PlayedStep {
        let at = text.find(word).unwrap();
        PlayedStep { program: program_id(text), locs: Locs::at(at, word.len()), outputs: 1, start, len }
    }

    #[test]
    fn steps_light_from_their_onset_to_their_end() {
        let text = "out: s \"bd sn\"";
        let mut p = Playing::default();
        p.program(text);
        p.update([step(text, "bd", 0, 100), step(text, "sn", 100, 100)], Some(0.0));
        assert_eq!(p.lit(50.0, text, 1), [8..10]);
        assert_eq!(p.lit(150.0, text, 1), [11..13]);
        assert!(p.lit(150.0, text, 2).is_empty(), "only on the outputs asked for");
        p.update([], Some(200.0));
        assert!(!p.busy());
        // Steps of an engine that restarted its count are forgotten, never lit later.
        p.update([step(text, "bd", 10_000_000, 100)], Some(50.0));
        assert!(!p.busy());
    }

    #[test]
    fn edits_move_lit_words_or_drop_them() {
        let old = "out: s \"bd sn\"";
        let mut p = Playing::default();
        p.program(old);
        p.update([step(old, "bd", 0, 100), step(old, "sn", 0, 100)], None);
        // Typed before both words: both move.
        assert_eq!(p.lit(1.0, &format!("-- x\n{old}"), 1), [13..15, 16..18]);
        // `bd` edited: only `sn` stays lit, where it now is.
        assert_eq!(p.lit(1.0, "out: s \"bass sn\"", 1), [13..15]);
        // A text the steps never played in lights nothing.
        let other = step("out: s \"hh\"", "hh", 0, 100);
        p.update([other], None);
        assert_eq!(p.lit(1.0, old, 1).len(), 2);
    }

    #[test]
    fn ranges_map_across_an_edit() {
        assert_eq!(map_range("ab cd", "ab cd", 3..5), Some(3..5));
        assert_eq!(map_range("ab cd", "xab cd", 3..5), Some(4..6));
        assert_eq!(map_range("ab cd", "ab cdx", 3..5), Some(3..5));
        assert_eq!(map_range("ab cd", "ab ce", 3..5), None);
        assert_eq!(map_range("ab", "abc", 5..7), None);
    }
}
