//! Relations stated in a sentence: a trigger word whose conditions hold,
//! not negated, with the sentence's states, organisation and date.

use super::Found;
use crate::candidate::{Detail, RelationDetail, RelationKind};
use crate::gazetteer::{ActorKind, ActorMatch, NameKind, Token};

/// Relation kinds and their trigger words (lower case), in the order they are tried.
const TRIGGERS: &[(RelationKind, &[&str])] = &[
    (RelationKind::AgreementSigned, &["signed", "signing", "sign", "concluded", "signature"]),
    (RelationKind::AgreementRatified, &["ratified", "ratification", "ratify", "ratifies"]),
    (RelationKind::AgreementExtended, &["extended", "prolonged", "prolongation", "extension"]),
    (RelationKind::MembershipJoined, &["joined", "join", "joins", "accession", "acceded", "admitted", "entered"]),
    (RelationKind::MembershipFrozen, &["froze", "frozen", "freeze", "freezes", "suspended"]),
    (RelationKind::MembershipLeft, &["withdrew", "withdrawal", "left", "leave", "quit", "exit"]),
    (
        RelationKind::PresenceDeployment,
        &["deployed", "deployment", "stationed", "base", "bases", "airbase", "deploy", "deploying", "presence"],
    ),
    (
        RelationKind::EventDelivery,
        &["delivered", "delivery", "deliveries", "supplied", "supplies", "sold", "sales", "purchase", "buy", "exports"],
    ),
    (RelationKind::ProvisionCommand, &["commanded", "command"]),
    (RelationKind::ProvisionBorderGuarding, &["patrol", "patrols", "patrolling", "guard", "guarding", "border"]),
    (RelationKind::ProvisionMutualDefence, &["mutual", "attack"]),
    (RelationKind::ProvisionUnifiedAirDefence, &["air"]),
    (RelationKind::ProvisionJointForces, &["joint", "united", "unified", "combined"]),
];

/// Words that, a few words before a trigger, make the event not happen or
/// not yet: "dropping the signing of …", "refused to join", "considering the
/// accession", "the unacceptability of any foreign military presence".
const NEGATORS: &[&str] = &[
    "not",
    "never",
    "without",
    "dropping",
    "dropped",
    "refused",
    "refusing",
    "rejected",
    "postponed",
    "considering",
    "unacceptability",
    "unacceptable",
];

/// Whether a negator stands within the four words before the trigger at `ti`.
fn negated(words: &[String], ti: usize) -> bool {
    words[ti.saturating_sub(4)..ti].iter().any(|w| NEGATORS.contains(&w.as_str()))
}

/// A sentence as the trigger conditions read it.
struct Sentence<'a> {
    chars: &'a [char],
    /// The end of the sentence (chars).
    end: usize,
    toks: Vec<&'a Token>,
    /// The tokens in lower case.
    words: Vec<String>,
    /// The sentence's gazetteer matches.
    actors: &'a [&'a ActorMatch],
    /// Its organisations.
    orgs: Vec<&'a ActorMatch>,
    /// Whether it speaks of a legal text (agreement, treaty, decree …).
    legal: bool,
}

