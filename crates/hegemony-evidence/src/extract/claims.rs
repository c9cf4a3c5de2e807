//! Attributed judgements in a sentence: a speaker (speech verb, "according
//! to", a group of experts) and the stance of the sentence's words.

use super::sentences::Sentence;
use super::{Found, year_of};
use crate::candidate::{ClaimDetail, Detail, Lexicon};
use crate::gazetteer::{ActorKind, TokKind, Token};

const CRITICAL: &[&str] = &[
    "danger",
    "dangerous",
    "disastrous",
    "threat",
    "threaten",
    "threatens",
    "mortgaging",
    "mortgage",
    "undermine",
    "undermines",
    "coercion",
    "coercive",
    "domination",
    "dominance",
    "imposition",
    "imposed",
    "subordination",
    "leverage",
    "interfere",
    "intervene",
    "sovereignty",
    "challenge",
    "devastating",
    "pressure",
    "vassal",
    "consolidation",
    "expansion",
    "encroachment",
];
const CONCERNED: &[&str] = &[
    "concern",
    "concerns",
    "concerned",
    "risk",
    "risks",
    "worry",
    "worries",
    "uncertain",
    "uncertainty",
    "volatile",
    "destabilising",
    "destabilizing",
    "tension",
    "tensions",
    "fear",
    "fears",
    "caution",
];
const SUPPORTIVE: &[&str] = &[
    "benign",
    "benefit",
    "benefits",
    "welcome",
    "welcomed",
    "positive",
    "stability",
    "stabilising",
    "stabilizing",
    "guarantor",
    "protect",
    "protects",
    "success",
    "successful",
    "strengthen",
    "strengthened",
    "partnership",
];

/// A stance from the words of a text: the lexicon with the most hits wins;
/// few hits = descriptive.
pub fn stance_of(words: &[String]) -> (&'static str, Lexicon) {
    let count = |lex: &[&str]| words.iter().filter(|w| lex.contains(&w.as_str())).count();
    let (c, k, s) = (count(CRITICAL), count(CONCERNED), count(SUPPORTIVE));
    let stance = if c + k + s < 2 {
        "descriptive"
    } else if c >= k && c > s {
        "critical"
    } else if k > c && k >= s {
        "concerned"
    } else if s > c && s > k {
        "supportive"
    } else {
        "neutral"
    };
    (stance, Lexicon { critical: c, concerned: k, supportive: s })
}

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
    "warns",
    "warned",
    "stresses",
    "stressed",
    "emphasizes",
    "emphasises",
    "writes",
    "wrote",
    "contends",
    "asserts",
    "maintains",
    "concludes",
    "suggests",
    "points",
];

/// An attributed judgement in a sentence: a speaker found by
/// [`speech_verb_speaker`], [`according_to_speaker`] or [`group_speaker`],
/// and the sentence's stance.
pub(super) fn inline_claims(sentence: &Sentence) -> Vec<Found> {
    let speaker =
        speech_verb_speaker(sentence).or_else(|| according_to_speaker(sentence)).or_else(|| group_speaker(sentence));
    let Some((name, rule)) = speaker else { return vec![] };
    let (stance, counts) = stance_of(&sentence.words);
    let about: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for a in &sentence.actors {
            if let Some(st) = &a.actor.state
                && !v.contains(st)
            {
                v.push(st.clone());
            }
        }
        v
    };
    let detail = ClaimDetail {
        rule,
        speaker: name,
        affiliation: None,
        date: sentence.dates.first().map(|d| d.value.clone()),
        section: None,
        section_chars: None,
        lexicon: counts,
        doc_date: None,
    };
    vec![Found::new(sentence.start, sentence.end, stance.to_string(), about, 0.6, Detail::Claim(detail))]
}

