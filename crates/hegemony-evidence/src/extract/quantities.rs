//! Quantities: a number (digits, or a number word with a scale), a scale
//! word, a unit (currency, percent, tonnes, distances, troops, people).

use super::{Found, is, word};
use crate::candidate::{Detail, QuantityDetail, Unit};
use crate::gazetteer::{ActorMatch, TokKind, Token};

/// Number words, taken only before a scale word ("two million").
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("a", 1.0),
];

/// Words that may stand between a number and a troop noun ("3,000 Russian soldiers").
const TROOP_MODIFIERS: &[&str] = &["military", "regular", "additional", "armed", "active", "more", "russian"];

/// Nouns that count soldiers.
const TROOP_NOUNS: &[&str] =
    &["soldiers", "troops", "servicemen", "personnel", "peacekeepers", "officers", "men", "guards"];

/// A unit found after a number: the unit, how many tokens it takes after
/// the scale, the rule's confidence, and the state whose troops or people
/// are counted.
struct UnitAt {
    unit: Unit,
    used: usize,
    confidence: f64,
    of_state: Option<String>,
}

impl UnitAt {
    fn new(unit: Unit, used: usize, confidence: f64) -> UnitAt {
        UnitAt { unit, used, confidence, of_state: None }
    }
}

/// Every quantity among `tokens`; `actors` are the passage's gazetteer
/// matches (modifiers of troops, "two million Armenians").
pub(super) fn quantities(chars: &[char], tokens: &[Token], actors: &[ActorMatch]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(number) = number_at(tokens, i).filter(|_| !is_page_reference(tokens, i)) else {
            i += 1;
            continue;
        };
        let currency = currency_before(tokens, i);
        let (scale, j) = scale_at(tokens, i + 1);
        let value = number * scale;
        let unit = match currency {
            Some(u) => Some(UnitAt::new(u, 0, 0.9)),
            None => plain_unit(tokens, j, scale).or_else(|| troops_or_people(tokens, j, scale, actors)),
        };
        let Some(unit) = unit else {
            i += 1;
            continue;
        };
        let first = if currency.is_some() { i - 1 } else { i };
        let last = if unit.used == 0 { j - 1 } else { j + unit.used - 1 };
        out.push(quantity(chars, tokens[first].start, tokens[last].end, value, unit));
        i = last + 1;
    }
    out
}

/// The number token `i` starts: digits ("3,000", "1.5"), or a number word
/// followed by a scale word.
fn number_at(tokens: &[Token], i: usize) -> Option<f64> {
    let t = &tokens[i];
    match t.kind {
        TokKind::Num => parse_num(&t.text),
        TokKind::Word => NUMBER_WORDS
            .iter()
            .find(|(w, _)| *w == t.lower)
            .filter(|_| matches!(word(tokens.get(i + 1)), "million" | "billion" | "thousand"))
            .map(|&(_, v)| v),
        TokKind::Punct => None,
    }
}

fn parse_num(s: &str) -> Option<f64> {
    // "3,000" and "3,214" are thousands; "1.5" a decimal; "23.12.2015" none.
    if s.matches('.').count() > 1 {
        return None;
    }
    let groups: Vec<&str> = s.split(',').collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.split('.').next().unwrap_or("").len() != 3) {
        return None;
    }
    s.replace(',', "").parse().ok()
}

/// Page references "p. 286", "pp. 725-774" are not quantities.
fn is_page_reference(tokens: &[Token], i: usize) -> bool {
    let prev2 = if i >= 2 { word(tokens.get(i - 2)) } else { "" };
    (prev2 == "p" || prev2 == "pp") && is(tokens.get(i.wrapping_sub(1)), ".")
}

/// The currency of a sign glued before the number ("$300").
fn currency_before(tokens: &[Token], i: usize) -> Option<Unit> {
    let sign = tokens.get(i.checked_sub(1)?).filter(|s| s.end == tokens[i].start)?;
    match sign.text.as_str() {
        "$" => Some(Unit::Usd),
        "€" => Some(Unit::Eur),
        "£" => Some(Unit::Gbp),
        _ => None,
    }
}

/// The scale word at `j` ("million", "bn", "thousand"), if any, and the
/// index after it.
fn scale_at(tokens: &[Token], j: usize) -> (f64, usize) {
    match word(tokens.get(j)) {
        "million" | "mln" | "m" => (1e6, j + 1),
        "billion" | "bn" => (1e9, j + 1),
        "thousand" => (1e3, j + 1),
        _ => (1.0, j),
    }
}

