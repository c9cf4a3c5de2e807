//! Actors the gazetteer does not hold, found by the shape of their names:
//!
//! * people after a role or title ("Defense Minister Davit Tonoyan",
//!   "Russian President Vladimir Putin": the role and the state attached),
//!   with initials ("T. Dyson", "Peter B. Humphrey"), as authors of a
//!   citation ("DE HAAS, Marcel:", "Zagorski, A.:");
//! * organisations, units and agencies by a head word ("… Military Base",
//!   "… Brigade", "Ministry of …", "Institute for …", "… Journal");
//! * an acronym defined after a name ("Collective Rapid Deployment Force
//!   (CRDF)"), and a person's surname once named in full, for the rest of
//!   the document ([`DocMemory`]).
//!
//! Ids are the kind and the slug of the name as written (`person:t-dyson`,
//! `unit:collective-rapid-deployment-force`), given name first for people;
//! a known person keeps the gazetteer's id.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::dates::month_of;
use crate::gazetteer::{Actor, ActorKind, ActorMatch, Gazetteer, NameKind, TokKind, Token, slug};

/// What a document has defined so far: acronyms and the surnames of people named in full.
#[derive(Clone, Debug, Default)]
pub struct DocMemory {
    acronyms: HashMap<String, Arc<Actor>>,
    surnames: HashMap<String, Arc<Actor>>,
}

/// Role words: a person's role or title is a run of these before the name,
/// ending in one marked `true` (a role noun).
const ROLE_WORDS: &[(&str, bool)] = &[
    ("president", true),
    ("vice", false),
    ("prime", false),
    ("minister", true),
    ("premier", true),
    ("deputy", true),
    ("first", false),
    ("foreign", false),
    ("defense", false),
    ("defence", false),
    ("interior", false),
    ("finance", false),
    ("economy", false),
    ("ambassador", true),
    ("general", true),
    ("lieutenant", true),
    ("major", true),
    ("colonel", true),
    ("captain", true),
    ("admiral", true),
    ("marshal", true),
    ("commander", true),
    ("chief", true),
    ("of", false),
    ("the", false),
    ("staff", true),
    ("secretary", true),
    ("spokesman", true),
    ("spokeswoman", true),
    ("spokesperson", true),
    ("chairman", true),
    ("chairwoman", true),
    ("speaker", true),
    ("senator", true),
    ("governor", true),
    ("mayor", true),
    ("director", true),
    ("leader", true),
    ("patriarch", true),
    ("king", true),
    ("queen", true),
    ("chancellor", true),
    ("envoy", true),
    ("special", false),
    ("representative", true),
    ("dr", true),
    ("prof", true),
    ("professor", true),
    ("mr", true),
    ("mrs", true),
    ("ms", true),
    ("economist", true),
    ("analyst", true),
    ("expert", true),
    ("fellow", true),
    ("editor", true),
    ("journalist", true),
    ("correspondent", true),
    ("official", true),
    ("lawmaker", true),
    ("mp", true),
    ("ombudsman", true),
    ("prosecutor", true),
    ("judge", true),
];

/// Capitalised words that start sentences and never start a name.
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "In",
    "It",
    "Its",
    "A",
    "An",
    "As",
    "At",
    "By",
    "For",
    "From",
    "On",
    "With",
    "According",
    "After",
    "Before",
    "Since",
    "During",
    "While",
    "Although",
    "But",
    "And",
    "Or",
    "If",
    "When",
    "Where",
    "Why",
    "How",
    "What",
    "Both",
    "Some",
    "Many",
    "Most",
    "Other",
    "Such",
    "Their",
    "His",
    "Her",
    "Our",
    "We",
    "They",
    "He",
    "She",
    "I",
    "Yet",
    "Thus",
    "Also",
    "However",
    "Moreover",
    "Then",
    "There",
    "Here",
    "Who",
    "To",
    "Of",
    "Not",
    "No",
    "All",
    "One",
    "Two",
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Last",
    "See",
    "Ibid",
    "Does",
    "Do",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Can",
    "Will",
    "Should",
    "Would",
    "Could",
    "Has",
    "Have",
    "Had",
];

