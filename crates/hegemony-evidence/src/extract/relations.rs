//! Relations stated in a sentence: a trigger word whose conditions hold,
//! not negated, with the sentence's states, organisation and date.

use super::Found;
use super::sentences::Sentence;
use crate::candidate::{Detail, RelationDetail, RelationFamily, RelationKind};
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
struct Reading<'a> {
    s: &'a Sentence<'a>,
    /// Its organisations.
    orgs: Vec<&'a ActorMatch>,
    /// Whether it speaks of a legal text (agreement, treaty, decree …).
    legal: bool,
}

impl<'a> Reading<'a> {
    fn new(s: &'a Sentence<'a>) -> Reading<'a> {
        let orgs = s.actors.iter().copied().filter(|m| m.actor.kind == ActorKind::Organisation).collect();
        let legal = ["agreement", "treat", "accord"].iter().any(|p| s.has_prefix(p))
            || ["decree", "protocol", "memorandum", "charter", "deal", "contract"].iter().any(|w| s.has(w));
        Reading { s, orgs, legal }
    }

    /// The states the sentence names (through states, people, agencies and units), in order.
    fn states(&self) -> Vec<String> {
        let mut states: Vec<String> = Vec::new();
        for m in &self.s.actors {
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
        let w = self.s.words[ti].as_str();
        let next = self.s.words.get(ti + 1).map(String::as_str).unwrap_or("");
        let prev = if ti > 0 { self.s.words[ti - 1].as_str() } else { "" };
        let has = |x: &str| self.s.has(x);
        match rel {
            AgreementSigned | AgreementRatified => self.legal,
            AgreementExtended => self.legal && (has("until") || has("till") || self.s.has_prefix("year")),
            MembershipJoined | MembershipFrozen | MembershipLeft => self.membership_holds(ti, next),
            PresenceDeployment => {
                (w.starts_with("deploy") || w == "stationed")
                    || (w == "presence" && prev == "military")
                    || (matches!(w, "base" | "bases" | "airbase")
                        && (prev == "military" || prev == "air" || has("troops") || prev == "russian"))
            }
            EventDelivery => {
                ["arm", "weapon", "equipment", "missile"].iter().any(|p| self.s.has_prefix(p))
                    || has("gas")
                    || ((has("defence") || has("defense")) && self.s.has_prefix("system"))
                    || has("tanks")
                    || has("aircraft")
                    || has("helicopters")
            }
            ProvisionCommand => ["joint", "unified", "wartime", "peacetime", "combined"].iter().any(|x| has(x)),
            ProvisionBorderGuarding => {
                (w == "border" && matches!(next, "guards" | "troops" | "guard"))
                    || (w.starts_with("patrol") || w.starts_with("guard")) && self.s.has_prefix("border")
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
        let w = self.s.words[ti].as_str();
        let after = self.s.toks.get(ti + 7).map(|t| t.start).unwrap_or(self.s.end);
        self.orgs.iter().any(|m| m.start > self.s.toks[ti].start && m.start < after)
            && !(w == "frozen" && next == "conflict")
            && (w != "left" || matches!(next, "the" | "its"))
            && !(w == "entered" && next != "the")
    }

    /// "mutual defence/assistance", or the collective-defence formula: "an
    /// attack on one (party) shall be considered an attack on all (both)".
    fn mutual_defence_holds(&self, w: &str, next: &str) -> bool {
        let attacks = self.s.words.iter().filter(|w| w.starts_with("attack")).count();
        if w == "mutual" {
            matches!(next, "defense" | "defence" | "assistance") || (self.s.has("attack") && self.s.has("treated"))
        } else {
            attacks >= 2
                && (self.s.has("all") || self.s.has("both") || self.s.has("considered") || self.s.has("regarded"))
        }
    }

    /// "joint Russian-Armenian military force", "joint group of forces",
    /// "united group": a force noun within six words, past fillers only.
    fn joint_forces_holds(&self, ti: usize) -> bool {
        for (k, w) in self.s.words.iter().enumerate().skip(ti + 1).take(6) {
            if matches!(w.as_str(), "force" | "forces" | "unit" | "contingent" | "group" | "grouping" | "army") {
                return true;
            }
            // Fillers: "-", a few nouns' modifiers, proper adjectives ("Russian-Armenian").
            let filler = matches!(w.as_str(), "-" | "military" | "regional" | "of" | "armed" | "defense" | "defence")
                || self.s.toks[k].text.chars().next().is_some_and(char::is_uppercase)
                || self.s.actors.iter().any(|a| {
                    a.name_kind == NameKind::Adjective
                        && a.actor.kind == ActorKind::State
                        && self.s.chars[a.start..a.end].iter().collect::<String>().to_lowercase() == *w
                });
            if !filler {
                return false;
            }
        }
        false
    }
}

/// The relations stated in a sentence, each at the first trigger word
/// whose conditions hold (not negated).
pub(super) fn relations(sentence: &Sentence) -> Vec<Found> {
    let reading = Reading::new(sentence);
    let states = reading.states();
    let mut out = Vec::new();
    for &(rel, trig) in TRIGGERS {
        let words = &sentence.words;
        let found_at =
            (0..words.len()).filter(|&i| trig.contains(&words[i].as_str())).find(|&ti| reading.holds(rel, ti));
        let Some(ti) = found_at else { continue };
        if negated(words, ti) {
            continue;
        }
        out.push(relation(&reading, rel, sentence.toks[ti], &states));
    }
    out
}

/// The candidate of `rel` triggered by `trigger` (it spans the sentence):
/// its parties (for a membership, the member: the state named last before
/// the trigger), its organisation and date, a confidence that grows with both.
fn relation(reading: &Reading, rel: RelationKind, trigger: &Token, states: &[String]) -> Found {
    let sentence = reading.s;
    let mut parties = states.to_vec();
    if rel.family() == RelationFamily::Membership && parties.len() > 1 {
        // The member is the state named last before the trigger ("since Yerevan joined …").
        let before = sentence
            .actors
            .iter()
            .rfind(|m| m.end <= trigger.start && m.actor.kind == ActorKind::State)
            .and_then(|m| m.actor.state.clone());
        parties = vec![before.unwrap_or_else(|| states[0].clone())];
    }
    let date = sentence.dates.first().map(|d| d.value.clone());
    let org = reading.orgs.first().map(|m| m.actor.id.clone());
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
    let confidence = (conf * 100.0).round() / 100.0;
    Found::new(sentence.start, sentence.end, rel.as_str().to_string(), parties, confidence, Detail::Relation(detail))
}