/// A unit word (or sign) at `j`: percent, currencies, tonnes, distances.
fn plain_unit(tokens: &[Token], j: usize, scale: f64) -> Option<UnitAt> {
    let w = word(tokens.get(j));
    let w2 = word(tokens.get(j + 1));
    Some(if is(tokens.get(j), "%") {
        UnitAt::new(Unit::Percent, 1, 0.95)
    } else if w == "percent" || w == "pct" || (w == "per" && w2 == "cent") {
        UnitAt::new(Unit::Percent, if w == "per" { 2 } else { 1 }, 0.95)
    } else if matches!(w, "dollars" | "usd") || (w == "us" && w2 == "dollars") {
        UnitAt::new(Unit::Usd, if w == "us" { 2 } else { 1 }, 0.9)
    } else if matches!(w, "euros" | "eur") {
        UnitAt::new(Unit::Eur, 1, 0.9)
    } else if matches!(w, "roubles" | "rubles" | "rub") {
        UnitAt::new(Unit::Rub, 1, 0.9)
    } else if matches!(w, "tonnes" | "tons" | "tonne" | "ton" | "t") && !(w == "t" && scale == 1.0) {
        UnitAt::new(Unit::Tonnes, 1, 0.9)
    } else if matches!(w, "kilometres" | "kilometers" | "kilometre" | "kilometer" | "km") {
        let area = is(tokens.get(j + 1), "2") || is(tokens.get(j + 1), "²");
        if area { UnitAt::new(Unit::Km2, 2, 0.9) } else { UnitAt::new(Unit::Km, 1, 0.9) }
    } else if w == "square" && matches!(w2, "kilometres" | "kilometers" | "km") {
        UnitAt::new(Unit::Km2, 2, 0.9)
    } else if matches!(w, "miles" | "mile") {
        UnitAt::new(Unit::Miles, 1, 0.85)
    } else {
        return None;
    })
}

/// Troops: a troop noun after up to two modifiers (a state's adjective,
/// "military", "regular" …), the state being the modifier's; or, after a
/// scale, a state's people ("two million Armenians").
fn troops_or_people(tokens: &[Token], j: usize, scale: f64, actors: &[ActorMatch]) -> Option<UnitAt> {
    let actor_at = |t: &Token| actors.iter().find(|a| a.start == t.start);
    for skip in 0..=2 {
        let noun = word(tokens.get(j + skip));
        let noun2 = word(tokens.get(j + skip + 1));
        let mods_ok = (0..skip).all(|k| {
            tokens.get(j + k).is_some_and(|m| {
                m.kind == TokKind::Word && (actor_at(m).is_some() || TROOP_MODIFIERS.contains(&m.lower.as_str()))
            })
        });
        if !mods_ok {
            return None;
        }
        if TROOP_NOUNS.contains(&noun) || (noun == "border" && noun2 == "guards") {
            let mut unit = UnitAt::new(Unit::Troops, skip + if noun == "border" { 2 } else { 1 }, 0.85);
            for k in 0..skip {
                if let Some(a) = actor_at(&tokens[j + k]) {
                    unit.of_state = a.actor.state.clone();
                }
            }
            return Some(unit);
        }
        if skip == 0
            && scale > 1.0
            && let Some(a) = tokens.get(j).and_then(actor_at)
        {
            return Some(UnitAt { of_state: a.actor.state.clone(), ..UnitAt::new(Unit::People, 1, 0.7) });
        }
    }
    None
}

/// The candidate of a quantity spanning `start..end`.
fn quantity(chars: &[char], start: usize, end: usize, value: f64, unit: UnitAt) -> Found {
    let amount = if value.fract() == 0.0 { format!("{}", value as i64) } else { format!("{value}") };
    let detail = QuantityDetail {
        rule: "number + unit".to_string(),
        amount: value,
        unit: unit.unit,
        text: chars[start..end].iter().collect(),
        doc_date: None,
    };
    Found::new(
        start,
        end,
        format!("{amount} {}", unit.unit.as_str()),
        unit.of_state.into_iter().collect(),
        unit.confidence,
        Detail::Quantity(detail),
    )
}
