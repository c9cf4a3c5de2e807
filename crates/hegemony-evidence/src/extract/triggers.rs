//! The words that state a relation and the conditions under which they do:
//! "signed" with a legal text in its clause, "base" only as a military
//! base, "joined" with an organisation after it, "purchase" only when
//! done and not at domestic prices (then it is that provision) …

use super::clauses::Clause;
use super::sentences::Sentence;
use crate::candidate::RelationKind;
use crate::gazetteer::{ActorKind, NameKind};

/// Relation kinds and their trigger words (lower case), in the order they are tried.
pub(super) const TRIGGERS: &[(RelationKind, &[&str])] = &[
    (RelationKind::AgreementExtended, &["extended", "prolonged", "prolongation", "extension", "renewed", "extend"]),
    (
        RelationKind::AgreementSigned,
        &["signed", "signing", "sign", "signs", "concluded", "signature", "agreed", "adopted", "reached"],
    ),
    (RelationKind::AgreementRatified, &["ratified", "ratification", "ratify", "ratifies"]),
    (
        RelationKind::MembershipJoined,
        &["joined", "join", "joins", "accession", "acceded", "admitted", "entered", "adhered", "became"],
    ),
    (RelationKind::MembershipFrozen, &["froze", "frozen", "freeze", "freezes", "suspended", "suspends"]),
    (RelationKind::MembershipLeft, &["withdrew", "withdrawal", "withdraw", "left", "leave", "quit", "exit"]),
    (
        RelationKind::PresenceDeployment,
        &[
            "deployed",
            "deployment",
            "stationed",
            "base",
            "bases",
            "airbase",
            "deploy",
            "deploying",
            "presence",
            "placing",
            "hosts",
            "installations",
            "facility",
            "station",
        ],
    ),
    (
        RelationKind::EventDelivery,
        &[
            "delivered",
            "delivery",
            "deliveries",
            "supplied",
            "supplies",
            "supply",
            "sold",
            "sells",
            "sale",
            "sales",
            "exports",
            "exported",
            "purchased",
            "bought",
            "arm",
        ],
    ),
    (RelationKind::ProvisionArmsDomesticPrices, &["prices", "price", "rates"]),
    (RelationKind::ProvisionCommand, &["commanded", "command", "subordinated"]),
    (
        RelationKind::ProvisionBorderGuarding,
        &["patrol", "patrols", "patrolling", "guard", "guarding", "border", "protect"],
    ),
    (RelationKind::ProvisionMutualDefence, &["mutual", "attack", "collective"]),
    (RelationKind::ProvisionUnifiedAirDefence, &["air", "subsumed", "aircraft"]),
    (
        RelationKind::ProvisionJointForces,
        &[
            "joint",
            "united",
            "unified",
            "combined",
            "collective",
            "group",
            "groups",
            "creation",
            "formation",
            "created",
            "formed",
            "established",
            "establish",
            "create",
            "form",
        ],
    ),
];

/// The indices in [`TRIGGERS`] of the kinds a word triggers (most words: none).
pub(super) fn kinds_of(word: &str) -> &'static [usize] {
    static INDEX: std::sync::OnceLock<rustc_hash::FxHashMap<&'static str, Vec<usize>>> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m: rustc_hash::FxHashMap<&'static str, Vec<usize>> = rustc_hash::FxHashMap::default();
        for (n, (_, words)) in TRIGGERS.iter().enumerate() {
            for w in *words {
                m.entry(*w).or_default().push(n);
            }
        }
        m
    });
    index.get(word).map(Vec::as_slice).unwrap_or(&[])
}

/// Nouns of legal texts (a signing needs one in its clause).
const LEGAL: &[&str] = &[
    "agreement",
    "agreements",
    "treaty",
    "treaties",
    "accord",
    "accords",
    "decree",
    "protocol",
    "protocols",
    "memorandum",
    "charter",
    "deal",
    "contract",
    "convention",
    "pact",
    "declaration",
    "documents",
    "document",
];

/// Nouns of the things delivered.
const GOODS: &[&str] = &[
    "arms",
    "weapons",
    "weaponry",
    "equipment",
    "missile",
    "missiles",
    "tanks",
    "aircraft",
    "helicopters",
    "drones",
    "gas",
    "oil",
    "fuel",
    "s",
    "systems",
    "hardware",
    "munitions",
    "ammunition",
    "rifles",
    "jets",
    "fighters",
];

/// A clause of a sentence as the trigger conditions read it.
pub(super) struct Reading<'a, 'b> {
    pub s: &'b Sentence<'a>,
    pub c: Clause,
}

impl Reading<'_, '_> {
    fn word(&self, k: usize) -> &str {
        if k >= self.c.a && k < self.c.b { self.s.words[k] } else { "" }
    }

    /// Whether a word of the clause is `w`.
    fn has(&self, w: &str) -> bool {
        (self.c.a..self.c.b).any(|k| self.s.words[k] == w)
    }

    /// Whether a word of the clause starts with `p`.
    fn has_prefix(&self, p: &str) -> bool {
        (self.c.a..self.c.b).any(|k| self.s.words[k].starts_with(p))
    }

