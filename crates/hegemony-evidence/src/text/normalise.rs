//! Normalisation: word-processor furniture (bookmarks, footnote markers and
//! bodies, page numbers) marked and dropped or moved out, then the kept
//! characters reflowed into paragraphs (see [`super::reflow`]).

use super::Mapped;
use super::reflow::{build, hyphenated_inline, is_double_spaced, median_line_len};

/// The normalised document: the main text and the footnotes, each mapped back
/// The normalised document: the main text and the footnotes, each mapped back
/// to the original.
#[derive(Clone, Debug, Default)]
pub struct Normalised {
    /// Paragraphs separated by '\n'.
    pub main: Mapped,
    /// The footnotes' bodies, one per note, in the order of their numbers.
    pub footnotes: Vec<Mapped>,
    /// How many characters of furniture were dropped, by reason.
    pub dropped: Vec<(&'static str, usize)>,
}

/// What becomes of an original character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Keep,
    Drop,
    /// Part of the body of this footnote.
    Foot(u32),
}

/// Normalises a document's original text: drops word-processor bookmarks
/// (`[bookmark: …]`), footnote references (`[footnoteRef:12]`, `[3]`, and
/// numbers glued to a word, "field1", "20013" = 2001 + note 3), page numbers;
/// moves footnote bodies (inline `[12: …]` or blocks of "1 Text" lines at a
/// page's foot) out of the main text; joins words hyphenated across line
/// breaks ("de-\n\nployment" → "deployment", "Russian-\nArmenian" keeps its
/// hyphen); collapses white space, keeping paragraph breaks as '\n'.
pub fn normalise(original: &str) -> Normalised {
    let chars: Vec<char> = original.chars().collect();
    let mut m = Marking { chars: &chars, mark: vec![Mark::Keep; chars.len()], dropped: Vec::new(), notes: 0 };
    m.mark_brackets();
    let lines = line_starts(&chars);
    m.mark_lines(&lines);
    let Marking { mark, dropped, notes, .. } = m;

    // The main text and the footnotes, from the characters each keeps.
    let hyphen_words = hyphenated_inline(&chars);
    let single_line_paragraphs = median_line_len(&chars, &lines) > 200;
    let double_spaced = is_double_spaced(&lines, &chars);
    let mut main_idx: Vec<usize> = Vec::with_capacity(chars.len());
    main_idx.extend((0..chars.len()).filter(|&j| mark[j] == Mark::Keep));
    let main = build(&chars, &main_idx, &hyphen_words, single_line_paragraphs, double_spaced);
    let mut by_note: Vec<Vec<usize>> = vec![Vec::new(); notes as usize + 1];
    for (j, m) in mark.iter().enumerate() {
        if let Mark::Foot(id) = m {
            by_note[*id as usize].push(j);
        }
    }
    let footnotes = by_note
        .iter()
        .filter(|idx| !idx.is_empty())
        .map(|idx| build(&chars, idx, &hyphen_words, false, true))
        .filter(|f| !f.text.trim().is_empty())
        .collect();
    Normalised { main, footnotes, dropped }
}

/// The marks of a text being normalised, with a tally of what was dropped.
struct Marking<'a> {
    chars: &'a [char],
    mark: Vec<Mark>,
    dropped: Vec<(&'static str, usize)>,
    /// Footnotes found so far (the last one's number).
    notes: u32,
}

