//! The stance of a claim towards the relation it is about, from the words
//! of what is claimed: three lexicons (danger and domination; concern and
//! risk; benefit, welcome and support), a word after a negation counting
//! for the opposite side ("would not threaten" is a reassurance).
//!
//! The values are the knowledge base's: `critical`, `concerned` (a milder
//! critical), `supportive`, `descriptive` (no stance words). Measured
//! against the hand annotations with the other kinds (`gold.rs`).

use crate::candidate::Lexicon;

const CRITICAL: &[&str] = &[
    "consolidation",
    "reassert",
    "capitulation",
    "escalation",
    "hostile",
    "orbit",
    "challenge",
    "challenges",
    "danger",
    "dangerous",
    "disastrous",
    "devastating",
    "threat",
    "threaten",
    "threatens",
    "mortgaging",
    "mortgage",
    "undermine",
    "undermines",
    "coercion",
    "coercive",
    "coercing",
    "domination",
    "dominance",
    "dominated",
    "hegemony",
    "imposition",
    "imposed",
    "subordination",
    "subordinate",
    "leverage",
    "interfere",
    "intervene",
    "sovereignty",
    "pressure",
    "vassal",
    "encroachment",
    "aggressive",
    "expansion",
];

const CONCERNED: &[&str] = &[
    "vulnerable",
    "stark",
    "unresolved",
    "mobilization",
    "mobilisation",
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
    "unclear",
];

const SUPPORTIVE: &[&str] = &[
    "benign",
    "benefit",
    "benefits",
    "beneficial",
    "welcome",
    "welcomes",
    "welcomed",
    "positive",
    "stability",
    "stabilising",
    "stabilizing",
    "guarantor",
    "guarantees",
    "protect",
    "protects",
    "success",
    "successful",
    "strengthen",
    "strengthened",
    "strengthening",
    "partnership",
    "importance",
    "important",
    "correct",
    "support",
    "supports",
    "effective",
    "promising",
    "useful",
    "constructive",
    "necessity",
    "necessary",
    "visible",
];

/// Words that turn the next stance word (within three) to the other side.
const NEGATIONS: &[&str] = &["not", "no", "never", "without", "t", "nor", "hardly"];

/// A stance from the words of a text (lower case): the lexicon with the
/// most hits wins, a critical word after a negation counting as
/// supportive and the reverse; no hit is `descriptive`, a tie `neutral`.
pub fn stance_of<S: AsRef<str>>(words: &[S]) -> (&'static str, Lexicon) {
    static SIDE: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, u8>> = std::sync::OnceLock::new();
    let side = SIDE.get_or_init(|| {
        let mut m = rustc_hash::FxHashMap::default();
        m.extend(CRITICAL.iter().map(|w| (*w, 0)));
        m.extend(CONCERNED.iter().map(|w| (*w, 1)));
        m.extend(SUPPORTIVE.iter().map(|w| (*w, 2)));
        m
    });
    let (mut c, mut k, mut s) = (0, 0, 0);
    for (i, w) in words.iter().enumerate() {
        let Some(&which) = side.get(w.as_ref()) else { continue };
        let negated = words[i.saturating_sub(3)..i].iter().any(|x| NEGATIONS.contains(&x.as_ref()));
        match (which, negated) {
            (0 | 1, true) => s += 1,
            (0, false) => c += 1,
            (1, false) => k += 1,
            (_, true) => c += 1,
            _ => s += 1,
        }
    }
    let stance = if c + k + s == 0 {
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

#[cfg(test)]
mod tests {
    use super::stance_of;

    fn stance(t: &str) -> &'static str {
        let words: Vec<String> =
            t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        stance_of(&words).0
    }

    #[test]
    fn stances_of_claimed_words() {
        // A denied threat is a reassurance.
        assert_eq!(stance("the partnership would not threaten the neighbours' security"), "supportive");
        assert_eq!(stance("it poses a deeper danger"), "critical");
        assert_eq!(stance("Armenia welcomes this initiative and considers it important"), "supportive");
        assert_eq!(stance("the decision was correct and was taken in accordance with the Charter"), "supportive");
        assert_eq!(stance("the CSTO is a military bloc with headquarters in Moscow"), "descriptive");
        assert_eq!(stance("these developments raise concerns and risks"), "concerned");
    }
}
