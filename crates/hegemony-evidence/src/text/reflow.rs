//! Reflowing the characters normalisation keeps: white space collapsed,
//! paragraph breaks told from wrapped lines (single- and double-spaced
//! layouts), words hyphenated across line breaks joined.

use std::collections::HashSet;

use super::Mapped;

/// Lower-cased words written with a hyphen inside a line ("military-political"):
/// such a word split at its hyphen across a line break keeps the hyphen.
pub(super) fn hyphenated_inline(chars: &[char]) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut i = 1;
    while i + 1 < chars.len() {
        if chars[i] == '-' && chars[i - 1].is_alphabetic() && chars[i + 1].is_alphabetic() {
            let mut a = i;
            while a > 0 && chars[a - 1].is_alphabetic() {
                a -= 1;
            }
            let mut b = i + 1;
            while b < chars.len() && chars[b].is_alphabetic() {
                b += 1;
            }
            out.insert(chars[a..b].iter().collect::<String>().to_lowercase());
            i = b;
        } else {
            i += 1;
        }
    }
    out
}

pub(super) fn median_line_len(chars: &[char], lines: &[(usize, usize)]) -> usize {
    let _ = chars;
    let mut lens: Vec<usize> = lines.iter().map(|(a, b)| b - a).filter(|&l| l > 0).collect();
    if lens.is_empty() {
        return 0;
    }
    lens.sort_unstable();
    lens[lens.len() / 2]
}

/// Whether most text lines are followed by exactly one blank line (a PDF
/// export with double line spacing): then a blank line is not a paragraph.
pub(super) fn is_double_spaced(lines: &[(usize, usize)], chars: &[char]) -> bool {
    let blank = |k: usize| chars[lines[k].0..lines[k].1].iter().all(|c| c.is_whitespace());
    let (mut text, mut followed) = (0, 0);
    for k in 0..lines.len().saturating_sub(2) {
        if !blank(k) {
            text += 1;
            if blank(k + 1) && !blank(k + 2) {
                followed += 1;
            }
        }
    }
    text > 10 && followed * 10 > text * 7
}

/// Builds normalised text from the kept characters `idx` (increasing).
pub(super) fn build(
    chars: &[char],
    idx: &[usize],
    hyphen_words: &HashSet<String>,
    single_line_paragraphs: bool,
    double_spaced: bool,
) -> Mapped {
    let mut out = Mapped { text: String::with_capacity(idx.len() + 16), map: Vec::with_capacity(idx.len() + 1) };
    let mut k = 0;
    // Length of the current original line, for the "short last line" rule.
    let mut line_len = 0usize;
    let typical = {
        let mut lens = Vec::new();
        let mut l = 0;
        for &j in idx {
            if chars[j] == '\n' {
                if l > 0 {
                    lens.push(l);
                }
                l = 0;
            } else {
                l += 1;
            }
        }
        lens.sort_unstable();
        lens.get(lens.len() * 3 / 4).copied().unwrap_or(80)
    };
    while k < idx.len() {
        let j = idx[k];
        let c = chars[j];
        if c == '\u{ad}' {
            k += 1;
            continue;
        }
        if c.is_whitespace() {
            // A run of white space (over kept characters).
            let mut newlines = 0;
            let start = k;
            while k < idx.len() && chars[idx[k]].is_whitespace() {
                if chars[idx[k]] == '\n' {
                    newlines += 1;
                }
                k += 1;
            }
            if out.text.is_empty() || k >= idx.len() {
                line_len = 0;
                continue;
            }
            let last = out.text.chars().last().unwrap_or(' ');
            let terminal = matches!(last, '.' | '?' | '!' | ':' | '”' | '"' | ')') || last.is_ascii_digit();
            let short = line_len * 10 < typical * 8;
            let paragraph = if newlines == 0 {
                false
            } else if single_line_paragraphs {
                true
            } else if double_spaced {
                newlines >= 4 || (terminal && short) || (newlines >= 2 && chars[idx[k]] == '•')
            } else {
                // A blank line is a paragraph break unless the line clearly
                // runs on ("…, Iran, and" / lower-case continuation).
                let tail: String = out.text.chars().rev().take_while(|c| c.is_alphabetic()).collect();
                let runs_on = matches!(
                    tail.chars().rev().collect::<String>().as_str(),
                    "and" | "or" | "the" | "of" | "with" | "to" | "a" | "an" | "in" | "for" | "by" | "on" | "at"
                ) || last == ','
                    || chars[idx[k]].is_lowercase();
                (newlines >= 2 && !runs_on) || (terminal && short && newlines >= 1) || chars[idx[k]] == '•'
            };
            let _ = start;
            if newlines > 0 {
                line_len = 0;
            }
            if paragraph {
                if !out.text.ends_with('\n') {
                    out.push('\n', idx[start]);
                }
            } else if !out.text.ends_with([' ', '\n']) {
                out.push(' ', idx[start]);
            }
            continue;
        }
        // A hyphen at a line end: join or keep.
        if c == '-' && k + 1 < idx.len() && !out.text.is_empty() {
            let mut m = k + 1;
            let mut nl = false;
            while m < idx.len() && chars[idx[m]].is_whitespace() {
                nl |= chars[idx[m]] == '\n';
                m += 1;
            }
            let prev_alpha = out.text.chars().last().is_some_and(|p| p.is_alphabetic());
            if nl && m < idx.len() && prev_alpha && chars[idx[m]].is_alphabetic() {
                let mut w_end = m;
                while w_end < idx.len() && chars[idx[w_end]].is_alphabetic() {
                    w_end += 1;
                }
                let head: String = out
                    .text
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let tail: String = idx[m..w_end].iter().map(|&x| chars[x]).collect();
                let compound = format!("{head}-{tail}").to_lowercase();
                let keep_hyphen = chars[idx[m]].is_uppercase() || hyphen_words.contains(&compound);
                if keep_hyphen {
                    out.push('-', j);
                }
                k = m;
                line_len = 0;
                continue;
            }
        }
        out.push(
            match c {
                '\u{a0}' | '\t' => ' ',
                c => c,
            },
            j,
        );
        line_len += 1;
        k += 1;
    }
    while out.text.ends_with([' ', '\n']) {
        out.text.pop();
        out.map.pop();
    }
    let end = idx.last().map(|&j| j + 1).unwrap_or(0);
    let end = out.map.last().map(|&x| x + 1).unwrap_or(end);
    out.map.push(end);
    out
}
