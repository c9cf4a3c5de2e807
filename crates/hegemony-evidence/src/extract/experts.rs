//! Expert comments: a header ("NAME, affiliation") opens a section whose
//! stance is the claim's, read across the passages the section spans.

use super::{Context, Found, is, stance_of};
use crate::candidate::{ClaimDetail, Detail, SpeakerKind};
use crate::gazetteer::{ActorKind, Gazetteer, TokKind, Token, tokenize};

/// A header found among the tokens.
struct Head {
    /// The token of the comma after the name.
    comma: usize,
    /// The name, capitalised as a name ("Richard Giragosian").
    name: String,
    /// The header's first character.
    start: usize,
}

/// Expert comments: "RICHARD GIRAGOSIAN, Director of the Regional Studies
/// Center …" opens a section; the claim is the section's stance.
pub(super) fn expert_headers(chars: &[char], tokens: &[Token], cx: &Context) -> Vec<Found> {
    let heads = headers(chars, tokens);
    let mut out = Vec::new();
    for (h, head) in heads.iter().enumerate() {
        let aff_start = tokens[head.comma].end;
        let aff_end = affiliation_end(chars, aff_start);
        let affiliation: String = chars[aff_start..aff_end].iter().collect::<String>().trim().to_string();
        let section_end = heads.get(h + 1).map(|x| x.start).unwrap_or(chars.len());
        let words: Vec<String> = tokens
            .iter()
            .filter(|t| t.start >= aff_end && t.end <= section_end)
            .map(|t| t.lower().to_string())
            .collect();
        let (stance, counts) = stance_of(&words);
        let about = states_named(cx.gazetteer, &chars[aff_end.min(section_end)..section_end]);
        let detail = ClaimDetail {
            rule: "expert header (NAME, affiliation) and the stance of the section below it".to_string(),
            speaker: head.name.clone(),
            speaker_id: None,
            speaker_kind: Some(SpeakerKind::Person),
            affiliation: Some(affiliation),
            date: cx.doc_date.map(|d| d.to_string()),
            claim: None,
            section: Some((aff_end, section_end)),
            section_chars: None,
            lexicon: counts,
            doc_date: None,
        };
        let header_end = aff_end.max(tokens[head.comma].end);
        out.push(Found::new(head.start, header_end, stance.to_string(), about, 0.7, Detail::Claim(detail)));
    }
    out
}

/// The headers: 2 to 4 words in capitals (after an optional "DR." or
/// "PROF.") and a comma, at the start of a sentence or line.
fn headers(chars: &[char], tokens: &[Token]) -> Vec<Head> {
    let caps =
        |t: &Token| t.kind == TokKind::Word && t.text.chars().count() >= 2 && t.text.chars().all(char::is_uppercase);
    let mut heads = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let mut k = i;
        if matches!(tokens[k].text.as_str(), "DR" | "PROF" | "Dr" | "Prof") && is(tokens.get(k + 1), ".") {
            k += 2;
        }
        let name_start = k;
        while k < tokens.len() && caps(&tokens[k]) && !matches!(tokens[k].text.as_str(), "DR" | "PROF") {
            k += 1;
        }
        let n = k - name_start;
        let at_start = i == 0
            || tokens[i - 1].kind == TokKind::Punct
                && matches!(tokens[i - 1].text.as_str(), "." | "?" | "!" | "”" | ":")
            || chars[tokens[i - 1].end..tokens[i].start].contains(&'\n');
        if (2..=4).contains(&n) && is(tokens.get(k), ",") && at_start {
            // Not an acronym list ("CIS, CSTO"): every name word has a vowel and 2+ letters.
            let name: Vec<String> = tokens[name_start..k]
                .iter()
                .map(|t| {
                    let l = t.text.to_lowercase();
                    let mut c = l.chars();
                    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
                })
                .collect();
            if name.iter().all(|w| w.chars().any(|c| "aeiouyAEIOUY".contains(c)) && w.len() >= 3) {
                heads.push(Head { comma: k, name: name.join(" "), start: tokens[i].start });
            }
            i = k + 1;
            continue;
        }
        i += 1;
    }
    heads
}

