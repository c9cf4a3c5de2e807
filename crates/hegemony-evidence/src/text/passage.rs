//! Passages: the units that are searched and from which candidates are
//! extracted.

use super::Mapped;

/// A passage: a paragraph of the normalised text (long ones split at
/// sentence ends), with its place in the original.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// The normalised text.
    pub text: String,
    /// Character offset of its start in the original.
    pub start: usize,
    /// Character offset just past its end in the original.
    pub end: usize,
    /// For each char of `text`, its original offset (plus one past the end).
    pub map: Vec<usize>,
    /// Whether it is (part of) a footnote.
    pub footnote: bool,
}

impl Passage {
    /// The original range `[start, end)` behind the characters `[a, b)` of the passage.
    pub fn original_range(&self, a: usize, b: usize) -> (usize, usize) {
        super::mapped::original_range(&self.map, a, b)
    }
}

/// Splits normalised text into passages of at most about `max` characters.
pub fn passages(m: &Mapped, footnote: bool, max: usize) -> Vec<Passage> {
    let chars: Vec<char> = m.text.chars().collect();
    let mut out = Vec::new();
    let mut a = 0;
    let emit = |a: usize, b: usize, out: &mut Vec<Passage>| {
        // Trim white space at both ends.
        let (mut a, mut b) = (a, b);
        while a < b && chars[a].is_whitespace() {
            a += 1;
        }
        while b > a && chars[b - 1].is_whitespace() {
            b -= 1;
        }
        if a == b {
            return;
        }
        let (s, e) = m.original_range(a, b);
        let mut map = m.map[a..b].to_vec();
        map.push(e);
        out.push(Passage { text: chars[a..b].iter().collect(), start: s, end: e, map, footnote });
    };
    while a < chars.len() {
        let para_end = chars[a..].iter().position(|&c| c == '\n').map(|p| a + p).unwrap_or(chars.len());
        let mut s = a;
        while para_end - s > max {
            // The last sentence end before s + max, else the last space.
            let window = s + max;
            // Not after an initial ("Peter B. Humphrey"): a single capital before the dot.
            let initial =
                |q: usize| q >= 1 && chars[q - 1].is_uppercase() && (q == 1 || !chars[q - 2].is_alphanumeric());
            let cut = (s + max / 3..window)
                .rev()
                .find(|&q| {
                    matches!(chars[q], '.' | '?' | '!') && chars.get(q + 1).is_some_and(|c| *c == ' ') && !initial(q)
                })
                .map(|q| q + 1)
                .or_else(|| (s + max / 3..window).rev().find(|&q| chars[q] == ' '))
                .unwrap_or(window);
            emit(s, cut, &mut out);
            s = cut;
        }
        emit(s, para_end, &mut out);
        a = para_end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalise;

    #[test]
    fn a_long_paragraph_is_not_split_after_an_initial() {
        let text = "Some words here. Peter B. Humphrey stated it in 2009.";
        let n = normalise(text);
        let ps = passages(&n.main, false, 30);
        assert!(ps.iter().all(|p| !p.text.ends_with("B.")), "{:?}", ps.iter().map(|p| &p.text).collect::<Vec<_>>());
    }

    #[test]
    fn passages_split_long_paragraphs_at_sentences() {
        let text = "One sentence here. Two sentence here. Three sentence here.\n\nSecond paragraph.";
        let n = normalise(text);
        let ps = passages(&n.main, false, 40);
        let texts: Vec<&str> = ps.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["One sentence here. Two sentence here.", "Three sentence here.", "Second paragraph."]);
        let chars: Vec<char> = text.chars().collect();
        for p in &ps {
            assert_eq!(chars[p.start..p.end].iter().collect::<String>(), p.text);
        }
    }
}