impl<'a> Sentence<'a> {
    fn new(chars: &'a [char], tokens: &'a [Token], s: usize, e: usize, actors: &'a [&'a ActorMatch]) -> Sentence<'a> {
        let toks: Vec<&Token> = tokens.iter().filter(|t| t.start >= s && t.end <= e).collect();
        let words: Vec<String> = toks.iter().map(|t| t.lower.clone()).collect();
        let orgs = actors.iter().copied().filter(|m| m.actor.kind == ActorKind::Organisation).collect();
        let mut sentence = Sentence { chars, end: e, toks, words, actors, orgs, legal: false };
        sentence.legal = ["agreement", "treat", "accord"].iter().any(|p| sentence.has_prefix(p))
            || ["decree", "protocol", "memorandum", "charter", "deal", "contract"].iter().any(|w| sentence.has(w));
        sentence
    }

    fn has(&self, w: &str) -> bool {
        self.words.iter().any(|x| x == w)
    }

    fn has_prefix(&self, p: &str) -> bool {
        self.words.iter().any(|x| x.starts_with(p))
    }

    /// The states the sentence names (through states, people, agencies and units), in order.
    fn states(&self) -> Vec<String> {
        let mut states: Vec<String> = Vec::new();
        for m in self.actors {
            if let Some(st) = &m.actor.state
                && matches!(m.actor.kind, ActorKind::State | ActorKind::Person | ActorKind::Agency | ActorKind::Unit)
                && !states.contains(st)
            {
                states.push(st.clone());
            }
        }
        states
    }

    /// Whether the trigger word at `ti` states `rel` in this sentence.
    fn holds(&self, rel: RelationKind, ti: usize) -> bool {
        use RelationKind::*;
        let w = self.words[ti].as_str();
        let next = self.words.get(ti + 1).map(String::as_str).unwrap_or("");
        let prev = if ti > 0 { self.words[ti - 1].as_str() } else { "" };
        let has = |x: &str| self.has(x);
        match rel {
            AgreementSigned | AgreementRatified => self.legal,
            AgreementExtended => self.legal && (has("until") || has("till") || self.has_prefix("year")),
            MembershipJoined | MembershipFrozen | MembershipLeft => self.membership_holds(ti, next),
            PresenceDeployment => {
                (w.starts_with("deploy") || w == "stationed")
                    || (w == "presence" && prev == "military")
                    || (matches!(w, "base" | "bases" | "airbase")
                        && (prev == "military" || prev == "air" || has("troops") || prev == "russian"))
            }
            EventDelivery => {
                ["arm", "weapon", "equipment", "missile"].iter().any(|p| self.has_prefix(p))
                    || has("gas")
                    || ((has("defence") || has("defense")) && self.has_prefix("system"))
                    || has("tanks")
                    || has("aircraft")
                    || has("helicopters")
            }
            ProvisionCommand => ["joint", "unified", "wartime", "peacetime", "combined"].iter().any(|x| has(x)),
            ProvisionBorderGuarding => {
                (w == "border" && matches!(next, "guards" | "troops" | "guard"))
                    || (w.starts_with("patrol") || w.starts_with("guard")) && self.has_prefix("border")
            }
            ProvisionMutualDefence => self.mutual_defence_holds(w, next),
            ProvisionUnifiedAirDefence => {
                matches!(next, "defense" | "defence")
                    && ["unified", "united", "unite", "joint", "regional", "common", "joined", "integrated"]
                        .iter()
                        .any(|x| has(x))
            }
            ProvisionJointForces => self.joint_forces_holds(ti),
        }
    }

    /// An organisation named within six tokens after the trigger, and not
    /// "frozen conflict", "left" only as "left the/its", "entered" only as "entered the".
    fn membership_holds(&self, ti: usize, next: &str) -> bool {
        let w = self.words[ti].as_str();
        let after = self.toks.get(ti + 7).map(|t| t.start).unwrap_or(self.end);
        self.orgs.iter().any(|m| m.start > self.toks[ti].start && m.start < after)
            && !(w == "frozen" && next == "conflict")
            && (w != "left" || matches!(next, "the" | "its"))
            && !(w == "entered" && next != "the")
    }

    /// "mutual defence/assistance", or the collective-defence formula: "an
    /// attack on one (party) shall be considered an attack on all (both)".
    fn mutual_defence_holds(&self, w: &str, next: &str) -> bool {
        let attacks = self.words.iter().filter(|w| w.starts_with("attack")).count();
        if w == "mutual" {
            matches!(next, "defense" | "defence" | "assistance") || (self.has("attack") && self.has("treated"))
        } else {
            attacks >= 2 && (self.has("all") || self.has("both") || self.has("considered") || self.has("regarded"))
        }
    }

    /// "joint Russian-Armenian military force", "joint group of forces",
    /// "united group": a force noun within six words, past fillers only.
    fn joint_forces_holds(&self, ti: usize) -> bool {
        for (k, w) in self.words.iter().enumerate().skip(ti + 1).take(6) {
            if matches!(w.as_str(), "force" | "forces" | "unit" | "contingent" | "group" | "grouping" | "army") {
                return true;
            }
            // Fillers: "-", a few nouns' modifiers, proper adjectives ("Russian-Armenian").
            let filler = matches!(w.as_str(), "-" | "military" | "regional" | "of" | "armed" | "defense" | "defence")
                || self.toks[k].text.chars().next().is_some_and(char::is_uppercase)
                || self.actors.iter().any(|a| {
                    a.name_kind == NameKind::Adjective
                        && a.actor.kind == ActorKind::State
                        && self.chars[a.start..a.end].iter().collect::<String>().to_lowercase() == *w
                });
            if !filler {
                return false;
            }
        }
        false
    }
}

/// The relations stated in the sentence `s..e` of a passage, each at the
/// first trigger word whose conditions hold (not negated).
pub(super) fn relations(
    chars: &[char],
    tokens: &[Token],
    s: usize,
    e: usize,
    actors: &[&ActorMatch],
    dates: &[&Found],
) -> Vec<Found> {
    let sentence = Sentence::new(chars, tokens, s, e, actors);
    let states = sentence.states();
    let mut out = Vec::new();
    for &(rel, trig) in TRIGGERS {
        let words = &sentence.words;
        let found_at =
            (0..words.len()).filter(|&i| trig.contains(&words[i].as_str())).find(|&ti| sentence.holds(rel, ti));
        let Some(ti) = found_at else { continue };
        if negated(words, ti) {
            continue;
        }
        out.push(relation(&sentence, rel, sentence.toks[ti], s, e, &states, dates));
    }
    out
}

/// The candidate of `rel` triggered by `trigger` in the sentence `s..e`:
/// its parties (for a membership, the member: the state named last before
/// the trigger), its organisation and date, a confidence that grows with both.
fn relation(
    sentence: &Sentence,
    rel: RelationKind,
    trigger: &Token,
    s: usize,
    e: usize,
    states: &[String],
    dates: &[&Found],
) -> Found {
    let mut parties = states.to_vec();
    if rel.family() == crate::candidate::RelationFamily::Membership && parties.len() > 1 {
        // The member is the state named last before the trigger ("since Yerevan joined …").
        let before = sentence
            .actors
            .iter()
            .rfind(|m| m.end <= trigger.start && m.actor.kind == ActorKind::State)
            .and_then(|m| m.actor.state.clone());
        parties = vec![before.unwrap_or_else(|| states[0].clone())];
    }
    let date = dates.first().map(|d| d.value.clone());
    let org = sentence.orgs.first().map(|m| m.actor.id.clone());
    let conf = 0.45 + 0.15 * (parties.len().min(2) as f64) + if date.is_some() { 0.1 } else { 0.0 };
    let word: String = sentence.chars[trigger.start..trigger.end].iter().collect();
    let detail = RelationDetail {
        rule: format!("trigger '{word}' in a sentence"),
        trigger: (trigger.start, trigger.end),
        parties: parties.clone(),
        org,
        date,
        doc_date: None,
    };
    Found::new(s, e, rel.as_str().to_string(), parties, (conf * 100.0).round() / 100.0, Detail::Relation(detail))
}