/// Heads too general to make a name with one word before them ("Special Forces", "Joint Command").
const GENERIC_HEADS: &[&str] = &["forces", "force", "army", "command", "headquarters", "district", "division"];

/// Head words of organisations, units and agencies, and the kind each makes.
const HEADS: &[(&str, ActorKind)] = &[
    ("base", ActorKind::Unit),
    ("brigade", ActorKind::Unit),
    ("division", ActorKind::Unit),
    ("regiment", ActorKind::Unit),
    ("battalion", ActorKind::Unit),
    ("army", ActorKind::Unit),
    ("fleet", ActorKind::Unit),
    ("flotilla", ActorKind::Unit),
    ("corps", ActorKind::Unit),
    ("district", ActorKind::Unit),
    ("forces", ActorKind::Unit),
    ("force", ActorKind::Unit),
    ("squadron", ActorKind::Unit),
    ("headquarters", ActorKind::Unit),
    ("command", ActorKind::Unit),
    ("ministry", ActorKind::Agency),
    ("service", ActorKind::Agency),
    ("committee", ActorKind::Agency),
    ("duma", ActorKind::Agency),
    ("parliament", ActorKind::Agency),
    ("assembly", ActorKind::Agency),
    ("office", ActorKind::Agency),
    ("department", ActorKind::Agency),
    ("institute", ActorKind::Organisation),
    ("institution", ActorKind::Organisation),
    ("istituto", ActorKind::Organisation),
    ("institut", ActorKind::Organisation),
    ("stiftung", ActorKind::Organisation),
    ("university", ActorKind::Organisation),
    ("college", ActorKind::Organisation),
    ("centre", ActorKind::Organisation),
    ("center", ActorKind::Organisation),
    ("foundation", ActorKind::Organisation),
    ("organisation", ActorKind::Organisation),
    ("organization", ActorKind::Organisation),
    ("association", ActorKind::Organisation),
    ("academy", ActorKind::Organisation),
    ("council", ActorKind::Organisation),
    ("commission", ActorKind::Organisation),
    ("union", ActorKind::Organisation),
    ("community", ActorKind::Organisation),
    ("bank", ActorKind::Organisation),
    ("fund", ActorKind::Organisation),
    ("initiative", ActorKind::Organisation),
    ("pact", ActorKind::Organisation),
    ("alliance", ActorKind::Organisation),
    ("party", ActorKind::Organisation),
    ("movement", ActorKind::Organisation),
    ("society", ActorKind::Organisation),
    ("forum", ActorKind::Organisation),
    ("house", ActorKind::Organisation),
    ("digest", ActorKind::Media),
    ("journal", ActorKind::Media),
    ("review", ActorKind::Media),
    ("times", ActorKind::Media),
    ("post", ActorKind::Media),
    ("news", ActorKind::Media),
    ("gazette", ActorKind::Media),
    ("herald", ActorKind::Media),
    ("monitor", ActorKind::Media),
    ("tribune", ActorKind::Media),
    ("magazine", ActorKind::Media),
];

/// A word's role entry: whether it is a role word, and a role noun.
fn role_of(w: &str) -> Option<bool> {
    static MAP: std::sync::OnceLock<HashMap<&'static str, bool>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| ROLE_WORDS.iter().copied().collect()).get(w).copied()
}

/// The kind of actor a head word makes.
fn head_of(w: &str) -> Option<ActorKind> {
    static MAP: std::sync::OnceLock<HashMap<&'static str, ActorKind>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| HEADS.iter().copied().collect()).get(w).copied()
}

/// Lower-case words that may stand inside a name ("Council of Europe",
/// "Bank for Reconstruction and Development", "Stiftung Wissenschaft und Politik").
const CONNECTORS: &[&str] = &["of", "for", "and", "the", "on", "de", "des", "du", "di", "del", "und", "für", "&"];

/// Whether a word starts sentences and never a name ([`NOT_NAMES`]).
fn not_a_name(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| NOT_NAMES.iter().copied().collect()).contains(w)
}

fn capitalised(t: &Token) -> bool {
    t.kind == TokKind::Word && t.text.chars().next().is_some_and(char::is_uppercase)
}

