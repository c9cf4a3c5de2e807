//! Tokens: runs of letters, numbers, single other characters, with their
//! character offsets.

/// A token of a text: a run of letters, a number (digits with inner `,` or
/// `.`), or one other non-space character. Offsets in chars.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// Char offset of its start.
    pub start: usize,
    /// Char offset just past its end.
    pub end: usize,
    /// The token as written.
    pub text: String,
    /// `text` in lower case.
    pub lower: String,
    /// What kind of token.
    pub kind: TokKind,
}

/// The kinds of token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    /// A run of letters.
    Word,
    /// Digits, with inner `,` or `.`.
    Num,
    /// Any other non-space character.
    Punct,
}

/// Splits `chars` into tokens.
pub fn tokenize(chars: &[char]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind = if c.is_alphabetic() {
            while i < chars.len() && (chars[i].is_alphabetic() || chars[i] == '\u{301}') {
                i += 1;
            }
            TokKind::Word
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], ',' | '.') && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())))
            {
                i += 1;
            }
            TokKind::Num
        } else {
            i += 1;
            TokKind::Punct
        };
        let text: String = chars[start..i].iter().collect();
        let lower = if text.chars().any(char::is_uppercase) { text.to_lowercase() } else { text.clone() };
        out.push(Token { start, end: i, text, lower, kind });
    }
    out
}
