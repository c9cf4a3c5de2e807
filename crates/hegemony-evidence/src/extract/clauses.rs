//! Clauses of a sentence and the roles of the actors around a word in one:
//! who is before it (the subject), who is after it and behind which
//! preposition ("with X", "in X", "to X", "by X"), who is named in
//! "between X and Y"; whether the clause negates the word or puts it in a
//! mood other than fact ("could", "plans to", "refused to").
//!
//! Rules over tokens, not a parse: a clause ends at ';', ':', a spaced
//! dash, and at a comma or conjunction that opens another clause (", but",
//! ", which", "although", ", and Russia …").

use super::sentences::Sentence;
use crate::gazetteer::{ActorKind, ActorMatch, NameKind};

/// A clause: the sentence's tokens `a..b`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Clause {
    pub a: usize,
    pub b: usize,
}

/// Words that open a clause after a comma, or anywhere.
const OPENERS_AFTER_COMMA: &[&str] = &["but", "which", "who", "whom", "whose", "where", "while", "whereas", "so"];
const OPENERS: &[&str] = &["although", "though", "because", "whereas", "while", "however", "unless"];

/// The clauses of a sentence.
pub(super) fn clauses(s: &Sentence) -> Vec<Clause> {
    let n = s.toks.len();
    let mut cuts = vec![0];
    for k in 1..n {
        let t = s.toks[k];
        let prev = s.toks[k - 1];
        let w = s.words[k];
        let spaced_dash = matches!(t.text.as_str(), "–" | "—" | "-")
            && t.start > prev.end
            && s.toks.get(k + 1).is_some_and(|x| x.start > t.end);
        let cut_here = matches!(t.text.as_str(), ";" | ":" | "•")
            || spaced_dash
            || OPENERS.contains(&w)
            || (prev.text == "," && OPENERS_AFTER_COMMA.contains(&w))
            || (prev.text == "," && w == "and" && starts_clause(s, k + 1))
            || (w == "which" || w == "who") && prev.text != ",";
        if cut_here {
            cuts.push(k);
        }
    }
    cuts.push(n);
    cuts.windows(2).filter(|w| w[1] > w[0]).map(|w| Clause { a: w[0], b: w[1] }).collect()
}

/// Whether a new subject starts at token `k` (an actor or a pronoun, then a word).
fn starts_clause(s: &Sentence, k: usize) -> bool {
    let Some(t) = s.toks.get(k) else { return false };
    matches!(s.words[k], "he" | "she" | "it" | "they" | "we" | "russia" | "moscow")
        || s.actors.iter().any(|m| m.start == t.start && m.name_kind != NameKind::Adjective)
}

/// An actor named in the sentence: its first and last token, the match.
#[derive(Clone, Copy, Debug)]
pub(super) struct Mention<'a> {
    pub first: usize,
    pub last: usize,
    pub m: &'a ActorMatch,
}

/// The actors of a sentence with their token positions, in order.
pub(super) fn mentions<'a>(s: &Sentence<'a>) -> Vec<Mention<'a>> {
    let mut out = Vec::new();
    for m in &s.actors {
        let first = s.toks.iter().position(|t| t.start >= m.start);
        let last = s.toks.iter().rposition(|t| t.end <= m.end);
        if let (Some(first), Some(last)) = (first, last)
            && first <= last
        {
            out.push(Mention { first, last, m });
        }
    }
    out
}

/// Prepositions that mark what follows as not the subject.
const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "with",
    "for",
    "against",
    "into",
    "of",
    "between",
    "under",
    "over",
    "within",
    "toward",
    "towards",
    "across",
    "through",
    "among",
    "near",
    "about",
    "than",
    "including",
    "like",
    "after",
    "before",
];

/// What is around a word of a clause.
#[derive(Clone, Debug, Default)]
pub(super) struct Roles<'a> {
    /// The group of actors before the word (joined by "and", ",", "-"), not after a preposition.
    pub subject: Vec<Mention<'a>>,
    /// Actors after the word, each with the preposition before it ("" when none).
    pub after: Vec<(&'static str, Mention<'a>)>,
    /// The actors of "between X and Y" in the clause.
    pub between: Vec<Mention<'a>>,
    /// The actors after "by" when the word is a passive participle.
    pub agent: Vec<Mention<'a>>,
    /// The clause's own subject: the first group of actors, when it opens
    /// the clause (within its first four tokens, not after a preposition)
    /// and comes before the word.
    pub clause_subject: Vec<Mention<'a>>,
    /// Whether the word is a passive participle ("was signed", "were deployed").
    pub passive: bool,
}