fn all_caps(t: &Token) -> bool {
    let mut cs = t.text.chars();
    t.kind == TokKind::Word
        && cs.next().is_some_and(char::is_uppercase)
        && cs.next().is_some_and(char::is_uppercase)
        && cs.all(char::is_uppercase)
}

/// Whether tokens `a` and `b` are adjacent or one space apart (no line break, no wider gap).
fn near(chars: &[char], a: &Token, b: &Token) -> bool {
    b.start >= a.end && b.start - a.end <= 1 && !chars[a.end..b.start].contains(&'\n')
}

/// The actors of a passage: the gazetteer's matches with the names found
/// by their shape merged in (a longer name found by shape replaces the
/// matches inside it; a known person after a role gets the role), in text order.
pub(super) fn actors(
    chars: &[char],
    tokens: &[Token],
    gaz: &Gazetteer,
    found: Vec<ActorMatch>,
    mem: &mut DocMemory,
) -> Vec<ActorMatch> {
    let mut all = found;
    for m in organisations(chars, tokens, &all) {
        merge(&mut all, m);
    }
    for m in people(chars, tokens, gaz, &mut all, mem) {
        merge(&mut all, m);
    }
    acronyms(chars, tokens, &mut all, mem);
    all.sort_by_key(|m| m.start);
    all
}

/// Adds `m` unless it overlaps a match it does not contain; removes the matches it contains.
fn merge(all: &mut Vec<ActorMatch>, m: ActorMatch) {
    let overlaps = |x: &ActorMatch| x.start < m.end && m.start < x.end;
    let contains = |x: &ActorMatch| m.start <= x.start && x.end <= m.end && (m.end - m.start) > (x.end - x.start);
    if all.iter().any(|x| overlaps(x) && !contains(x)) {
        return;
    }
    all.retain(|x| !overlaps(x));
    all.push(m);
}

/// A match found by shape.
fn shaped(
    start: usize,
    end: usize,
    actor: impl Into<Arc<Actor>>,
    rule: &'static str,
    role: Option<String>,
) -> ActorMatch {
    ActorMatch { start, end, actor: actor.into(), name_kind: NameKind::Name, rule: Some(rule), role }
}

/// Organisations, units and agencies: a run of capitalised words (with
/// connectors inside) that ends in a head word, or has one before "of" or
/// "for" ("Russian Academy of Sciences"); at least two words.
fn organisations(chars: &[char], tokens: &[Token], known: &[ActorMatch]) -> Vec<ActorMatch> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some((mut a, b)) = name_run(chars, tokens, i, known) else {
            i += 1;
            continue;
        };
        i = b + 1;
        // "Director of the Regional Studies Center": a role before "of" is not part of the name.
        let role = |t: &Token| role_of(t.lower()) == Some(true);
        while a < b && role(&tokens[a]) && tokens[a + 1].lower() == "of" {
            a += if tokens.get(a + 2).is_some_and(|t| t.lower() == "the") { 3 } else { 2 };
        }
        if !tokens.get(a).is_some_and(|t| capitalised(t) || t.kind == TokKind::Num) {
            continue;
        }
        let words: Vec<&Token> = tokens[a..=b].iter().filter(|t| t.kind == TokKind::Word).collect();
        if words.len() < 2 {
            continue;
        }
        let head = words.iter().enumerate().find_map(|(n, t)| {
            let kind = head_of(t.lower())?;
            let last = n + 1 == words.len();
            let before_of = words.get(n + 1).is_some_and(|w| matches!(w.lower(), "of" | "for"));
            (last || before_of).then_some(kind)
        });
        let Some(kind) = head else { continue };
        // "Russian-led …": the leader is not part of the name.
        if a + 2 < b && tokens[a + 1].text == "-" && tokens[a + 2].lower() == "led" {
            a += 3;
        }
        let (start, end) = (tokens[a].start, tokens[b].end);
        // A known name of exactly this span stays the gazetteer's; so does a known unit, agency or
        // person inside it ("Command of Russia's Southern Military District"), and a known name
        // after a state's adjective ("Russian Southern Military District").
        let inside = |k: &&ActorMatch| k.start >= start && k.end <= end;
        if known.iter().any(|k| k.start == start && k.end == end)
            || known
                .iter()
                .filter(inside)
                .any(|k| matches!(k.actor.kind, ActorKind::Unit | ActorKind::Agency | ActorKind::Person))
            || known.iter().filter(inside).any(|k| k.actor.kind != ActorKind::State && k.end == end && k.start > start)
        {
            continue;
        }
        // "Russian-Armenian Joint Military Force": two states' adjectives describe, they do not name.
        let adjective_at = |t: &Token| {
            known
                .iter()
                .any(|k| k.start == t.start && k.actor.kind == ActorKind::State && k.name_kind == NameKind::Adjective)
        };
        if a + 2 <= b && adjective_at(&tokens[a]) && tokens[a + 1].text == "-" && adjective_at(&tokens[a + 2]) {
            continue;
        }
        let words_in = tokens[a..=b].iter().filter(|t| t.kind == TokKind::Word).count();
        let generic = GENERIC_HEADS.contains(&tokens[b].lower());
        if generic && words_in < 3 && tokens[a].kind != TokKind::Num {
            continue;
        }
        let name: String = chars[start..end].iter().collect();
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let state = known
            .iter()
            .filter(|k| k.start >= start && k.end <= end && k.actor.kind == ActorKind::State)
            .find_map(|k| k.actor.state.clone());
        let prefix = match kind {
            ActorKind::Unit => "unit",
            ActorKind::Agency => "agency",
            _ => "org",
        };
        let actor = Actor { kind, id: format!("{prefix}:{}", slug(&name)), state, label: name };
        out.push(shaped(start, end, actor, "name with a head word (organisation, unit, agency)", None));
    }
    out
}

