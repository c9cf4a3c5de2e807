//! Quantities: an optional qualifier ("about", "more than", "up to",
//! "between … and"), a number (digits or number words, a range), a scale
//! word ("million", "bn"), and a unit: a currency (sign, code or name, in
//! any of the region's currencies), percent (with what it is a share of),
//! tonnes, distances, troops ("3,000 Russian soldiers", "1,500-strong"),
//! people ("two million Armenians") or a count of things ("nine Russian
//! flights", "40 deaths").

use super::{Found, is, word};
use crate::candidate::{Detail, QuantityDetail, Unit};
use crate::gazetteer::{ActorMatch, TokKind, Token};

/// Number words (a whole number alone, or the tens of "forty-five").
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
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

/// Qualifiers before a number: the words, and what they make of it.
const QUALIFIERS: &[(&[&str], Bound)] = &[
    (&["more", "than"], Bound::Low),
    (&["at", "least"], Bound::Low),
    (&["no", "fewer", "than"], Bound::Low),
    (&["no", "less", "than"], Bound::Low),
    (&["in", "excess", "of"], Bound::Low),
    (&["upwards", "of"], Bound::Low),
    (&["over"], Bound::Low),
    (&["up", "to"], Bound::High),
    (&["as", "many", "as"], Bound::High),
    (&["less", "than"], Bound::High),
    (&["fewer", "than"], Bound::High),
    (&["at", "most"], Bound::High),
    (&["no", "more", "than"], Bound::High),
    (&["under"], Bound::High),
    (&["an", "estimated"], Bound::About),
    (&["approximately"], Bound::About),
    (&["about"], Bound::About),
    (&["around"], Bound::About),
    (&["roughly"], Bound::About),
    (&["nearly"], Bound::About),
    (&["almost"], Bound::About),
    (&["some"], Bound::About),
    (&["circa"], Bound::About),
    (&["cca"], Bound::About),
    (&["ca"], Bound::About),
    (&["~"], Bound::About),
];

/// What a qualifier makes of the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bound {
    /// The number is a lower bound ("more than 40").
    Low,
    /// An upper bound ("up to 5,000").
    High,
    /// About the number.
    About,
}

/// Words that may stand between a number and a troop noun ("3,000 Russian soldiers").
const TROOP_MODIFIERS: &[&str] = &[
    "military",
    "regular",
    "additional",
    "armed",
    "active",
    "more",
    "new",
    "combat",
    "contract",
    "foreign",
    "peacekeeping",
    "border",
    "elite",
];

/// Nouns that count soldiers (a headcount of a force).
const TROOP_NOUNS: &[&str] = &[
    "soldiers",
    "troops",
    "servicemen",
    "servicemembers",
    "personnel",
    "peacekeepers",
    "officers",
    "men",
    "guards",
    "marines",
    "paratroopers",
    "persons",
];

/// Nouns of things counted (a count's unit is the noun as written).
const COUNT_NOUNS: &[&str] = &[
    "flights",
    "flight",
    "sorties",
    "aircraft",
    "planes",
    "warplanes",
    "jets",
    "helicopters",
    "drones",
    "tanks",
    "vehicles",
    "warships",
    "ships",
    "submarines",
    "vessels",
    "missiles",
    "rockets",
    "launchers",
    "batteries",
    "divisions",
    "brigades",
    "battalions",
    "regiments",
    "bases",
    "base",
    "facilities",
    "airfields",
    "posts",
    "checkpoints",
    "exercises",
    "deaths",
    "dead",
    "casualties",
    "fatalities",
    "killed",
    "wounded",
    "injured",
    "refugees",
    "prisoners",
    "hostages",
    "detainees",
    "villages",
    "states",
    "countries",
    "members",
    "republics",
    "nations",
    "ms",
];

/// Modifiers between a number and a counted noun ("nine Russian flights", "two new bases").
const COUNT_MODIFIERS: &[&str] = &[
    "new",
    "more",
    "other",
    "additional",
    "military",
    "combat",
    "fighter",
    "attack",
    "transport",
    "nuclear",
    "ballistic",
    "cruise",
    "air",
    "naval",
    "civilian",
    "member",
    "former",
    "independent",
    "sovereign",
    "reconnaissance",
];