/// The end of the affiliation after a header's comma: the first sentence
/// end ("St." and initials do not end it) or line end, within 160 characters.
fn affiliation_end(chars: &[char], aff_start: usize) -> usize {
    let mut aff_end = aff_start;
    let mut j = aff_start;
    while j < chars.len() && j - aff_start < 160 {
        if chars[j] == '\n'
            || (chars[j] == '.'
                && chars.get(j + 1).is_none_or(|c| c.is_whitespace())
                && !(j >= 2 && chars[j - 2] == ' ' || chars[j - 1] == 't' && chars[j - 2] == 'S'))
        {
            break;
        }
        j += 1;
        aff_end = j;
    }
    aff_end
}

/// The states a text names, in order, each once.
fn states_named(gaz: &Gazetteer, chars: &[char]) -> Vec<String> {
    let tokens = tokenize(chars);
    let mut about: Vec<String> = Vec::new();
    for m in gaz.find(chars, &tokens) {
        if m.actor.kind == ActorKind::State && !about.contains(&m.actor.id) {
            about.push(m.actor.id.clone());
        }
    }
    about
}

/// Expert headers open sections that run across passages: the stance and
/// the states of each such claim are taken from its whole section (up to the
/// next header), not only from the header's passage. `passages` are the main
/// text's passages in order, `found` their candidates.
pub fn expert_sections(passages: &[&str], found: &mut [Vec<Found>]) {
    // A header's claim still holds its section within its passage.
    let mut heads: Vec<(usize, usize)> = Vec::new();
    for (pi, fs) in found.iter().enumerate().take(passages.len()) {
        for (fi, f) in fs.iter().enumerate() {
            if let Detail::Claim(c) = &f.detail
                && c.section.is_some()
            {
                heads.push((pi, fi));
            }
        }
    }
    for (h, &(pi, fi)) in heads.iter().enumerate() {
        let section = section_text(passages, found, (pi, fi), heads.get(h + 1).copied());
        let sc: Vec<char> = section.chars().collect();
        let words: Vec<String> = tokenize(&sc).iter().map(|t| t.lower().to_string()).collect();
        let (stance, counts) = stance_of(&words);
        let about = section_states(found, (pi, fi), heads.get(h + 1).copied());
        let f = &mut found[pi][fi];
        f.value = stance.to_string();
        f.actors = about;
        if let Detail::Claim(c) = &mut f.detail {
            c.lexicon = counts;
            c.section_chars = Some(sc.len());
            c.section = None;
        }
    }
}

/// The states a section names, in order, each once: those of the actor
/// candidates its passages already hold (the gazetteer is not run again).
fn section_states(found: &[Vec<Found>], head: (usize, usize), next: Option<(usize, usize)>) -> Vec<String> {
    let (pi, fi) = head;
    let from = found[pi][fi].end;
    let last = next.map(|n| n.0).unwrap_or(found.len().saturating_sub(1));
    let mut about: Vec<String> = Vec::new();
    for (p, fs) in found.iter().enumerate().take(last + 1).skip(pi) {
        for f in fs {
            let inside =
                (p > pi || f.start >= from) && next.is_none_or(|(np, nf)| p < np || f.start < found[np][nf].start);
            if inside
                && let Detail::Actor(a) = &f.detail
                && a.actor_kind == ActorKind::State
                && !about.contains(&f.value)
            {
                about.push(f.value.clone());
            }
        }
    }
    about
}

/// The text of the section after the header `(passage, candidate)` up to
/// the next header (or the end of the main text), passages joined by '\n'.
fn section_text(passages: &[&str], found: &[Vec<Found>], head: (usize, usize), next: Option<(usize, usize)>) -> String {
    let (pi, fi) = head;
    let header_end = found[pi][fi].end;
    let mut section = String::new();
    let chars: Vec<char> = passages[pi].chars().collect();
    let stop_here = match next {
        Some((np, nf)) if np == pi => found[np][nf].start,
        _ => chars.len(),
    };
    section.extend(chars[header_end.min(stop_here)..stop_here].iter());
    let last = next.map(|n| n.0).unwrap_or(passages.len());
    for text in passages.iter().take(last.max(pi + 1)).skip(pi + 1) {
        section.push('\n');
        section.push_str(text);
    }
    if let Some((np, nf)) = next
        && np > pi
    {
        let c: Vec<char> = passages[np].chars().collect();
        section.push('\n');
        section.extend(c[..found[np][nf].start].iter());
    }
    section
}