    /// Whether a word of the clause is one of `ws`.
    fn any(&self, ws: &[&str]) -> bool {
        (self.c.a..self.c.b).any(|k| ws.contains(&self.s.words[k]))
    }

    /// Whether a legal text is named in the clause, or (for "was signed",
    /// whose subject may stand in the clause before) in the sentence, or a
    /// treaty organisation is the subject of the passive ("CST was signed").
    fn legal(&self, ti: usize) -> bool {
        if self.any(LEGAL) {
            return true;
        }
        let passive = ti > 0 && matches!(self.s.words[ti - 1], "was" | "were" | "been" | "is" | "are");
        passive
            && (self.s.words.iter().any(|w| LEGAL.contains(w))
                || self.s.actors.iter().any(|m| {
                    m.actor.kind == ActorKind::Organisation
                        && m.end <= self.s.toks[ti].start
                        && m.end + 12 >= self.s.toks[ti].start
                }))
    }

    /// Whether "from|to the organisation|treaty|alliance …" follows `ti` (an organisation named before).
    fn org_noun_after(&self, ti: usize) -> bool {
        matches!(self.word(ti + 1), "from" | "to")
            && self.word(ti + 2) == "the"
            && matches!(
                self.word(ti + 3),
                "organisation" | "organization" | "treaty" | "alliance" | "bloc" | "union" | "commonwealth"
            )
    }

    /// Whether an organisation is named within seven tokens after `ti`.
    fn org_after(&self, ti: usize) -> bool {
        let from = self.s.toks[ti].end;
        let to = self.s.toks.get((ti + 8).min(self.c.b)).map(|t| t.start).unwrap_or(self.s.end);
        self.s.actors.iter().any(|m| m.actor.kind == ActorKind::Organisation && m.start >= from && m.start < to)
    }

    /// Whether the trigger word at `ti` states `rel` in this clause.
    pub fn holds(&self, rel: RelationKind, ti: usize) -> bool {
        use RelationKind::*;
        let w = self.word(ti);
        let next = self.word(ti + 1);
        let prev = if ti > self.c.a { self.word(ti - 1) } else { "" };
        match rel {
            AgreementSigned => match w {
                "agreed" => matches!(next, "to" | "on") && (self.any(LEGAL) || self.org_after(ti)),
                "reached" => self.any(&["agreement", "ceasefire", "deal", "accord"]),
                "adopted" => self.any(&["charter", "declaration", "decree", "treaty", "protocol", "agreement"]),
                _ => self.legal(ti),
            },
            AgreementRatified => self.legal(ti),
            AgreementExtended => {
                (self.any(LEGAL) || self.has("presence") || self.has_prefix("base") || self.has("mandate"))
                    && !(w == "extended" && next == "to")
            }
            MembershipJoined => match w {
                "became" => matches!(next, "members" | "member" | "a") && self.any(&["member", "members"]),
                "adhered" => next == "to",
                "entered" => next == "the" && self.org_after(ti),
                _ => self.org_after(ti) || self.org_noun_after(ti),
            },
            MembershipFrozen => self.org_after(ti) && !(w == "frozen" && next == "conflict"),
            MembershipLeft => {
                (self.org_after(ti) || self.org_noun_after(ti))
                    && (w != "left" || matches!(next, "the" | "its"))
                    && w != "exit"
            }
            PresenceDeployment => self.deployment_holds(ti, w, prev),
            EventDelivery => self.delivery_holds(ti, w, next),
            ProvisionArmsDomesticPrices => {
                matches!(prev, "domestic" | "internal" | "preferential" | "reduced")
                    && (self.any(GOODS) || self.has("military") || self.has("defence") || self.has("defense"))
            }
            ProvisionCommand => match w {
                "subordinated" => next == "to" && self.has("command"),
                _ => self.any(&["joint", "unified", "wartime", "peacetime", "combined", "integrated", "single"]),
            },
            ProvisionBorderGuarding => {
                (w == "border" && matches!(next, "guards" | "troops" | "guard"))
                    || (w.starts_with("patrol") || w.starts_with("guard") || w == "protect")
                        && self.has_prefix("border")
            }
            ProvisionMutualDefence => self.mutual_defence_holds(w, next),
            ProvisionUnifiedAirDefence => {
                (w == "subsumed" && self.has("air") && self.has_prefix("defen"))
                    || (w == "aircraft"
                        && prev == "-"
                        && ti >= 2
                        && self.word(ti - 2) == "anti"
                        && self.word(ti + 1).starts_with("defen")
                        && self.any(&["joint", "unified", "united", "common", "integrated", "single"]))
                    || matches!(next, "defense" | "defence" | "defenses" | "defences")
                        && self.any(&[
                            "unified",
                            "united",
                            "unite",
                            "joint",
                            "regional",
                            "common",
                            "joined",
                            "integrated",
                            "integrate",
                            "single",
                        ])
            }
            ProvisionJointForces => self.joint_forces_holds(ti),
        }
    }

