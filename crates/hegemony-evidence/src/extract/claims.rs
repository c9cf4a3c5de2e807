//! Attributed claims in a sentence: who speaks — a person, an organisation,
//! a state ("the Kremlin claims"), a periodical ("according to Kommersant"),
//! a group of experts — what is
//! claimed (the words after "says that", around "according to X"), and its
//! stance ([`super::stance`]) read from what is claimed only.

use super::clauses::{self, Mention};
use super::sentences::Sentence;
use super::stance::stance_of;
use super::{Found, year_of};
use crate::candidate::{ClaimDetail, Detail, SpeakerKind};
use crate::gazetteer::{ActorKind, TokKind, Token};

/// Verbs of saying (third person and past), lower case.
const SPEECH: &[&str] = &[
    "argues",
    "argued",
    "states",
    "stated",
    "notes",
    "noted",
    "says",
    "said",
    "claims",
    "claimed",
    "believes",
    "believed",
    "warns",
    "warned",
    "stresses",
    "stressed",
    "emphasizes",
    "emphasises",
    "emphasized",
    "emphasised",
    "writes",
    "wrote",
    "contends",
    "asserts",
    "asserted",
    "maintains",
    "concludes",
    "concluded",
    "suggests",
    "suggested",
    "points",
    "insisted",
    "insists",
    "announced",
    "declared",
    "proclaimed",
    "alleged",
    "alluded",
    "acknowledged",
    "admitted",
    "explained",
    "added",
    "reiterated",
    "underlined",
    "highlighted",
    "criticised",
    "criticized",
    "praised",
    "complained",
    "told",
    "mentioned",
    "considers",
    "thinks",
    "repeated",
    "affirmed",
    "confirmed",
    "expressed",
];

/// Whether a word is a verb of saying ([`SPEECH`]).
fn is_speech_verb(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| SPEECH.iter().copied().collect()).contains(w)
}

/// Words that make "According to the Charter …" a reference to a text, not a speaker.
const DOCUMENT_WORDS: &[&str] =
    &["Thesis", "Paper", "Concept", "Strategy", "Doctrine", "Treaty", "Agreement", "Charter", "Article", "FPC", "NSS"];

/// A speaker found in a sentence.
struct Speaker {
    name: String,
    id: Option<String>,
    kind: SpeakerKind,
    rule: String,
    /// The claim's content: tokens `a..b` of the sentence.
    content: (usize, usize),
}

/// The attributed claim of a sentence, if it has one.
pub(super) fn inline_claims(sentence: &Sentence) -> Vec<Found> {
    let ms = clauses::mentions(sentence);
    let speaker = speech_verb_speaker(sentence, &ms)
        .or_else(|| according_to_speaker(sentence, &ms))
        .or_else(|| group_speaker(sentence));
    let Some(sp) = speaker else { return vec![] };
    let (a, b) = sp.content;
    let (stance, counts) = stance_of(&sentence.words[a..b]);
    let about = clauses::states_of(&ms.iter().copied().filter(|m| m.first >= a && m.last < b).collect::<Vec<_>>());
    let claim = (a < b).then(|| (sentence.toks[a].start, sentence.toks[b - 1].end));
    let detail = ClaimDetail {
        rule: sp.rule,
        speaker: sp.name,
        speaker_id: sp.id,
        speaker_kind: Some(sp.kind),
        affiliation: None,
        date: sentence.dates.first().map(|d| d.value.clone()),
        claim,
        section: None,
        section_chars: None,
        lexicon: counts,
        doc_date: None,
    };
    vec![Found::new(sentence.start, sentence.end, stance.to_string(), about, 0.6, Detail::Claim(detail))]
}

/// The kind of speaker an actor is.
fn kind_of(m: &Mention) -> SpeakerKind {
    match m.m.actor.kind {
        ActorKind::Person => SpeakerKind::Person,
        ActorKind::State => SpeakerKind::State,
        ActorKind::Media => SpeakerKind::Periodical,
        _ => SpeakerKind::Organisation,
    }
}

/// Whether token `t` is a capitalised word.
fn cap(t: &Token) -> bool {
    t.kind == TokKind::Word && t.text.chars().next().is_some_and(char::is_uppercase)
}