/// Currency names after a number (lower case) and their unit.
const CURRENCY_WORDS: &[(&str, Unit)] = &[
    ("dollars", Unit::Usd),
    ("dollar", Unit::Usd),
    ("usd", Unit::Usd),
    ("euros", Unit::Eur),
    ("euro", Unit::Eur),
    ("eur", Unit::Eur),
    ("pounds", Unit::Gbp),
    ("gbp", Unit::Gbp),
    ("roubles", Unit::Rub),
    ("rubles", Unit::Rub),
    ("rouble", Unit::Rub),
    ("ruble", Unit::Rub),
    ("rub", Unit::Rub),
    ("rbs", Unit::Rub),
    ("byn", Unit::Byn),
    ("drams", Unit::Amd),
    ("dram", Unit::Amd),
    ("amd", Unit::Amd),
    ("manats", Unit::Azn),
    ("manat", Unit::Azn),
    ("azn", Unit::Azn),
    ("lari", Unit::Gel),
    ("gel", Unit::Gel),
    ("hryvnias", Unit::Uah),
    ("hryvnia", Unit::Uah),
    ("hryvnas", Unit::Uah),
    ("uah", Unit::Uah),
    ("tenge", Unit::Kzt),
    ("kzt", Unit::Kzt),
    ("soms", Unit::Kgs),
    ("som", Unit::Kgs),
    ("kgs", Unit::Kgs),
    ("somoni", Unit::Tjs),
    ("tjs", Unit::Tjs),
    ("yuan", Unit::Cny),
    ("renminbi", Unit::Cny),
    ("cny", Unit::Cny),
    ("yen", Unit::Jpy),
    ("jpy", Unit::Jpy),
];

/// A quantity being read: its tokens, numbers, unit and what qualifies it.
struct Reading {
    first: usize,
    last: usize,
    amount: f64,
    high: Option<f64>,
    bound: Option<(Bound, String)>,
    unit: Unit,
    noun: Option<String>,
    share_of: Option<String>,
    of_state: Option<String>,
    confidence: f64,
    rule: &'static str,
}

/// A unit found after a number: the unit, the index of its last token,
/// the rule's confidence and name, the counted noun, the state whose troops
/// or people are counted.
struct UnitAt {
    unit: Unit,
    last: usize,
    confidence: f64,
    rule: &'static str,
    noun: Option<String>,
    of_state: Option<String>,
}

impl UnitAt {
    fn new(unit: Unit, last: usize, confidence: f64) -> UnitAt {
        UnitAt { unit, last, confidence, rule: "number + unit", noun: None, of_state: None }
    }
}

/// Every quantity among `tokens`; `actors` are the passage's gazetteer
/// matches (modifiers of troops and counted things, "two million Armenians").
pub(super) fn quantities(chars: &[char], tokens: &[Token], actors: &[ActorMatch]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut last: Option<Reading> = None;
    let mut i = 0;
    while i < tokens.len() {
        let q = quantity_at(chars, tokens, i, actors).or_else(|| elliptic(tokens, i, actors, last.as_ref()));
        match q {
            Some(q) => {
                i = q.last + 1;
                let f = found(chars, tokens, &q);
                last = Some(q);
                out.push(f);
            }
            None => i += 1,
        }
    }
    out
}

/// A number right after a state in a list that follows a headcount, with
/// the headcount's unit: "Russia providing 8,000 troops, Kazakhstan 4,000
/// and Tajikistan …" (within 80 characters of the previous quantity).
fn elliptic(tokens: &[Token], i: usize, actors: &[ActorMatch], prev: Option<&Reading>) -> Option<Reading> {
    let prev = prev.filter(|p| matches!(p.unit, Unit::Troops | Unit::People | Unit::Count))?;
    let t = tokens.get(i).filter(|t| t.kind == TokKind::Num && t.text.contains(','))?;
    let before = i.checked_sub(1).and_then(|b| tokens.get(b))?;
    let actor = actors.iter().find(|a| a.end == before.end && a.actor.kind == crate::gazetteer::ActorKind::State)?;
    if t.start - tokens[prev.last].end > 80 || word(tokens.get(i + 1)).len() > 3 && word(tokens.get(i + 1)) != "and" {
        return None;
    }
    Some(Reading {
        first: i,
        last: i,
        amount: parse_num(&t.text)?,
        high: None,
        bound: None,
        unit: prev.unit,
        noun: prev.noun.clone(),
        share_of: None,
        of_state: actor.actor.state.clone(),
        confidence: 0.6,
        rule: "number after a state, unit of the headcount before",
    })
}