    /// Verbs of deploying and stationing; "base(s)" only as a military,
    /// air or naval base or a state's ("Russian military bases"); "presence"
    /// only as a military presence; "hosts" with a base after it.
    fn deployment_holds(&self, ti: usize, w: &str, prev: &str) -> bool {
        let state_before = ti > self.c.a
            && self.s.actors.iter().any(|m| {
                m.actor.kind == ActorKind::State
                    && m.end <= self.s.toks[ti].start
                    && m.end + 12 >= self.s.toks[ti].start
            });
        match w {
            "deployed" | "deployment" | "deploy" | "deploying" | "stationed" => {
                !(w == "deployment" && matches!(self.word(ti + 1), "force" | "forces"))
            }
            "base" | "bases" | "airbase" => {
                matches!(prev, "military" | "air" | "naval" | "russian" | "us" | "american" | "new" | "permanent")
                    && (w == "airbase" || prev != "new" || self.has("military"))
                    || (w == "airbase")
                    || (w == "bases" && state_before && self.has("military"))
            }
            "presence" => prev == "military" || (prev == "troop" || prev == "forces"),
            "placing" => self.word(ti + 1) == "of" && (self.has("base") || self.has("airbase") || self.has("troops")),
            "hosts" => self.has("base") || self.has("airbase") || self.has("troops"),
            "installations" | "facility" => prev == "military" || prev == "communication" || self.has("military"),
            "station" => prev == "early-warning" || prev == "radar" || prev == "warning",
            _ => false,
        }
    }

    /// Deliveries of goods (arms, equipment, gas), done: not "purchase …
    /// at domestic prices" (a provision), not "the ability to purchase".
    fn delivery_holds(&self, ti: usize, w: &str, next: &str) -> bool {
        if self.has("prices") && self.any(&["domestic", "internal", "preferential"]) {
            return false;
        }
        let goods = self.any(GOODS) || (self.has("defence") || self.has("defense")) && self.has_prefix("system");
        match w {
            "arm" => {
                // "arm both Armenia and Azerbaijan": the verb, with a state after it.
                let states_after = self.s.actors.iter().any(|m| {
                    m.actor.kind == ActorKind::State
                        && m.start >= self.s.toks[ti].end
                        && m.start <= self.s.toks[ti].end + 12
                        && m.name_kind != NameKind::Adjective
                });
                states_after && matches!(self.word(ti - 1), "can" | "to" | "would" | "will" | "could")
            }
            "supplies" if next == "of" => goods,
            _ => goods,
        }
    }

    /// "mutual defence/assistance", "collective defence", or the formula
    /// "an attack on one (party) shall be considered an attack on all (both)".
    fn mutual_defence_holds(&self, w: &str, next: &str) -> bool {
        let attacks = (self.c.a..self.c.b).filter(|&k| self.s.words[k].starts_with("attack")).count();
        match w {
            "mutual" => {
                matches!(next, "defense" | "defence" | "assistance" | "aid")
                    || (self.has("attack") && self.has("treated"))
            }
            "collective" => matches!(next, "defense" | "defence"),
            _ => {
                (attacks >= 2 && self.any(&["all", "both", "considered", "regarded", "treated"]))
                    || (attacks >= 1
                        && (self.has("case") || self.has("event"))
                        && self.any(&["support", "assist", "defend", "help"]))
            }
        }
    }

    /// "joint Russian-Armenian military force", "joint group of forces",
    /// "regional groups of forces", "Collective Rapid Deployment Force": a
    /// force noun within six words, past fillers only.
    fn joint_forces_holds(&self, ti: usize) -> bool {
        let w = self.word(ti);
        if matches!(w, "group" | "groups") {
            return self.word(ti + 1) == "of" && matches!(self.word(ti + 2), "forces" | "troops");
        }
        if matches!(
            w,
            "creation" | "formation" | "created" | "formed" | "established" | "establish" | "create" | "form"
        ) {
            // Creating a collective force: a unit of no single state named within six tokens
            // after ("the creation of CRDF") or just before ("CPF created by …").
            let near = |m: &&&crate::gazetteer::ActorMatch| {
                let t = self.s.toks[ti];
                (m.start >= t.end && m.start <= t.end + 40) || (m.end <= t.start && m.end + 6 >= t.start)
            };
            return self
                .s
                .actors
                .iter()
                .filter(near)
                .any(|m| m.actor.kind == ActorKind::Unit && m.actor.state.is_none());
        }
        for k in ti + 1..(ti + 7).min(self.c.b) {
            let x = self.word(k);
            if matches!(
                x,
                "force" | "forces" | "unit" | "units" | "contingent" | "group" | "grouping" | "army" | "troops"
            ) {
                return true;
            }
            // Fillers: "-", a few nouns' modifiers, proper adjectives ("Russian-Armenian").
            let tok = self.s.toks[k];
            let filler = matches!(
                x,
                "-" | "military"
                    | "regional"
                    | "of"
                    | "armed"
                    | "defense"
                    | "defence"
                    | "rapid"
                    | "reaction"
                    | "deployment"
                    | "peacekeeping"
                    | "peace"
                    | "making"
                    | "ground"
            ) || tok.text.chars().next().is_some_and(char::is_uppercase);
            if !filler {
                return false;
            }
        }
        false
    }
}
