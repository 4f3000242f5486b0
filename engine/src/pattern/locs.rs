//! Where in the program text an event came from: the mini-notation words that made it.
//!
//! Every hap carries a small fixed set of source ranges, so the editor can light the words of
//! the events that sound. Combining two events (`s "bd" # n "1 2"`) unions their ranges, as
//! Strudel's `context.locations` do. The set is `Copy` and four words wide: the hot path moves
//! it with the hap and never allocates; past four ranges the extra ones are dropped.

/// Ranges a set keeps.
pub const LOCS_CAP: usize = 4;
/// Bits of a packed range that hold its length; the rest hold its byte offset.
const LEN_BITS: u32 = 12;
const MAX_LEN: usize = (1 << LEN_BITS) - 1;
const MAX_OFFSET: usize = (u32::MAX >> LEN_BITS) as usize;

/// Source ranges, each packed as `offset << 12 | len` (len >= 1, so 0 marks an empty slot).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Hash)]
pub struct Locs([u32; LOCS_CAP]);

impl Locs {
    /// No location (events made by functions rather than written words).
    pub const NONE: Locs = Locs([0; LOCS_CAP]);

    /// The one range of `len` bytes at byte `offset`; none when it is empty or out of the
    /// packable range (1 MiB of text, words of 4 KiB).
    pub fn at(offset: usize, len: usize) -> Locs {
        if len == 0 || len > MAX_LEN || offset > MAX_OFFSET {
            return Locs::NONE;
        }
        let mut l = Locs::NONE;
        l.0[0] = ((offset as u32) << LEN_BITS) | len as u32;
        l
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0[0] == 0
    }

    /// The ranges of both, without repeats (those of `self` first).
    #[inline]
    pub fn union(self, other: Locs) -> Locs {
        if other.is_empty() || self == other {
            return self;
        }
        if self.is_empty() {
            return other;
        }
        let mut out = self;
        let mut n = out.0.iter().take_while(|&&x| x != 0).count();
        for &x in other.0.iter().take_while(|&&x| x != 0) {
            if n == LOCS_CAP {
                break;
            }
            if !out.0[..n].contains(&x) {
                out.0[n] = x;
                n += 1;
            }
        }
        out
    }

    /// Every range `by` bytes later (a string's words, placed at the string in the program),
    /// or earlier for a negative `by`; ranges moved before the start are dropped.
    #[inline]
    pub fn shifted(self, by: isize) -> Locs {
        let mut out = Locs::NONE;
        let mut n = 0;
        for (offset, len) in self.iter() {
            let Some(at) = offset.checked_add_signed(by) else { continue };
            let l = Locs::at(at, len);
            if !l.is_empty() {
                out.0[n] = l.0[0];
                n += 1;
            }
        }
        out
    }

    /// The ranges as `(byte offset, length)`.
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.0.iter().take_while(|&&x| x != 0).map(|&x| ((x >> LEN_BITS) as usize, (x as usize) & MAX_LEN))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_pack_and_unpack() {
        let l = Locs::at(1000, 3);
        assert_eq!(l.iter().collect::<Vec<_>>(), vec![(1000, 3)]);
        assert!(Locs::at(5, 0).is_empty());
        assert!(Locs::at(MAX_OFFSET + 1, 1).is_empty());
        assert_eq!(Locs::at(MAX_OFFSET, MAX_LEN).iter().next(), Some((MAX_OFFSET, MAX_LEN)));
    }

    #[test]
    fn union_keeps_each_range_once_and_at_most_four() {
        let (a, b) = (Locs::at(1, 2), Locs::at(10, 2));
        let ab = a.union(b);
        assert_eq!(ab.iter().collect::<Vec<_>>(), vec![(1, 2), (10, 2)]);
        assert_eq!(ab.union(a), ab);
        assert_eq!(Locs::NONE.union(b), b);
        let mut many = Locs::NONE;
        for k in 0..6 {
            many = many.union(Locs::at(k * 10, 1));
        }
        assert_eq!(many.iter().count(), LOCS_CAP);
    }

    #[test]
    fn shifting_moves_every_range() {
        let l = Locs::at(1, 2).union(Locs::at(5, 1)).shifted(100);
        assert_eq!(l.iter().collect::<Vec<_>>(), vec![(101, 2), (105, 1)]);
        assert_eq!(l.shifted(-102).iter().collect::<Vec<_>>(), vec![(3, 1)]);
    }
}