impl Marking<'_> {
    fn set(&mut self, a: usize, b: usize, m: Mark) {
        self.mark[a..b].iter_mut().for_each(|x| *x = m);
    }

    fn count(&mut self, what: &'static str, k: usize) {
        if let Some(e) = self.dropped.iter_mut().find(|e| e.0 == what) {
            e.1 += k;
        } else {
            self.dropped.push((what, k));
        }
    }

    /// Step 1: bracketed word-processor markers and inline footnote bodies.
    fn mark_brackets(&mut self) {
        let mut i = 0;
        while i < self.chars.len() {
            i = if self.chars[i] == '[' { self.bracket_at(i).unwrap_or(i + 1) } else { i + 1 };
        }
    }

    /// Marks what the '[' at `i` opens, if it is furniture; where to go on.
    fn bracket_at(&mut self, i: usize) -> Option<usize> {
        let chars = self.chars;
        let rest: String = chars[i + 1..chars.len().min(i + 20)].iter().collect();
        if (rest.starts_with("bookmark:") || rest.starts_with("footnoteRef:") || rest.starts_with("endnoteRef:"))
            && let Some(e) = closing_bracket(chars, i + 1)
        {
            self.set(i, e + 1, Mark::Drop);
            self.count(if rest.starts_with("bookmark") { "bookmark" } else { "footnote marker" }, e + 1 - i);
            return Some(e + 1);
        }
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=4).contains(&digits) {
            return None;
        }
        match rest.chars().nth(digits) {
            Some(':') => {
                let e = closing_bracket(chars, i + 1)?;
                self.notes += 1;
                self.set(i, e + 1, Mark::Foot(self.notes));
                // The body proper: after "[12:", before "]".
                self.set(i, i + 2 + digits, Mark::Drop);
                self.mark[e] = Mark::Drop;
                self.count("footnote", e + 1 - i);
                Some(e + 1)
            }
            Some(']') => {
                // A citation marker "[3]".
                self.set(i, i + digits + 2, Mark::Drop);
                self.count("footnote marker", digits + 2);
                Some(i + digits + 2)
            }
            _ => None,
        }
    }

    /// Step 2: lines that are page numbers, and blocks of footnotes at the
    /// foot of a page.
    fn mark_lines(&mut self, lines: &[(usize, usize)]) {
        let mut k = 0;
        let mut last_foot_end = 0usize;
        while k < lines.len() {
            let t = line_text(self.chars, lines, k);
            let trimmed = t.trim();
            let (a, b) = lines[k];
            if !trimmed.is_empty() && is_page_number(trimmed) && self.mark[a..b].iter().all(|m| *m == Mark::Keep) {
                self.set(a, b, Mark::Drop);
                self.count("page number", b - a);
                k += 1;
                continue;
            }
            if footnote_line_number(&t).is_some()
                && let Some(end) = self.footnote_block(lines, k, last_foot_end)
            {
                last_foot_end = lines[end - 1].1;
                k = end;
                continue;
            }
            k += 1;
        }
    }

    /// A block of notes from line `k`: it and the following lines until a
    /// page starts (a line opening with a single space), if that happens
    /// within 30 lines. Moves the notes out and drops their markers in the
    /// text since `last_foot_end`; the line after the block.
    fn footnote_block(&mut self, lines: &[(usize, usize)], k: usize, last_foot_end: usize) -> Option<usize> {
        let chars = self.chars;
        let mut end = k + 1;
        while end < lines.len() && end < k + 30 {
            let u = line_text(chars, lines, end);
            if u.starts_with(' ') && u.chars().nth(1).is_some_and(|c| !c.is_whitespace()) {
                break;
            }
            end += 1;
        }
        if !(end < lines.len() && end < k + 30) {
            return None;
        }
        let nums = (k..end).filter_map(|j| footnote_line_number(&line_text(chars, lines, j))).collect::<Vec<_>>();
        // Remove the markers of these notes from the text before.
        let region_start = lines[k].0;
        for &m in nums.iter().rev() {
            if let Some((ma, mb)) = find_marker(chars, &self.mark, last_foot_end, region_start, m) {
                self.set(ma, mb, Mark::Drop);
                self.count("footnote marker", mb - ma);
            }
        }
        for j in k..end {
            let (a, b) = lines[j];
            // The line break after the line belongs to the note too.
            let next = lines.get(j + 1).map(|l| l.0).unwrap_or(b);
            if footnote_line_number(&line_text(chars, lines, j)).is_some() {
                self.notes += 1;
                let digits = chars[a..b].iter().take_while(|c| c.is_ascii_digit() || **c == ' ').count();
                self.set(a, a + digits, Mark::Drop);
                self.set(a + digits, next, Mark::Foot(self.notes));
            } else {
                self.set(a, next, Mark::Foot(self.notes));
            }
            self.count("footnote", next - a);
        }
        Some(end)
    }
}

/// The ']' closing the bracket opened just before `from` (nested brackets
/// skipped), if within 20,000 characters.
fn closing_bracket(chars: &[char], from: usize) -> Option<usize> {
    let mut depth = 0;
    for (k, &c) in chars.iter().enumerate().skip(from) {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return Some(k),
            ']' => depth -= 1,
            _ => {}
        }
        if k - from > 20_000 {
            return None;
        }
    }
    None
}

/// The text of line `k`.
fn line_text(chars: &[char], lines: &[(usize, usize)], k: usize) -> String {
    let (a, b) = lines[k];
    chars[a..b].iter().collect()
}

/// (start, end) char offsets of each line, without its '\n'.
fn line_starts(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n' {
            let b = if i > a && chars[i - 1] == '\r' { i - 1 } else { i };
            out.push((a, b));
            a = i + 1;
        }
    }
    if a <= chars.len() {
        out.push((a, chars.len()));
    }
    out
}

fn is_page_number(t: &str) -> bool {
    let t = t.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t.strip_prefix("Page ").or_else(|| t.strip_prefix("page ")).unwrap_or(t);
    let t = t.split(" of ").next().unwrap_or(t);
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}

