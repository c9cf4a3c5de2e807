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
    /// `text` in lower case, when it differs (see [`Token::lower`]).
    lowered: Option<String>,
    /// What kind of token.
    pub kind: TokKind,
}

impl Token {
    /// A token of `text` at `start..end`.
    pub fn new(start: usize, end: usize, text: String, kind: TokKind) -> Token {
        let lowered = if text.is_ascii() {
            text.bytes().any(|b| b.is_ascii_uppercase()).then(|| text.to_ascii_lowercase())
        } else {
            text.chars().any(char::is_uppercase).then(|| text.to_lowercase())
        };
        Token { start, end, text, lowered, kind }
    }

    /// The token in lower case.
    #[inline]
    pub fn lower(&self) -> &str {
        self.lowered.as_deref().unwrap_or(&self.text)
    }
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
    // About one token in five characters in running text.
    let mut out = Vec::with_capacity(chars.len() / 5 + 4);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let letter = |c: char| c.is_ascii_alphabetic() || (!c.is_ascii() && (c.is_alphabetic() || c == '\u{301}'));
        let kind = if letter(c) {
            while i < chars.len() && letter(chars[i]) {
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
        let mut text = String::with_capacity(i - start);
        text.extend(&chars[start..i]);
        out.push(Token::new(start, i, text, kind));
    }
    out
}