/// The roles around token `ti` of clause `c`.
pub(super) fn roles<'a>(s: &Sentence<'a>, ms: &[Mention<'a>], c: Clause, ti: usize) -> Roles<'a> {
    let inside: Vec<Mention> = ms.iter().copied().filter(|m| m.first >= c.a && m.last < c.b).collect();
    let word = |k: usize| s.words.get(k).copied().unwrap_or("");
    let mut r = Roles::default();
    // The subject: the nearest group before the word.
    let before: Vec<Mention> = inside.iter().copied().filter(|m| m.last < ti).collect();
    if let Some(last) = before.last() {
        let mut group = vec![*last];
        for m in before.iter().rev().skip(1) {
            let gap: Vec<&str> = (m.last + 1..group[0].first).map(word).collect();
            let joined = gap.iter().all(|w| matches!(*w, "and" | "," | "-" | "both" | "as" | "well" | "the"));
            if !joined {
                break;
            }
            group.insert(0, *m);
        }
        let before_group = word(group[0].first.wrapping_sub(1));
        // The words between the group and the word: no second verb-like break (a clause ends).
        let prep = PREPOSITIONS.contains(&before_group) && group[0].first > c.a;
        if !prep {
            r.subject = group;
        }
    }
    if let Some(first) = inside.first().filter(|m| m.last < ti && m.first <= c.a + 3) {
        let prep = m_prep(s, c, first.first);
        if !prep {
            r.clause_subject =
                inside.iter().copied().take_while(|m| m.last < ti && m.first <= first.last + 3).collect();
        }
    }
    // After the word: each actor with its preposition (the nearest one before it, within three words).
    for m in inside.iter().copied().filter(|m| m.first > ti) {
        let prep = (m.first.saturating_sub(3).max(ti + 1)..m.first)
            .rev()
            .map(word)
            .find(|w| PREPOSITIONS.contains(w))
            .and_then(|w| PREPOSITIONS.iter().find(|p| **p == w).copied())
            .unwrap_or("");
        r.after.push((prep, m));
    }
    // "between X and Y"
    if let Some(bi) = (c.a..c.b).find(|&k| word(k) == "between") {
        r.between = inside.iter().copied().filter(|m| m.first > bi).take(2).collect();
        if r.between.len() < 2 {
            r.between.clear();
        }
    }
    // A passive participle: "was signed", "were deployed", "has been ratified"; its agent after "by".
    let be = |k: usize| matches!(word(k), "is" | "are" | "was" | "were" | "be" | "been" | "being");
    r.passive = word(ti).ends_with("ed")
        && (ti >= 1 && be(ti - 1) || ti >= 2 && be(ti - 2) && word(ti - 1).ends_with("ly"))
        || matches!(word(ti), "signed" | "sold" | "frozen") && ti >= 1 && be(ti - 1);
    if let Some(by) = (ti + 1..c.b.min(ti + 8)).find(|&k| word(k) == "by") {
        let agent: Vec<Mention> = r.after.iter().filter(|(p, m)| *p == "by" && m.first > by).map(|x| x.1).collect();
        if !agent.is_empty() && (r.passive || word(ti).ends_with("ed")) {
            r.passive = true;
            r.agent = agent;
        }
    }
    r
}

/// Whether a preposition stands right before token `k` of clause `c`.
fn m_prep(s: &Sentence, c: Clause, k: usize) -> bool {
    k > c.a && PREPOSITIONS.contains(&s.words[k - 1])
}

/// The registry codes of states among mentions, in order, each once.
pub(super) fn states_of(ms: &[Mention]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in ms {
        let kind = m.m.actor.kind;
        if matches!(kind, ActorKind::State | ActorKind::Person | ActorKind::Agency | ActorKind::Unit)
            && let Some(st) = &m.m.actor.state
            && !out.contains(st)
        {
            out.push(st.clone());
        }
    }
    out
}

/// Particles that deny what follows closely ("did not join", "no Russian troops").
const NEGATORS: &[&str] = &["not", "never", "no", "without", "neither", "nor", "instead", "t"];

/// Words that deny what they govern, however far in the clause ("refused
/// to sign", "dropping, at least for that moment, the signing of …").
const DENIALS: &[&str] = &[
    "failed",
    "refused",
    "refusing",
    "rejected",
    "declined",
    "postponed",
    "dropping",
    "dropped",
    "denied",
    "halted",
    "stopped",
    "cancelled",
    "canceled",
    "abandoned",
    "blocked",
    "unacceptability",
    "unacceptable",
    "cut",
];

/// Words that put the event in another mood than fact: a possibility, a
/// plan, an intention, a threat, a proposal, a condition, the future.
const MODALS: &[&str] = &[
    "would",
    "could",
    "might",
    "may",
    "should",
    "will",
    "shall",
    "plans",
    "plan",
    "planned",
    "planning",
    "intends",
    "intend",
    "intended",
    "intention",
    "wants",
    "want",
    "wanted",
    "wish",
    "aims",
    "aim",
    "seeks",
    "seek",
    "hopes",
    "hope",
    "threatens",
    "threatened",
    "threat",
    "proposed",
    "proposal",
    "proposes",
    "offered",
    "offer",
    "considering",
    "consider",
    "considered",
    "discussed",
    "discussing",
    "discuss",
    "negotiations",
    "negotiating",
    "negotiate",
    "if",
    "unless",
    "whether",
    "possibility",
    "possible",
    "expected",
    "invitation",
    "applied",
    "application",
    "going",
    "ready",
    "able",
    "prospect",
    "prospects",
    "potential",
    "potentially",
    "envisage",
    "envisages",
];

/// What the clause does to its word at `ti`: a negator or a modal word
/// before it (within six words for a verb, three for a noun: "does not pay
/// for its military bases" leaves the bases alone), or "not yet" anywhere
/// in the clause; the word that did it.
pub(super) fn mood(s: &Sentence, c: Clause, ti: usize, noun: bool) -> (Option<String>, Option<String>) {
    let from = ti.saturating_sub(if noun { 3 } else { 6 }).max(c.a);
    let not_yet = (c.a..c.b.saturating_sub(1)).any(|k| s.words[k] == "not" && s.words[k + 1] == "yet");
    let neg = (from..ti)
        .map(|k| s.words[k])
        .find(|w| NEGATORS.contains(w))
        .or_else(|| (c.a..ti).map(|k| s.words[k]).find(|w| DENIALS.contains(w)))
        .map(str::to_string)
        .or_else(|| not_yet.then(|| "not yet".to_string()));
    // "May" the month is no modal.
    let modal = (from..ti)
        .filter(|&k| {
            !(s.toks[k].text == "May" && s.toks.get(k + 1).is_some_and(|n| n.kind == crate::gazetteer::TokKind::Num))
        })
        .map(|k| s.words[k])
        .find(|w| MODALS.contains(w))
        .map(str::to_string);
    (neg, modal)
}