/// "1 Russia, Armenia unite …" → 1: a line opening with a note number and a
/// space, then text that does not start with a digit.
fn footnote_line_number(line: &str) -> Option<u32> {
    let digits: String = line.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    let rest = &line[digits.len()..];
    let after = rest.strip_prefix(' ')?;
    let first = after.chars().next()?;
    if first.is_ascii_digit() || first.is_whitespace() || first.is_lowercase() {
        return None;
    }
    if after.trim().len() < 8 {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 0)
}

/// The last marker of note `num` between `from` and `to`: the number glued to
/// a word or a closing quote/bracket ("field1", "fighting”4"), or glued to a
/// year ("20013" = 2001 + 3). Returns the range of the marker's digits.
fn find_marker(chars: &[char], mark: &[Mark], from: usize, to: usize, num: u32) -> Option<(usize, usize)> {
    let digits: Vec<char> = num.to_string().chars().collect();
    let d = digits.len();
    let mut i = to;
    while i > from + d {
        i -= 1;
        // chars[i - d + 1 ..= i] == digits, followed by a non-digit.
        let start = i + 1 - d;
        if chars[start..=i] != digits[..] || mark[start..=i].iter().any(|m| *m != Mark::Keep) {
            continue;
        }
        if chars.get(i + 1).is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let prev = chars[start - 1];
        if prev.is_alphabetic() && !(start >= 2 && chars[start - 2].is_uppercase() && prev.is_uppercase()) {
            // "field1" — but not acronyms with numbers such as "S300" (two capitals before).
            return Some((start, i + 1));
        }
        if matches!(prev, '”' | '"' | '’' | ')' | '.' | ',' | ';' | ':')
            && start >= 2
            && !chars[start - 2].is_whitespace()
        {
            return Some((start, i + 1));
        }
        if prev.is_ascii_digit() && start >= 4 {
            let year: String = chars[start - 4..start].iter().collect();
            let before = if start >= 5 { chars[start - 5] } else { ' ' };
            if !before.is_ascii_digit()
                && let Ok(y) = year.parse::<u32>()
                && (1800..=2100).contains(&y)
            {
                return Some((start, i + 1));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_map(original: &str, m: &Mapped) {
        let orig: Vec<char> = original.chars().collect();
        for (c, &o) in m.text.chars().zip(&m.map) {
            let oc = orig[o];
            assert!(
                c == oc || (c == ' ' && oc.is_whitespace()) || (c == '\n' && oc.is_whitespace()),
                "{c:?} vs {oc:?}"
            );
        }
    }

    #[test]
    fn dehyphenates_across_line_breaks_and_keeps_real_compounds() {
        let t = "force de-\n\nployment and the Russian-\n\nArmenian group; a military-political tie and military-\n\npolitical issues.";
        let n = normalise(t);
        assert_eq!(
            n.main.text,
            "force deployment and the Russian-Armenian group; a military-political tie and military-political issues."
        );
        check_map(t, &n.main);
        // "deployment" maps back to "de-\n\nployment".
        let p = n.main.text.find("deployment").unwrap();
        let (s, e) = n.main.original_range(p, p + "deployment".len());
        assert_eq!(&t[s..e], "de-\n\nployment");
    }

    #[test]
    fn drops_bookmarks_footnote_refs_and_moves_inline_footnotes() {
        let t =
            "[bookmark: _Toc1]Introduction\nRussia[footnoteRef:1] acts.  [1:  The Baltic states are excluded. ]  Next.";
        let n = normalise(t);
        // A short single-spaced line is not a paragraph of its own here (a wrapped line).
        assert_eq!(n.main.text, "Introduction Russia acts. Next.");
        assert_eq!(n.footnotes.len(), 1);
        assert_eq!(n.footnotes[0].text, "The Baltic states are excluded.");
        check_map(t, &n.main);
        check_map(t, &n.footnotes[0]);
    }

    #[test]
    fn footnote_blocks_at_page_foot_and_glued_markers() {
        let t = "in this field1. Once joined, troops2 and April 20013 it was.\n\n1 Russia Today, 23.12.2015.  \n2 V. Litovkin, UPI, 2016.\n3 RFE/RL Newsline, 17.04.2001.\n ranging from the next page.";
        let n = normalise(t);
        // A page continuing in lower case runs on.
        assert_eq!(
            n.main.text,
            "in this field. Once joined, troops and April 2001 it was. ranging from the next page."
        );
        assert_eq!(n.footnotes.len(), 3);
        assert_eq!(n.footnotes[1].text, "V. Litovkin, UPI, 2016.");
    }

    #[test]
    fn page_numbers_are_dropped_and_citations_too() {
        let t = "as such” [1].\n\n12\n\nNext page text.";
        let n = normalise(t);
        assert_eq!(n.main.text, "as such” .\nNext page text.");
    }
}