/// Whether a quantity can start at this token: a number, a number word,
/// a qualifier's first word, a currency sign or code.
fn may_start_quantity(t: &Token) -> bool {
    match t.kind {
        TokKind::Num => true,
        TokKind::Punct => !t.text.chars().all(|c| c.is_ascii_punctuation()) || matches!(t.text.as_str(), "$" | "~"),
        TokKind::Word => {
            static STARTERS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
            let starters = STARTERS.get_or_init(|| {
                let mut s: rustc_hash::FxHashSet<&str> = NUMBER_WORDS.iter().map(|(w, _)| *w).collect();
                s.extend(QUALIFIERS.iter().map(|(ws, _)| ws[0]));
                s.extend(["a", "between"]);
                s
            });
            t.text.len() == 3 && t.text.chars().all(|c| c.is_ascii_uppercase())
                || t.text == "US"
                || starters.contains(t.lower())
        }
    }
}

/// The quantity that starts at token `i` (with its qualifier, if any).
fn quantity_at(chars: &[char], tokens: &[Token], i: usize, actors: &[ActorMatch]) -> Option<Reading> {
    if !may_start_quantity(&tokens[i]) {
        return None;
    }
    let (bound, k) = qualifier_at(tokens, i);
    let between = word(tokens.get(i)) == "between";
    let k = if between { i + 1 } else { k };
    let (currency, k_num) = currency_before(tokens, k);
    let (number, after) = number_at(tokens, k_num).filter(|_| !is_reference(tokens, k_num))?;
    let word_number = tokens[k_num].kind == TokKind::Word;
    let (high, after) = range_end(tokens, after, between).unwrap_or((None, after));
    if between && high.is_none() {
        return None;
    }
    let (scale, j, glued_scale) = scale_at(tokens, after);
    if glued_scale && currency.is_none() && !currency_after(tokens, j) {
        return None;
    }
    let unit = match currency {
        Some(u) => Some(UnitAt::new(u, j - 1, 0.9)),
        None => plain_unit(tokens, j, scale, actors).or_else(|| headcount(tokens, j, scale, &tokens[k_num], actors)),
    };
    let unit = unit?;
    // "over 300 kilometres" is a way across as often as more than one.
    let distance = matches!(unit.unit, Unit::Km | Unit::Km2 | Unit::Miles);
    let bound = bound.filter(|b| !(distance && matches!(b.1.as_str(), "over" | "under")));
    // Number words alone ("two", "nine") count only troops, people and things, not money or
    // distances; not "one", and not after "the", "these", "both" … ("the two countries").
    if word_number && scale == 1.0 {
        let prev = word(k_num.checked_sub(1).and_then(|p| tokens.get(p)));
        let definite = matches!(prev, "the" | "these" | "those" | "both" | "its" | "their" | "his" | "her" | "our");
        if !matches!(unit.unit, Unit::Troops | Unit::People | Unit::Count) || tokens[k_num].lower() == "one" || definite
        {
            return None;
        }
    }
    let first = if bound.is_some() || between {
        i
    } else if currency.is_some() {
        k
    } else {
        k_num
    };
    let share_of = (unit.unit == Unit::Percent).then(|| share_of(chars, tokens, unit.last + 1)).flatten();
    let bound = bound.or_else(|| between.then(|| (Bound::About, "between".to_string())));
    Some(Reading {
        first,
        last: unit.last,
        amount: number * scale,
        high: high.map(|h| h * scale),
        bound,
        unit: unit.unit,
        noun: unit.noun,
        share_of,
        of_state: unit.of_state,
        confidence: unit.confidence,
        rule: unit.rule,
    })
}

/// A qualifier at `i` ("more than", "up to", "about"), and the index after it.
fn qualifier_at(tokens: &[Token], i: usize) -> (Option<(Bound, String)>, usize) {
    for (words, bound) in QUALIFIERS {
        let fits = words.iter().enumerate().all(|(n, w)| tokens.get(i + n).is_some_and(|t| t.lower() == *w));
        let next = i + words.len();
        // "some", "over", "under" only before digits ("some 3,000", not "some troops").
        let digits_next = tokens.get(next).is_some_and(|t| t.kind == TokKind::Num)
            || (is(tokens.get(next), "$") || is(tokens.get(next), "€"));
        if fits && (words.len() > 1 || digits_next || !matches!(words[0], "some" | "over" | "under" | "ca")) {
            let next = if words[0] == "ca" && is(tokens.get(next), ".") { next + 1 } else { next };
            return (Some((*bound, words.join(" "))), next);
        }
    }
    (None, i)
}