/// "As D. Lake notes, …", "Yurii Godin in his article from 2008 states, that …".
fn speech_verb_speaker(sentence: &Sentence) -> Option<(String, String)> {
    let (chars, toks, lower_all, actors) = (sentence.chars, &sentence.toks, &sentence.words, &sentence.actors);
    // A speech verb; "states", "points", "maintains" only as verbs ("states that", "points out").
    let vi = (0..toks.len()).find(|&i| {
        let w = lower_all[i].as_str();
        let next = lower_all.get(i + 1).map(String::as_str).unwrap_or("");
        SPEECH.contains(&w)
            && toks[i].text.chars().next().is_some_and(char::is_lowercase)
            && match w {
                "states" | "stated" | "maintains" | "suggests" => matches!(next, "that" | "," | ":"),
                "points" => next == "out",
                _ => true,
            }
    })?;
    // The speaker: capitalised words (and initials) right before the verb, or
    // before an aside of lower-case words and years ("Godin in his article from 2008 states").
    let mut ne = vi;
    while ne > 0 && vi - ne < 8 {
        let t = toks[ne - 1];
        let lower_or_year =
            (t.kind == TokKind::Word && t.text.chars().next().is_some_and(char::is_lowercase)) || year_of(t).is_some();
        if lower_or_year && ne < vi + 1 {
            ne -= 1;
            continue;
        }
        break;
    }
    if ne == 0 {
        return None;
    }
    let ne = ne - 1;
    if !(toks[ne].kind == TokKind::Word && toks[ne].text.chars().next().is_some_and(char::is_uppercase)) {
        return None;
    }
    let mut ns = ne;
    while ns > 0 {
        let p = toks[ns - 1];
        let cap = p.kind == TokKind::Word && p.text.chars().next().is_some_and(char::is_uppercase);
        if cap || (p.text == "." && ns >= 2 && toks[ns - 2].text.chars().count() == 1) {
            ns -= 1;
        } else {
            break;
        }
    }
    // A single word opening the sentence is a speaker only if it is a known person.
    let is_person =
        actors.iter().any(|a| a.actor.kind == ActorKind::Person && a.start <= toks[ne].start && a.end >= toks[ne].end);
    if ns == 0
        && ns == ne
        && !is_person
        && !matches!(lower_all.get(ne + 1).map(String::as_str), Some("notes" | "argues" | "writes" | "claims"))
    {
        return None;
    }
    let name: String = chars[toks[ns].start..toks[ne].end].iter().collect();
    if matches!(toks[ns].text.as_str(), "This" | "The" | "It" | "He" | "She" | "They" | "In" | "As" | "Yet") && ns == ne
    {
        return None;
    }
    if actors.iter().any(|a| {
        a.start <= toks[ns].start && a.end >= toks[ne].end && a.actor.kind != ActorKind::Person && a.rule.is_none()
    }) {
        return None;
    }
    if DOCUMENT_WORDS.contains(&toks[ne].text.as_str()) {
        return None;
    }
    Some((name, format!("speech verb '{}'", toks[vi].text)))
}

/// Words that make "According to the Charter …" a reference to a text, not a speaker.
const DOCUMENT_WORDS: &[&str] =
    &["Thesis", "Paper", "Concept", "Strategy", "Doctrine", "Treaty", "Agreement", "Charter", "Article", "FPC", "NSS"];

/// "According to Ivanov, …", "…, according to the World Bank for Trade and
/// Development.": the capitalised name after "according to" (with "the",
/// "of", "for", "and", "&" inside it), unless it names a text.
fn according_to_speaker(sentence: &Sentence) -> Option<(String, String)> {
    let (chars, toks, lower) = (sentence.chars, &sentence.toks, &sentence.words);
    let at = (0..toks.len().saturating_sub(2)).find(|&i| lower[i] == "according" && lower[i + 1] == "to")?;
    let cap = |t: &Token| t.kind == TokKind::Word && t.text.chars().next().is_some_and(char::is_uppercase);
    let mut i = at + 2;
    if lower.get(i).map(String::as_str) == Some("the") {
        i += 1;
    }
    let first = i;
    let mut last = None;
    while let Some(t) = toks.get(i) {
        let joiner = matches!(lower[i].as_str(), "of" | "for" | "and" | "&" | "the") && last.is_some();
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
    let name: String = chars[toks[first].start..toks[last].end].iter().collect();
    Some((name, "according to".to_string()))
}

/// "Some scholars argue that …", "Many analysts believe …": a group of
/// unnamed experts as the speaker.
fn group_speaker(sentence: &Sentence) -> Option<(String, String)> {
    let (chars, toks, lower) = (sentence.chars, &sentence.toks, &sentence.words);
    const QUANT: &[&str] = &["some", "several", "many", "most", "other", "few"];
    const WHO: &[&str] = &["scholars", "experts", "analysts", "observers", "commentators", "researchers", "critics"];
    const VERB: &[&str] =
        &["argue", "believe", "claim", "suggest", "note", "contend", "maintain", "warn", "say", "think"];
    let i = (0..toks.len().saturating_sub(2))
        .find(|&i| QUANT.contains(&lower[i].as_str()) && WHO.contains(&lower[i + 1].as_str()))?;
    if !VERB.contains(&lower[i + 2].as_str()) {
        return None;
    }
    let name: String = chars[toks[i].start..toks[i + 1].end].iter().collect();
    Some((name, format!("group of experts '{}'", toks[i + 2].text)))
}