/// "As D. Lake notes, …", "Yurii Godin in his article from 2008 states, that …",
/// "the Kremlin claims that …", "Armenia has, for its part, consistently
/// stressed that …", "the CSTO's Secretary General stated that …".
fn speech_verb_speaker(s: &Sentence, ms: &[Mention]) -> Option<Speaker> {
    let (toks, words) = (&s.toks, &s.words);
    // A speech verb; "states", "points", "refers" … only as verbs ("states that", "points out").
    let vi = (0..toks.len()).find(|&i| {
        let w = words[i];
        let next = words.get(i + 1).copied().unwrap_or("");
        is_speech_verb(w)
            && toks[i].text.chars().next().is_some_and(char::is_lowercase)
            // Not a passive ("the CSTO has been criticized"): its subject does not speak.
            && !(i >= 1 && matches!(words[i - 1], "been" | "was" | "were" | "is" | "are" | "be"))
            && match w {
                "states" | "stated" | "maintains" | "suggests" | "considers" | "thinks" | "mentioned" => {
                    matches!(next, "that" | "," | ":")
                }
                "points" => next == "out",
                _ => true,
            }
    })?;
    // The speaker ends before the verb, past lower-case words, years and commas
    // ("in his article from 2008", "has, for its part, consistently").
    let mut ne = vi;
    while ne > 0 && vi - ne < 9 {
        let t = toks[ne - 1];
        let skip = (t.kind == TokKind::Word && t.text.chars().next().is_some_and(char::is_lowercase))
            || year_of(t).is_some()
            || t.text == ",";
        if !skip {
            break;
        }
        ne -= 1;
    }
    if ne == 0 {
        return None;
    }
    let ne = ne - 1;
    let content = content_after(s, vi);
    let verb = &toks[vi].text;
    // An actor ending there: a person, an organisation, a state, a periodical.
    if let Some(m) = ms.iter().find(|m| m.last == ne && !(m.m.name_kind == crate::gazetteer::NameKind::Adjective)) {
        let name: String = s.chars[toks[m.first].start..toks[m.last].end].iter().collect();
        let kind = kind_of(m);
        let id = Some(m.m.actor.id.clone());
        return Some(Speaker { name, id, kind, rule: format!("speech verb '{verb}' after a named actor"), content });
    }
    // Else capitalised words (and initials) ending there, not a pronoun or a text.
    if !cap(toks[ne]) {
        return None;
    }
    let mut ns = ne;
    while ns > 0 {
        let p = toks[ns - 1];
        // Capitalised words, initials' dots, a possessive between ("CSTO´s Secretary General").
        let possessive_s = p.text == "s" && ns >= 2 && matches!(toks[ns - 2].text.as_str(), "´" | "’" | "'");
        if cap(p)
            || (p.text == "." && ns >= 2 && toks[ns - 2].text.chars().count() == 1)
            || matches!(p.text.as_str(), "´" | "’" | "'")
            || possessive_s
        {
            ns -= 1;
        } else {
            break;
        }
    }
    while ns < ne && !cap(toks[ns]) {
        ns += 1;
    }
    let single = ns == ne;
    if single
        && (ns == 0
            || matches!(toks[ns].text.as_str(), "This" | "The" | "It" | "He" | "She" | "They" | "In" | "As" | "Yet"))
    {
        return None;
    }
    if DOCUMENT_WORDS.contains(&toks[ne].text.as_str()) {
        return None;
    }
    let name: String = s.chars[toks[ns].start..toks[ne].end].iter().collect();
    // A role after an organisation's possessive ("CSTO´s Secretary General") is a person.
    Some(Speaker {
        name,
        id: None,
        kind: SpeakerKind::Person,
        rule: format!("speech verb '{verb}' after a name"),
        content,
    })
}

/// What a speech verb at `vi` introduces: the rest of the sentence after
/// "that", ":" or ","; what comes before it when the verb ends the sentence
/// ("…, he claimed.").
fn content_after(s: &Sentence, vi: usize) -> (usize, usize) {
    let n = s.toks.len();
    let mut a = vi + 1;
    while a < n && matches!(s.words[a], "that" | "," | ":" | "out" | "to" | "“" | "\"") {
        a += 1;
    }
    if a + 1 >= n {
        return (0, vi.saturating_sub(1));
    }
    (a, n)
}

/// "According to Ivanov, …", "…, according to the World Bank for Trade and
/// Development.": an actor or the capitalised name after "according to"
/// (with "the", "of", "for", "and", "&" inside it), unless it names a text;
/// what is claimed is the rest of the sentence.
fn according_to_speaker(s: &Sentence, ms: &[Mention]) -> Option<Speaker> {
    let (toks, lower) = (&s.toks, &s.words);
    let at = (0..toks.len().saturating_sub(2)).find(|&i| lower[i] == "according" && lower[i + 1] == "to")?;
    let mut i = at + 2;
    if lower.get(i).copied() == Some("the") {
        i += 1;
    }
    let first = i;
    let mut last = None;
    while let Some(t) = toks.get(i) {
        let joiner = matches!(lower[i], "of" | "for" | "and" | "&" | "the") && last.is_some();
        if cap(t) {
            last = Some(i);
        } else if !joiner {
            break;
        }
        i += 1;
    }
    let last = last?;
    if toks[first..=last].iter().any(|t| DOCUMENT_WORDS.contains(&t.text.as_str())) {
        return None;
    }
    let name: String = s.chars[toks[first].start..toks[last].end].iter().collect();
    let m = ms.iter().find(|m| m.first <= first && m.last >= first);
    let (id, kind) = match m {
        Some(m) => (Some(m.m.actor.id.clone()), kind_of(m)),
        None => (None, SpeakerKind::Organisation),
    };
    let after = if toks.get(last + 1).is_some_and(|t| t.text == ",") { last + 2 } else { last + 1 };
    // "According to X, …": what follows; "…, according to X.": what goes before (without the comma).
    let before = if at > 0 && toks[at - 1].text == "," { at - 1 } else { at };
    let content = if at <= 1 { (after, toks.len()) } else { (0, before) };
    Some(Speaker { name, id, kind, rule: "according to".to_string(), content })
}

/// "Some scholars argue that …", "Many analysts believe …": a group of
/// unnamed experts as the speaker.
fn group_speaker(s: &Sentence) -> Option<Speaker> {
    let (toks, lower) = (&s.toks, &s.words);
    const QUANT: &[&str] = &["some", "several", "many", "most", "other", "few"];
    const WHO: &[&str] = &["scholars", "experts", "analysts", "observers", "commentators", "researchers", "critics"];
    const VERB: &[&str] =
        &["argue", "believe", "claim", "suggest", "note", "contend", "maintain", "warn", "say", "think"];
    let i = (0..toks.len().saturating_sub(2)).find(|&i| QUANT.contains(&lower[i]) && WHO.contains(&lower[i + 1]))?;
    if !VERB.contains(&lower[i + 2]) {
        return None;
    }
    let name: String = s.chars[toks[i].start..toks[i + 1].end].iter().collect();
    let rule = format!("group of experts '{}'", toks[i + 2].text);
    Some(Speaker { name, id: None, kind: SpeakerKind::Group, rule, content: content_after(s, i + 2) })
}