/// The number token `k` starts: digits ("3,000", "1.5"), a number word
/// ("nine", "forty-five", "a dozen", "a million"); its value and the index after it.
fn number_at(tokens: &[Token], k: usize) -> Option<(f64, usize)> {
    let t = tokens.get(k)?;
    match t.kind {
        TokKind::Num => Some((parse_num(&t.text)?, k + 1)),
        TokKind::Word => {
            if t.lower() == "a" {
                let next = word(tokens.get(k + 1));
                return match next {
                    "dozen" => Some((12.0, k + 2)),
                    "million" | "billion" | "thousand" | "hundred" => Some((1.0, k + 1)),
                    _ => None,
                };
            }
            let (_, v) = NUMBER_WORDS.iter().find(|(w, _)| *w == t.lower())?;
            if *v >= 20.0
                && *v < 100.0
                && is(tokens.get(k + 1), "-")
                && let Some((_, u)) = tokens.get(k + 2).and_then(|u| NUMBER_WORDS.iter().find(|(w, _)| *w == u.lower()))
                && *u < 10.0
            {
                return Some((v + u, k + 3));
            }
            Some((*v, k + 1))
        }
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

/// The second end of a range after a number: "-5,000", "to 5,000", "and 5,000" (after "between").
fn range_end(tokens: &[Token], at: usize, between: bool) -> Option<(Option<f64>, usize)> {
    let joint = tokens.get(at)?;
    let ok = if between { joint.lower() == "and" } else { matches!(joint.text.as_str(), "-" | "–" | "to") };
    if !ok || tokens.get(at + 1).is_none_or(|t| t.kind != TokKind::Num) {
        return None;
    }
    let (v, next) = number_at(tokens, at + 1)?;
    Some((Some(v), next))
}

/// Page, article and issue references ("p. 286", "pp. 725-774", "No. 62", "Article 16").
fn is_reference(tokens: &[Token], i: usize) -> bool {
    let prev = |n: usize| i.checked_sub(n).and_then(|p| tokens.get(p));
    let before = if is(prev(1), ".") { word(prev(2)) } else { word(prev(1)) };
    matches!(before, "p" | "pp" | "no" | "vol" | "article" | "issue" | "chapter" | "para" | "section" | "nr" | "n")
}

/// A currency written before the number: a sign glued to it ("$300", "US$1bn",
/// "€2 million") or a code ("USD 300 million", "RUB 5bn"); the index of the number.
fn currency_before(tokens: &[Token], k: usize) -> (Option<Unit>, usize) {
    let Some(t) = tokens.get(k) else { return (None, k) };
    let sign = |s: &str| match s {
        "$" => Some(Unit::Usd),
        "€" => Some(Unit::Eur),
        "£" => Some(Unit::Gbp),
        "₽" => Some(Unit::Rub),
        "֏" => Some(Unit::Amd),
        "₼" => Some(Unit::Azn),
        "₾" => Some(Unit::Gel),
        "₴" => Some(Unit::Uah),
        "₸" => Some(Unit::Kzt),
        _ => None,
    };
    let num_after = |n: usize| tokens.get(n).is_some_and(|x| x.kind == TokKind::Num);
    if t.text == "US" && is(tokens.get(k + 1), "$") && num_after(k + 2) {
        return (Some(Unit::Usd), k + 2);
    }
    if let Some(u) = sign(&t.text).filter(|_| num_after(k + 1) && tokens[k + 1].start == t.end) {
        return (Some(u), k + 1);
    }
    let code = t.text.len() == 3 && t.text.chars().all(|c| c.is_ascii_uppercase());
    if code
        && num_after(k + 1)
        && let Some((_, u)) = CURRENCY_WORDS.iter().find(|(w, _)| *w == t.lower())
    {
        return (Some(*u), k + 1);
    }
    (None, k)
}

/// Whether a currency name follows at `j` ("300m roubles").
fn currency_after(tokens: &[Token], j: usize) -> bool {
    CURRENCY_WORDS.iter().any(|(w, _)| word(tokens.get(j)) == *w)
}

/// The scale word at `j` ("million", "bn", "thousand"; "m", "b", "k" only
/// glued to the number: "$300m"), its factor, the index after it and
/// whether it was a glued letter.
fn scale_at(tokens: &[Token], j: usize) -> (f64, usize, bool) {
    let glued = j > 0 && tokens.get(j).is_some_and(|t| t.start == tokens[j - 1].end);
    match word(tokens.get(j)) {
        "million" | "mln" | "mn" => (1e6, j + 1, false),
        "billion" | "bn" | "bln" => (1e9, j + 1, false),
        "trillion" | "tn" | "trn" => (1e12, j + 1, false),
        "thousand" => (1e3, j + 1, false),
        "m" if glued => (1e6, j + 1, true),
        "b" if glued => (1e9, j + 1, true),
        "k" if glued => (1e3, j + 1, true),
        _ => (1.0, j, false),
    }
}

/// A unit word (or sign) at `j`: percent, a currency name or code (after a
/// state's adjective: "Belarusian roubles"), tonnes, distances.
fn plain_unit(tokens: &[Token], j: usize, scale: f64, actors: &[ActorMatch]) -> Option<UnitAt> {
    let w = word(tokens.get(j));
    let w2 = word(tokens.get(j + 1));
    if is(tokens.get(j), "%") {
        return Some(UnitAt::new(Unit::Percent, j, 0.95));
    }
    if w == "percent" || w == "pct" || (w == "per" && w2 == "cent") {
        return Some(UnitAt::new(Unit::Percent, if w == "per" { j + 1 } else { j }, 0.95));
    }
    if w == "us" && w2 == "dollars" {
        return Some(UnitAt::new(Unit::Usd, j + 1, 0.9));
    }
    if w == "pounds" && w2 == "sterling" {
        return Some(UnitAt::new(Unit::Gbp, j + 1, 0.9));
    }
    if let Some((_, u)) = CURRENCY_WORDS.iter().find(|(c, _)| *c == w) {
        return Some(UnitAt::new(*u, j, 0.9));
    }
    // "3 billion Belarusian roubles"
    if let Some(a) = tokens.get(j).and_then(|t| actors.iter().find(|a| a.start == t.start))
        && matches!(w2, "roubles" | "rubles")
    {
        let unit = if a.actor.id == "BLR" { Unit::Byn } else { Unit::Rub };
        return Some(UnitAt::new(unit, j + 1, 0.9));
    }
    Some(if matches!(w, "tonnes" | "tons" | "tonne" | "ton" | "t") && !(w == "t" && scale == 1.0) {
        UnitAt::new(Unit::Tonnes, j, 0.9)
    } else if matches!(w, "kilometres" | "kilometers" | "kilometre" | "kilometer" | "km") {
        let area = is(tokens.get(j + 1), "2") || is(tokens.get(j + 1), "²");
        if area { UnitAt::new(Unit::Km2, j + 1, 0.9) } else { UnitAt::new(Unit::Km, j, 0.9) }
    } else if w == "square" && matches!(w2, "kilometres" | "kilometers" | "km") {
        UnitAt::new(Unit::Km2, j + 1, 0.9)
    } else if matches!(w, "miles" | "mile") {
        UnitAt::new(Unit::Miles, j, 0.85)
    } else {
        return None;
    })
}

/// Troops ("3,000 Russian soldiers", "4000 persons", "1,500-strong"),
/// people ("5,000 people", after a scale: "two million Armenians") and
/// counted things ("nine Russian flights", "40 deaths"), after up to two
/// modifiers (a state's adjective, "military", "new" …).
fn headcount(tokens: &[Token], j: usize, scale: f64, num: &Token, actors: &[ActorMatch]) -> Option<UnitAt> {
    let actor_at = |t: &Token| actors.iter().find(|a| a.start == t.start);
    let word_number = num.kind == TokKind::Word;
    let year_like = scale == 1.0 && super::year_of(num).is_some();
    // "1,500-strong", "300,000- strong"
    if is(tokens.get(j), "-") && word(tokens.get(j + 1)) == "strong" {
        return Some(UnitAt { rule: "number-strong", ..UnitAt::new(Unit::Troops, j + 1, 0.85) });
    }
    for skip in 0..=2 {
        let noun_t = tokens.get(j + skip);
        let noun = word(noun_t);
        let noun2 = word(tokens.get(j + skip + 1));
        let mods = &tokens[j..(j + skip).min(tokens.len())];
        let mods_ok = mods.iter().all(|m| {
            m.kind == TokKind::Word
                && (actor_at(m).is_some()
                    || TROOP_MODIFIERS.contains(&m.lower())
                    || COUNT_MODIFIERS.contains(&m.lower()))
        });
        if !mods_ok {
            return None;
        }
        let of_state = mods.iter().rev().find_map(|m| actor_at(m).and_then(|a| a.actor.state.clone()));
        if TROOP_NOUNS.contains(&noun) || (noun == "border" && noun2 == "guards") {
            // "men", "officers", "persons" spelled as number words are too loose ("two men").
            if word_number && scale == 1.0 && matches!(noun, "men" | "officers" | "persons") {
                return None;
            }
            let last = j + skip + usize::from(noun == "border");
            return Some(UnitAt { of_state, ..UnitAt::new(Unit::Troops, last, 0.85) });
        }
        if matches!(noun, "people" | "civilians" | "residents" | "inhabitants") {
            return Some(UnitAt { of_state, ..UnitAt::new(Unit::People, j + skip, 0.8) });
        }
        // States are counted in digits ("12 MS", not "two countries"); a year is no count ("from 2008 states").
        let statelike = matches!(noun, "states" | "countries" | "members" | "republics" | "nations" | "ms");
        if COUNT_NOUNS.contains(&noun)
            && noun_t.is_some_and(|t| !(t.text == "MS" && skip > 0))
            && !(statelike && word_number)
            && !year_like
        {
            let noun = if noun == "flight" { "flights".to_string() } else { noun.to_string() };
            return Some(UnitAt {
                rule: "number + counted noun",
                noun: Some(noun),
                of_state,
                ..UnitAt::new(Unit::Count, j + skip, 0.75)
            });
        }
        if skip == 0
            && scale > 1.0
            && let Some(a) = tokens.get(j).and_then(actor_at)
        {
            return Some(UnitAt { of_state: a.actor.state.clone(), ..UnitAt::new(Unit::People, j, 0.7) });
        }
    }
    None
}

/// What a percentage is a share of: the words after "of" up to a comma,
/// a clause word or six words ("94 per cent of its arms" → "its arms").
fn share_of(chars: &[char], tokens: &[Token], at: usize) -> Option<String> {
    if word(tokens.get(at)) != "of" {
        return None;
    }
    const STOP: &[&str] = &[
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "in", "from", "to", "by", "for", "since",
        "during", "with", "at", "on", "that", "which", "who", "while", "whereas", "than", "as", "and", "or", "but",
    ];
    let mut last = None;
    for (n, t) in tokens.iter().enumerate().skip(at + 1).take(6) {
        let punct = t.kind == TokKind::Punct && !matches!(t.text.as_str(), "-" | "’" | "'");
        if punct || STOP.contains(&t.lower()) {
            break;
        }
        last = Some(n);
    }
    let last = last?;
    Some(chars[tokens[at + 1].start..tokens[last].end].iter().collect())
}

/// The candidate of a quantity.
fn found(chars: &[char], tokens: &[Token], q: &Reading) -> Found {
    let (start, end) = (tokens[q.first].start, tokens[q.last].end);
    let show = |v: f64| if v.fract() == 0.0 { format!("{}", v as i64) } else { format!("{v}") };
    let amount = match q.high {
        Some(h) => format!("{}-{}", show(q.amount), show(h)),
        None => show(q.amount),
    };
    let unit = match &q.noun {
        Some(n) => n.clone(),
        None => q.unit.as_str().to_string(),
    };
    let (low, high) = match (&q.bound, q.high) {
        (_, Some(h)) => (Some(q.amount), Some(h)),
        (Some((Bound::Low, _)), None) => (Some(q.amount), None),
        (Some((Bound::High, _)), None) => (None, Some(q.amount)),
        _ => (None, None),
    };
    let confidence = if q.bound.is_some() { q.confidence - 0.05 } else { q.confidence };
    let detail = QuantityDetail {
        rule: q.rule.to_string(),
        amount: q.amount,
        unit: q.unit,
        text: chars[start..end].iter().collect(),
        noun: q.noun.clone(),
        approx: q.bound.as_ref().map(|b| b.1.clone()),
        low,
        high,
        share_of: q.share_of.clone(),
        doc_date: None,
    };
    let actors = q.of_state.iter().cloned().collect();
    Found::new(start, end, format!("{amount} {unit}"), actors, confidence, Detail::Quantity(detail))
}