/// The run of a name starting at token `i`: capitalised words, connectors
/// and glued hyphens and possessives inside, an initial's dot ("St."); the
/// first and last tokens (both capitalised words). Not from a word that
/// starts sentences ("The", "In").
fn name_run(chars: &[char], tokens: &[Token], i: usize, known: &[ActorMatch]) -> Option<(usize, usize)> {
    let t = &tokens[i];
    if !capitalised(t) || not_a_name(&t.text) || month_of(&t.text).is_some() {
        return None;
    }
    // The known matches are in text order.
    let person_at = |x: &Token| {
        let from = known.partition_point(|m| m.start < x.start);
        known[from..].iter().take_while(|m| m.start == x.start).any(|m| m.actor.kind == ActorKind::Person)
    };
    if person_at(t) {
        return None;
    }
    // "4th Military Base": an ordinal glued before the first word belongs to the name.
    let first = if i >= 2
        && tokens[i - 2].kind == TokKind::Num
        && matches!(tokens[i - 1].lower(), "st" | "nd" | "rd" | "th")
        && tokens[i - 1].start == tokens[i - 2].end
        && near(chars, &tokens[i - 1], t)
    {
        i - 2
    } else {
        i
    };
    let mut last = i;
    let mut k = i + 1;
    while k < tokens.len() && near(chars, &tokens[k - 1], &tokens[k]) {
        let x = &tokens[k];
        if person_at(x) {
            break;
        }
        if capitalised(x) {
            last = k;
        } else if x.kind == TokKind::Word && CONNECTORS.contains(&x.lower()) {
            // "… of Armenia and the Russian Academy …": "and the" joins two names.
            let next = tokens.get(k + 1);
            if x.lower() == "and"
                && next.is_some_and(|n| n.lower() == "the" || known.iter().any(|m| m.start == n.start))
            {
                break;
            }
        } else if matches!(x.text.as_str(), "-" | "’" | "'") && tokens.get(k + 1).is_some_and(|n| n.start == x.end) {
            // "Anti-terrorist", "King’s": the next token belongs to the name.
            if tokens.get(k + 1).is_some_and(|n| n.kind == TokKind::Word) {
                k += 1;
                last = k;
            }
        } else if x.text == "." && tokens[k - 1].text.chars().count() <= 2 && capitalised(&tokens[k - 1]) {
        } else {
            break;
        }
        k += 1;
    }
    Some((first, last))
}

