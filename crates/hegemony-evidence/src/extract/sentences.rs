//! Sentences of a passage.

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
            let word: String = chars[w..i].iter().collect::<String>().to_lowercase();
            let initial = i - w == 1 && chars[w].is_uppercase();
            c != '.' || (next_space && next_upper && !ABBR.contains(&word.as_str()) && !initial)
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
