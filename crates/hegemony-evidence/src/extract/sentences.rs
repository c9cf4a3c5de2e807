//! Sentences of a passage, and a sentence as the rules over sentences
//! (relations, claims) read it.

use super::Found;
use crate::gazetteer::{ActorMatch, Token};

/// A sentence of a passage with its tokens, names and dates.
pub(super) struct Sentence<'a> {
    /// The passage's characters.
    pub chars: &'a [char],
    /// Character offset of the sentence's start in the passage.
    pub start: usize,
    /// Character offset just past its end.
    pub end: usize,
    /// Its tokens …
    pub toks: Vec<&'a Token>,
    /// … in lower case.
    pub words: Vec<&'a str>,
    /// The gazetteer matches within it.
    pub actors: Vec<&'a ActorMatch>,
    /// The dates within it.
    pub dates: Vec<&'a Found>,
}

impl<'a> Sentence<'a> {
    /// The sentence `start..end` of a passage, with the passage's tokens, names and dates in it.
    pub fn new(
        chars: &'a [char],
        tokens: &'a [Token],
        (start, end): (usize, usize),
        actors: &'a [ActorMatch],
        dates: &'a [Found],
    ) -> Sentence<'a> {
        // Tokens, names and dates are in text order: the sentence's are a run of each.
        let from = tokens.partition_point(|t| t.start < start);
        let toks: Vec<&Token> = tokens[from..].iter().take_while(|t| t.end <= end).collect();
        let words = toks.iter().map(|t| t.lower()).collect();
        let from = actors.partition_point(|m| m.start < start);
        let actors = actors[from..].iter().take_while(|m| m.start < end).filter(|m| m.end <= end).collect();
        let dates = dates.iter().filter(|f| f.start >= start && f.end <= end).collect();
        Sentence { chars, start, end, toks, words, actors, dates }
    }
}

/// Sentence ranges (chars) of a passage: ends at a line break, or at
/// '.', '?', '!' before white space and a capital (not after an abbreviation
/// or an initial).
pub fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    const ABBR: &[&str] = &[
        "nov", "dec", "jan", "feb", "aug", "sept", "sep", "oct", "mr", "mrs", "dr", "prof", "st", "no", "vol", "pp",
        "p", "cf", "etc", "op", "cit", "ed", "eds", "al", "vs", "cca", "gen", "col", "lt", "ref",
    ];
    let mut out = Vec::new();
    let mut s = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let end_here = if c == '\n' {
            true
        } else if matches!(c, '.' | '?' | '!') {
            let next_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace() || matches!(n, '”' | '"' | ')'));
            let mut k = i + 1;
            while k < chars.len() && (chars[k].is_whitespace() || matches!(chars[k], '”' | '"' | ')')) {
                k += 1;
            }
            let next_upper = chars.get(k).is_none_or(|n| n.is_uppercase() || n.is_ascii_digit() || *n == '•');
            let mut w = i;
            while w > 0 && chars[w - 1].is_alphabetic() {
                w -= 1;
            }
            let word = &chars[w..i];
            let abbr = ABBR
                .iter()
                .any(|a| a.len() == word.len() && a.chars().zip(word).all(|(x, y)| y.to_lowercase().eq([x])));
            let initial = i - w == 1 && chars[w].is_uppercase();
            c != '.' || (next_space && next_upper && !abbr && !initial)
        } else {
            false
        };
        if end_here {
            let e = if c == '\n' { i } else { i + 1 };
            if chars[s..e].iter().any(|c| !c.is_whitespace()) {
                out.push(trim(chars, s, e));
            }
            s = i + 1;
        }
        i += 1;
    }
    if s < chars.len() && chars[s..].iter().any(|c| !c.is_whitespace()) {
        out.push(trim(chars, s, chars.len()));
    }
    out
}

/// `a..b` without white space at either end.
fn trim(chars: &[char], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    (a, b)
}