/// People: after a role, with initials, as citation authors, and surnames
/// remembered from earlier in the document. A known person after a role
/// gets the role (and the state before it) on the gazetteer's match.
fn people(
    chars: &[char],
    tokens: &[Token],
    gaz: &Gazetteer,
    all: &mut [ActorMatch],
    mem: &mut DocMemory,
) -> Vec<ActorMatch> {
    let mut out: Vec<ActorMatch> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found = after_role(chars, tokens, i, gaz, all)
            .or_else(|| with_initials(chars, tokens, i, gaz, all))
            .or_else(|| citation_author(chars, tokens, i, gaz, all))
            .or_else(|| remembered(tokens, i, all, mem));
        match found {
            Some((last, m)) => {
                if let Some(surname) = m.actor.label.split_whitespace().last().filter(|s| s.chars().count() >= 4) {
                    mem.surnames.entry(surname.to_lowercase()).or_insert_with(|| m.actor.clone());
                }
                out.push(m);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// The person a name (tokens `a..=b`) names: a known one (the gazetteer's
/// match on its last word, or the whole), else a new `person:` id.
fn person(chars: &[char], tokens: &[Token], a: usize, b: usize, gaz: &Gazetteer, state: Option<String>) -> Arc<Actor> {
    let known = gaz.find(chars, &tokens[a..=b]);
    if let Some(k) = known.iter().rev().find(|k| k.actor.kind == ActorKind::Person && k.end == tokens[b].end) {
        return k.actor.clone();
    }
    let name: String = chars[tokens[a].start..tokens[b].end].iter().collect();
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Arc::new(Actor { kind: ActorKind::Person, id: format!("person:{}", slug(&name)), state, label: name })
}

/// The capitalised words of a person's name from token `a` (one to three,
/// initials with their dot, hyphenated parts), not a known non-person
/// actor; the last token.
fn person_name_end(chars: &[char], tokens: &[Token], a: usize, all: &[ActorMatch]) -> Option<usize> {
    let first = tokens.get(a).filter(|t| capitalised(t) && !all_caps(t) || t.text.chars().count() == 1)?;
    if not_a_name(&first.text) || month_of(&first.text).is_some() {
        return None;
    }
    let mut last = a;
    let mut words = 1;
    let mut k = a + 1;
    while k < tokens.len() && words < 4 && near(chars, &tokens[k - 1], &tokens[k]) {
        let x = &tokens[k];
        if x.text == "." && tokens[k - 1].text.chars().count() == 1 {
            k += 1;
            continue;
        }
        if x.text == "-" && tokens.get(k + 1).is_some_and(capitalised) && tokens[k + 1].start == x.end {
            k += 1;
            continue;
        }
        if capitalised(x) && !not_a_name(&x.text) {
            last = k;
            words += 1;
            k += 1;
            continue;
        }
        break;
    }
    let (s, e) = (tokens[a].start, tokens[last].end);
    let other = all.iter().any(|m| m.start < e && s < m.end && m.actor.kind != ActorKind::Person);
    // "Director of the Regional Studies Center": a head word makes it an organisation's name.
    let head = tokens[a..=last].iter().any(|t| head_of(t.lower()).is_some());
    (!other && !head && tokens[last].text.chars().count() >= 2).then_some(last)
}

/// "Defense Minister Davit Tonoyan", "Russian President Vladimir Putin",
/// "President Lukashenka": role words before a name; the state of an
/// adjective or a state's name right before the role.
fn after_role(
    chars: &[char],
    tokens: &[Token],
    i: usize,
    gaz: &Gazetteer,
    all: &mut [ActorMatch],
) -> Option<(usize, ActorMatch)> {
    let is_role = |t: &Token| role_of(t.lower());
    is_role(&tokens[i]).filter(|_| tokens[i].lower() != "of" && tokens[i].lower() != "the")?;
    let mut k = i;
    let mut last_noun = None;
    while k < tokens.len() && (k == i || near(chars, &tokens[k - 1], &tokens[k])) {
        match is_role(&tokens[k]) {
            Some(noun) => {
                if noun {
                    last_noun = Some(k);
                }
                k += 1;
            }
            None if tokens[k].text == "." && matches!(tokens[k - 1].lower(), "dr" | "prof" | "mr" | "mrs" | "ms") => {
                k += 1
            }
            None => break,
        }
    }
    let role_end = last_noun?;
    let name_at = if tokens.get(role_end + 1).is_some_and(|t| t.text == ".") { role_end + 2 } else { role_end + 1 };
    // "Minister of Defence Sergei Shoigu": the role's complement is role words too.
    let between = &tokens[name_at.min(k)..k];
    let complement = between.iter().any(|t| !matches!(t.lower(), "of" | "the"));
    let name_at = if name_at < k && complement { k } else { name_at };
    let last = person_name_end(chars, tokens, name_at, all)?;
    let role: String = chars[tokens[i].start..tokens[role_end].end].iter().collect();
    let role = role.split_whitespace().collect::<Vec<_>>().join(" ");
    let before = i.checked_sub(1).map(|p| &tokens[p]);
    let state = before.and_then(|b| {
        all.iter()
            .find(|m| m.end == b.end && m.actor.kind == ActorKind::State)
            .or_else(|| {
                // "Russia’s President": the possessive's "s" ends the state's match.
                all.iter().find(|m| m.end + 2 >= b.end && m.end <= b.end && m.actor.kind == ActorKind::State)
            })
            .and_then(|m| m.actor.state.clone())
    });
    let (s, e) = (tokens[name_at].start, tokens[last].end);
    // A known person's match keeps its id and gets the role.
    if let Some(k) = all.iter_mut().find(|m| m.start == s && m.end == e && m.actor.kind == ActorKind::Person) {
        k.role = Some(role);
        return None;
    }
    let actor = person(chars, tokens, name_at, last, gaz, state.clone());
    let actor =
        if actor.state.is_none() && state.is_some() { Arc::new(Actor { state, ..(*actor).clone() }) } else { actor };
    Some((last, shaped(s, e, actor, "role or title before a name", Some(role))))
}

/// "T. Dyson", "D. Averre", "V.Putin", "Peter B. Humphrey": initials (and a
/// given name before them) and a surname.
fn with_initials(
    chars: &[char],
    tokens: &[Token],
    i: usize,
    gaz: &Gazetteer,
    all: &[ActorMatch],
) -> Option<(usize, ActorMatch)> {
    let initial = |k: usize| {
        tokens.get(k).is_some_and(|t| t.kind == TokKind::Word && t.text.chars().count() == 1 && capitalised(t))
            && tokens.get(k + 1).is_some_and(|d| d.text == "." && d.start == tokens[k].end)
    };
    // A given name before the initial ("Peter B. Humphrey").
    let given = capitalised(&tokens[i])
        && !not_a_name(&tokens[i].text)
        && tokens[i].text.chars().count() > 1
        && !all_caps(&tokens[i])
        && initial(i + 1);
    let mut k = if given { i + 1 } else { i };
    if !initial(k) {
        return None;
    }
    while initial(k) {
        k += 2;
    }
    let sur = tokens.get(k).filter(|t| capitalised(t) && !all_caps(t) && t.text.chars().count() >= 3)?;
    if not_a_name(&sur.text) || month_of(&sur.text).is_some() || !near(chars, &tokens[k - 1], sur) {
        return None;
    }
    // Not "U.S. Army", "St. Petersburg" or a name the gazetteer gives to another kind of actor.
    let (s, e) = (tokens[i].start, sur.end);
    if all.iter().any(|m| m.start < e && s < m.end && m.actor.kind != ActorKind::Person) {
        return None;
    }
    if all.iter().any(|m| m.start <= s && m.end >= e) {
        return None;
    }
    let actor = person(chars, tokens, i, k, gaz, None);
    Some((k, shaped(s, e, actor, "initials and a surname", None)))
}

/// A citation's author: "DE HAAS, Marcel:", "HUMPHREY , Peter, B. :",
/// "Zagorski, A.:": a surname in capitals (or capitalised, before an
/// initial), a comma, given names or initials, a colon.
fn citation_author(
    chars: &[char],
    tokens: &[Token],
    i: usize,
    gaz: &Gazetteer,
    all: &[ActorMatch],
) -> Option<(usize, ActorMatch)> {
    let mut k = i;
    while tokens.get(k).is_some_and(|t| all_caps(t) && t.text.chars().count() >= 2) && k < i + 3 {
        k += 1;
    }
    let caps_surname = k > i;
    if !caps_surname {
        if !(capitalised(&tokens[i]) && tokens[i].text.chars().count() >= 3) {
            return None;
        }
        k = i + 1;
    }
    let sur_end = k - 1;
    if tokens.get(k).is_none_or(|t| t.text != ",") {
        return None;
    }
    // Given names and initials up to a colon, within six tokens.
    let mut given = Vec::new();
    let mut j = k + 1;
    while j < tokens.len() && j <= k + 7 {
        let t = &tokens[j];
        if t.text == ":" {
            break;
        }
        if capitalised(t) && !all_caps(t) || (t.text.chars().count() == 1 && capitalised(t)) {
            given.push(j);
        } else if !matches!(t.text.as_str(), "," | ".") {
            return None;
        }
        j += 1;
    }
    if given.is_empty() || tokens.get(j).is_none_or(|t| t.text != ":") {
        return None;
    }
    if !caps_surname && tokens[given[0]].text.chars().count() != 1 {
        return None;
    }
    let (s, e) = (tokens[i].start, tokens[sur_end].end);
    if all.iter().any(|m| m.start < e && s < m.end && m.actor.kind != ActorKind::Person) {
        return None;
    }
    let cap = |w: &str| {
        let l = w.to_lowercase();
        let mut c = l.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    };
    let given_names: Vec<String> = given.iter().map(|&g| tokens[g].text.clone()).collect();
    let surname: Vec<String> = tokens[i..=sur_end].iter().map(|t| cap(&t.text)).collect();
    let name = format!("{} {}", given_names.join(" "), surname.join(" "));
    let known = gaz.find(chars, &tokens[sur_end..=sur_end]);
    let actor = match known.into_iter().find(|m| m.actor.kind == ActorKind::Person) {
        Some(m) => m.actor,
        None => {
            Arc::new(Actor { kind: ActorKind::Person, id: format!("person:{}", slug(&name)), state: None, label: name })
        }
    };
    // The given names and initials belong to the match's reading, not to another name.
    Some((j, shaped(s, e, actor, "author of a citation", None)))
}

/// A surname alone, of a person the document named in full before.
fn remembered(tokens: &[Token], i: usize, all: &[ActorMatch], mem: &DocMemory) -> Option<(usize, ActorMatch)> {
    let t = &tokens[i];
    if !capitalised(t) || all.iter().any(|m| m.start <= t.start && t.end <= m.end) {
        return None;
    }
    let actor = mem.surnames.get(t.lower())?.clone();
    Some((i, shaped(t.start, t.end, actor, "surname of a person named before", None)))
}

/// Acronyms: a name followed by "(ACR)" whose letters are the name's
/// initials defines ACR for the rest of the document; a bare ACR the
/// gazetteer does not know then names the same actor.
fn acronyms(chars: &[char], tokens: &[Token], all: &mut Vec<ActorMatch>, mem: &mut DocMemory) {
    let mut added = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        if !(all_caps(t) && t.text.chars().count() <= 8) {
            continue;
        }
        let defined = k >= 2 && tokens[k - 1].text == "(" && tokens.get(k + 1).is_some_and(|c| c.text == ")");
        if defined
            && let Some(m) = all.iter().find(|m| m.end <= tokens[k - 1].start && tokens[k - 1].start - m.end <= 1)
            && initials_fit(chars, m, &t.text)
        {
            mem.acronyms.insert(t.text.clone(), m.actor.clone());
        }
        if all.iter().any(|m| m.start < t.end && t.start < m.end) {
            continue;
        }
        if let Some(actor) = mem.acronyms.get(&t.text) {
            added.push(shaped(t.start, t.end, actor.clone(), "acronym defined in the document", None));
        }
    }
    all.extend(added);
}

/// Whether an acronym's letters are the initials of a name's words (all
/// of them, or all but the connectors; case ignored: "MoD").
fn initials_fit(chars: &[char], m: &ActorMatch, acr: &str) -> bool {
    let name: String = chars[m.start..m.end].iter().collect();
    let words: Vec<&str> = name.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).collect();
    let initials = |skip_connectors: bool| -> String {
        words
            .iter()
            .filter(|w| !(skip_connectors && CONNECTORS.contains(&w.to_lowercase().as_str())))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let a = acr.to_lowercase();
    a.chars().count() >= 2 && (initials(true) == a || initials(false) == a)
}
