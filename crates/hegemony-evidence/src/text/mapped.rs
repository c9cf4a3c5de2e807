//! A text with a map from each of its characters back to the original.

/// A text with, for each of its characters, the offset of the character it
/// came from in the original (`map.len() == chars + 1`; the last entry is the
/// original offset just past the end).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapped {
    /// The text.
    pub text: String,
    /// For each character of `text`, its original offset (plus one past the end).
    pub map: Vec<usize>,
}

impl Mapped {
    #[inline]
    pub(super) fn push(&mut self, c: char, orig: usize) {
        self.text.push(c);
        self.map.push(orig);
    }
    /// The original range `[start, end)` behind the characters `[a, b)` of this text.
    pub fn original_range(&self, a: usize, b: usize) -> (usize, usize) {
        original_range(&self.map, a, b)
    }
    /// The number of characters of the text.
    pub fn char_len(&self) -> usize {
        self.map.len().saturating_sub(1)
    }
}

/// The original range `[start, end)` behind the characters `[a, b)` of a
/// text whose characters' original offsets are `map` (an empty range: the
/// offset of the character at `a`).
pub(super) fn original_range(map: &[usize], a: usize, b: usize) -> (usize, usize) {
    if a >= b {
        let o = map[a.min(map.len() - 1)];
        return (o, o);
    }
    (map[a], map[b - 1] + 1)
}
