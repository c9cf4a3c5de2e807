//! Candidate facts from a passage: actors, dates and periods, quantities,
//! relations and attributed claims. Rules over tokens plus the gazetteer;
//! each candidate names the rule that produced it, so it can be explained.

use hegemony_core::PartialDate;
use serde::Serialize;

use crate::gazetteer::{ActorKind, ActorMatch, Gazetteer, NameKind, TokKind, Token, tokenize};

/// The kinds of candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Actor,
    Date,
    Quantity,
    Relation,
    Claim,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Actor, Kind::Date, Kind::Quantity, Kind::Relation, Kind::Claim];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Date => "date",
            Kind::Quantity => "quantity",
            Kind::Relation => "relation",
            Kind::Claim => "claim",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = String;
    fn from_str(s: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown candidate kind '{s}' (expected actor, date, quantity, relation or claim)"))
    }
}

/// One candidate, with offsets into the text it was found in (chars).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Found {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    /// The normalised value: `RUS`, `2016-11-14`, `2011/2020`, `../2044`,
    /// `94 percent`, `300000000 USD`, `agreement.signed`, `critical` …
    pub value: String,
    /// States concerned (registry codes).
    pub actors: Vec<String>,
    pub confidence: f64,
    /// Which rule fired, and kind-specific details (JSON object).
    pub detail: serde_json::Value,
}

/// What extraction needs besides the text.
pub struct Context<'a> {
    pub gazetteer: &'a Gazetteer,
    /// The document's date, for "October 29th" and "mid-November".
    pub doc_date: Option<PartialDate>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(w: &str) -> Option<(u8, bool)> {
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    let l = w.to_ascii_lowercase();
    if let Some(i) = MONTHS.iter().position(|m| *m == l) {
        return Some((i as u8 + 1, true));
    }
    let abbr = ["jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if l == "sept" {
        return Some((9, false));
    }
    abbr.iter().position(|a| !a.is_empty() && *a == l).map(|i| (i as u8 + 1, false))
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

fn year_of(t: &Token) -> Option<i32> {
    if t.kind != TokKind::Num || t.text.len() != 4 {
        return None;
    }
    t.text.parse::<i32>().ok().filter(|y| (1800..=2100).contains(y))
}

fn day_of(t: &Token) -> Option<u8> {
    if t.kind != TokKind::Num || t.text.len() > 2 {
        return None;
    }
    t.text.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

fn word(t: Option<&Token>) -> &str {
    t.filter(|t| t.kind == TokKind::Word).map(|t| t.lower.as_str()).unwrap_or("")
}

fn is(t: Option<&Token>, s: &str) -> bool {
    t.is_some_and(|t| t.text == s)
}

fn pd(y: i32, m: Option<u8>, d: Option<u8>) -> Option<String> {
    let s = match (m, d) {
        (Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}"),
    };
    s.parse::<PartialDate>().ok().map(|p| p.to_string())
}

/// Character ranges of URLs and e-mail-like runs (nothing is extracted there).
fn url_ranges(chars: &[char]) -> Vec<(usize, usize)> {
    let s: String = chars.iter().collect();
    let mut out = Vec::new();
    for pat in ["http://", "https://", "www."] {
        let mut from = 0;
        while let Some(p) = s[from..].find(pat) {
            let bs = from + p;
            let be = s[bs..].find(char::is_whitespace).map(|q| bs + q).unwrap_or(s.len());
            out.push((s[..bs].chars().count(), s[..be].chars().count()));
            from = be;
        }
    }
    out
}

/// Every candidate in `text` (a passage).
pub fn extract(text: &str, cx: &Context) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let urls = url_ranges(&chars);
    let tokens: Vec<Token> =
        tokenize(&chars).into_iter().filter(|t| !urls.iter().any(|&(a, b)| t.start >= a && t.end <= b)).collect();
    let mut out = Vec::new();
    let actors = cx.gazetteer.find(&chars, &tokens);
    for m in &actors {
        out.push(actor_candidate(m, &chars, &tokens));
    }
    let quantities = quantities(&chars, &tokens, &actors);
    let dates = dates(&tokens, cx, &quantities);
    out.extend(dates.iter().cloned());
    out.extend(quantities.iter().cloned());
    for (s, e) in sentences(&chars) {
        let in_s = |f: &Found| f.start >= s && f.end <= e;
        let sent_actors: Vec<&ActorMatch> = actors.iter().filter(|m| m.start >= s && m.end <= e).collect();
        let sent_dates: Vec<&Found> = dates.iter().filter(|f| in_s(f)).collect();
        out.extend(relations(&chars, &tokens, s, e, &sent_actors, &sent_dates));
        out.extend(inline_claims(&chars, &tokens, s, e, &sent_actors, &sent_dates));
    }
    out.extend(expert_headers(&chars, &tokens, cx));
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.kind.cmp(&b.kind)).then(b.end.cmp(&a.end)));
    out
}

/// Only the dates of `text` (no gazetteer), e.g. to find a document's date.
pub fn dates_only(text: &str, doc_date: Option<PartialDate>) -> Vec<Found> {
    let chars: Vec<char> = text.chars().collect();
    let urls = url_ranges(&chars);
    let tokens: Vec<Token> =
        tokenize(&chars).into_iter().filter(|t| !urls.iter().any(|&(a, b)| t.start >= a && t.end <= b)).collect();
    let g = Gazetteer::default();
    let q = quantities(&chars, &tokens, &[]);
    dates(&tokens, &Context { gazetteer: &g, doc_date }, &q)
}

fn actor_candidate(m: &ActorMatch, chars: &[char], tokens: &[Token]) -> Found {
    // A capital after "in", "at", "from" is a place; otherwise it stands for the state.
    let before = tokens.iter().rev().find(|t| t.end <= m.start).map(|t| t.lower.clone()).unwrap_or_default();
    let place_use = m.name_kind == NameKind::Metonym && matches!(before.as_str(), "in" | "at" | "from" | "near" | "to");
    let (value, kind, conf, rule) = match (m.actor.kind, m.name_kind) {
        (ActorKind::State, NameKind::Metonym) if place_use => {
            let surface: String = chars[m.start..m.end].iter().collect();
            (format!("place:{}", crate::gazetteer::slug(&surface)), "place", 0.8, "gazetteer: capital as a place")
        }
        (ActorKind::State, NameKind::Metonym) => (m.actor.id.clone(), "state", 0.8, "gazetteer: metonym"),
        (ActorKind::State, NameKind::Adjective) => (m.actor.id.clone(), "state", 0.75, "gazetteer: adjective"),
        (k, _) => (m.actor.id.clone(), k.as_str(), 0.95, "gazetteer: name"),
    };
    Found {
        kind: Kind::Actor,
        start: m.start,
        end: m.end,
        value,
        actors: m.actor.state.iter().cloned().collect(),
        confidence: conf,
        detail: serde_json::json!({ "rule": rule, "actor_kind": kind, "label": m.actor.label }),
    }
}

fn quantities(chars: &[char], tokens: &[Token], actors: &[ActorMatch]) -> Vec<Found> {
    let mut out = Vec::new();
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
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let currency_before =
            i > 0 && matches!(tokens[i - 1].text.as_str(), "$" | "€" | "£") && tokens[i - 1].end == t.start;
        let (mut value, mut j) = match t.kind {
            TokKind::Num => match parse_num(&t.text) {
                Some(v) => (v, i + 1),
                None => {
                    i += 1;
                    continue;
                }
            },
            TokKind::Word => match NUMBER_WORDS.iter().find(|(w, _)| *w == t.lower) {
                // Only with a scale word after it: "two million".
                Some(&(_, v)) if matches!(word(tokens.get(i + 1)), "million" | "billion" | "thousand") => (v, i + 1),
                _ => {
                    i += 1;
                    continue;
                }
            },
            TokKind::Punct => {
                i += 1;
                continue;
            }
        };
        // Page references "p. 286", "pp. 725-774" and list numbers are not quantities.
        let prev = word(tokens.get(i.wrapping_sub(1)).filter(|_| i > 0));
        let prev2 = if i >= 2 { word(tokens.get(i - 2)) } else { "" };
        if (prev2 == "p" || prev2 == "pp") && is(tokens.get(i.wrapping_sub(1)), ".") {
            i += 1;
            continue;
        }
        let _ = prev;
        let start_tok = if currency_before { i - 1 } else { i };
        let mut scale = 1.0;
        match word(tokens.get(j)) {
            "million" | "mln" | "m" if !word(tokens.get(j)).is_empty() => {
                scale = 1e6;
                j += 1;
            }
            "billion" | "bn" => {
                scale = 1e9;
                j += 1;
            }
            "thousand" => {
                scale = 1e3;
                j += 1;
            }
            _ => {}
        }
        value *= scale;
        let w = word(tokens.get(j));
        let w2 = word(tokens.get(j + 1));
        let mut unit: Option<(&str, usize, f64)> = None; // (unit, tokens used after j, confidence)
        let mut of_state: Option<String> = None;
        if currency_before {
            let u = match tokens[i - 1].text.as_str() {
                "$" => "USD",
                "€" => "EUR",
                _ => "GBP",
            };
            unit = Some((u, 0, 0.9));
        } else if is(tokens.get(j), "%") {
            unit = Some(("percent", 1, 0.95));
        } else if w == "percent" || w == "pct" || (w == "per" && w2 == "cent") {
            unit = Some(("percent", if w == "per" { 2 } else { 1 }, 0.95));
        } else if matches!(w, "dollars" | "usd") || (w == "us" && w2 == "dollars") {
            unit = Some(("USD", if w == "us" { 2 } else { 1 }, 0.9));
        } else if matches!(w, "euros" | "eur") {
            unit = Some(("EUR", 1, 0.9));
        } else if matches!(w, "roubles" | "rubles" | "rub") {
            unit = Some(("RUB", 1, 0.9));
        } else if matches!(w, "tonnes" | "tons" | "tonne" | "ton" | "t") && !(w == "t" && scale == 1.0) {
            unit = Some(("tonnes", 1, 0.9));
        } else if matches!(w, "kilometres" | "kilometers" | "kilometre" | "kilometer" | "km") {
            let area = is(tokens.get(j + 1), "2") || is(tokens.get(j + 1), "²");
            let used = if area { 2 } else { 1 };
            unit = Some((if area { "km2" } else { "km" }, used, 0.9));
        } else if w == "square" && matches!(w2, "kilometres" | "kilometers" | "km") {
            unit = Some(("km2", 2, 0.9));
        } else if matches!(w, "miles" | "mile") {
            unit = Some(("miles", 1, 0.85));
        } else {
            // Troops: up to two modifiers ("Russian", "military", "regular") before the noun.
            for skip in 0..=2 {
                let noun = word(tokens.get(j + skip));
                let noun2 = word(tokens.get(j + skip + 1));
                let mods_ok = (0..skip).all(|k| {
                    let m = tokens.get(j + k);
                    m.is_some_and(|m| {
                        m.kind == TokKind::Word
                            && (actors.iter().any(|a| a.start == m.start)
                                || matches!(
                                    m.lower.as_str(),
                                    "military" | "regular" | "additional" | "armed" | "active" | "more" | "russian"
                                ))
                    })
                });
                if !mods_ok {
                    break;
                }
                let troop_noun = matches!(
                    noun,
                    "soldiers" | "troops" | "servicemen" | "personnel" | "peacekeepers" | "officers" | "men" | "guards"
                ) || (noun == "border" && noun2 == "guards");
                if troop_noun {
                    for k in 0..skip {
                        if let Some(a) = actors.iter().find(|a| a.start == tokens[j + k].start) {
                            of_state = a.actor.state.clone();
                        }
                    }
                    unit = Some(("troops", skip + if noun == "border" { 2 } else { 1 }, 0.85));
                    break;
                }
                if skip == 0 && scale > 1.0 {
                    // "two million Armenians": people of a state.
                    if let Some(a) = actors.iter().find(|a| tokens.get(j).is_some_and(|t| t.start == a.start)) {
                        of_state = a.actor.state.clone();
                        unit = Some(("people", 1, 0.7));
                        break;
                    }
                }
            }
        }
        if let Some((u, used, conf)) = unit {
            let last = if used == 0 { j - 1 } else { j + used - 1 };
            let (start, end) = (tokens[start_tok].start, tokens[last].end);
            let amount = if value.fract() == 0.0 { format!("{}", value as i64) } else { format!("{value}") };
            out.push(Found {
                kind: Kind::Quantity,
                start,
                end,
                value: format!("{amount} {u}"),
                actors: of_state.iter().cloned().collect(),
                confidence: conf,
                detail: serde_json::json!({
                    "rule": "number + unit",
                    "amount": value,
                    "unit": u,
                    "text": chars[start..end].iter().collect::<String>(),
                }),
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out
}

fn dates(tokens: &[Token], cx: &Context, quantities: &[Found]) -> Vec<Found> {
    let mut out = Vec::new();
    let doc_year = cx.doc_date.map(|d| d.year);
    let in_quantity = |t: &Token| quantities.iter().any(|q| t.start >= q.start && t.end <= q.end);
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if in_quantity(t) {
            i += 1;
            continue;
        }
        let push = |out: &mut Vec<Found>, a: usize, b: usize, value: String, conf: f64, rule: &str| {
            out.push(Found {
                kind: Kind::Date,
                start: tokens[a].start,
                end: tokens[b].end,
                value,
                actors: vec![],
                confidence: conf,
                detail: serde_json::json!({ "rule": rule }),
            });
        };
        let w = word(Some(t));
        // (early|mid|late)-Month [Year]
        if matches!(w, "mid" | "early" | "late") {
            let k = if is(tokens.get(i + 1), "-") { i + 2 } else { i + 1 };
            if let Some((m, _)) = tokens.get(k).filter(|x| x.kind == TokKind::Word).and_then(|x| month_of(&x.text)) {
                let (year, last, rel) = match tokens.get(k + 1).and_then(year_of) {
                    Some(y) => (Some(y), k + 1, false),
                    None => (doc_year, k, true),
                };
                if let Some(v) = year.and_then(|y| pd(y, Some(m), None)) {
                    let conf = if rel { 0.7 } else { 0.85 };
                    push(
                        &mut out,
                        i,
                        last,
                        v,
                        conf,
                        if rel { "part of a month, year of the document" } else { "part of a month" },
                    );
                    i = last + 1;
                    continue;
                }
            }
            // "the early 1990s", "early 2010s"
            if let Some(dec) = tokens.get(k).filter(|x| x.kind == TokKind::Num && x.text.len() == 4)
                && is(tokens.get(k + 1), "s")
                && let Some(y) = year_of(dec)
            {
                let (a, b) = match w {
                    "early" => (y, y + 3),
                    "mid" => (y + 3, y + 6),
                    _ => (y + 6, y + 9),
                };
                push(&mut out, i, k + 1, format!("{a}/{b}"), 0.75, "part of a decade");
                i = k + 2;
                continue;
            }
        }
        // Month [.] Day [th] [,] [Year]
        if t.kind == TokKind::Word
            && let Some((m, full)) = month_of(&t.text)
            && (full || is(tokens.get(i + 1), "."))
            && (t.text != "May" || tokens.get(i + 1).is_some_and(|x| x.kind == TokKind::Num))
            && t.text.chars().next().is_some_and(char::is_uppercase)
        {
            let mut k = i + 1;
            if is(tokens.get(k), ".") {
                k += 1;
            }
            if let Some(d) = tokens.get(k).and_then(day_of) {
                let mut last = k;
                if matches!(word(tokens.get(k + 1)), "th" | "st" | "nd" | "rd") && tokens[k + 1].start == tokens[k].end
                {
                    last = k + 1;
                }
                let mut y_at = last + 1;
                if is(tokens.get(y_at), ",") {
                    y_at += 1;
                }
                if let Some(y) = tokens.get(y_at).and_then(year_of) {
                    if let Some(v) = pd(y, Some(m), Some(d)) {
                        push(&mut out, i, y_at, v, 0.95, "month day, year");
                        i = y_at + 1;
                        continue;
                    }
                } else if let Some(v) = doc_year.and_then(|y| pd(y, Some(m), Some(d))) {
                    push(&mut out, i, last, v, 0.7, "month day, year of the document");
                    i = last + 1;
                    continue;
                }
            }
            // Month [,] Year
            let mut y_at = i + 1;
            if is(tokens.get(y_at), ",") || is(tokens.get(y_at), ".") {
                y_at += 1;
            }
            if let Some(y) = tokens.get(y_at).and_then(year_of)
                && let Some(v) = pd(y, Some(m), None)
            {
                // A footnote year "April 20013" was split off at normalisation.
                push(&mut out, i, y_at, v, 0.9, "month year");
                i = y_at + 1;
                continue;
            }
        }
        // Day [th] [of] Month [,] [Year]
        if let Some(d) = day_of(t) {
            let mut k = i + 1;
            if matches!(word(tokens.get(k)), "th" | "st" | "nd" | "rd") && tokens[k].start == t.end {
                k += 1;
            }
            if word(tokens.get(k)) == "of" {
                k += 1;
            }
            if let Some((m, full)) = tokens.get(k).filter(|x| x.kind == TokKind::Word).and_then(|x| month_of(&x.text))
                && (full || is(tokens.get(k + 1), "."))
                && tokens[k].text.chars().next().is_some_and(char::is_uppercase)
            {
                let mut y_at = k + 1;
                if is(tokens.get(y_at), ",") || is(tokens.get(y_at), ".") {
                    y_at += 1;
                }
                if let Some(y) = tokens.get(y_at).and_then(year_of) {
                    if let Some(v) = pd(y, Some(m), Some(d)) {
                        push(&mut out, i, y_at, v, 0.95, "day month year");
                        i = y_at + 1;
                        continue;
                    }
                } else if let Some(v) = doc_year.and_then(|y| pd(y, Some(m), Some(d))) {
                    push(&mut out, i, k, v, 0.7, "day month, year of the document");
                    i = k + 1;
                    continue;
                }
            }
        }
        // dd.mm.yyyy
        if t.kind == TokKind::Num && t.text.matches('.').count() == 2 {
            let parts: Vec<&str> = t.text.split('.').collect();
            if let (Ok(d), Ok(m), Ok(y)) = (parts[0].parse::<u8>(), parts[1].parse::<u8>(), parts[2].parse::<i32>())
                && parts[2].len() == 4
                && let Some(v) = pd(y, Some(m), Some(d))
            {
                push(&mut out, i, i, v, 0.9, "dd.mm.yyyy");
                i += 1;
                continue;
            }
        }
        // Periods: from/between Y to/and Y; Y-Y; since/until Y.
        if matches!(w, "from" | "between")
            && let Some(y1) = tokens.get(i + 1).and_then(year_of)
        {
            let conn = word(tokens.get(i + 2));
            let ok = if w == "from" { matches!(conn, "to" | "till" | "until" | "through") } else { conn == "and" };
            if ok && let Some(y2) = tokens.get(i + 3).and_then(year_of).filter(|&y2| y2 >= y1) {
                push(&mut out, i, i + 3, format!("{y1}/{y2}"), 0.9, "from year to year");
                i += 4;
                continue;
            }
        }
        if let Some(y1) = year_of(t)
            && tokens.get(i + 1).is_some_and(|x| matches!(x.text.as_str(), "-" | "–" | "—") && x.start == t.end)
            && let Some(y2) = tokens.get(i + 2).and_then(year_of).filter(|&y2| y2 > y1)
        {
            push(&mut out, i, i + 2, format!("{y1}/{y2}"), 0.85, "year-year");
            i += 3;
            continue;
        }
        if matches!(w, "until" | "till" | "through" | "since")
            && let Some(y) = tokens.get(i + 1).and_then(year_of)
        {
            let v = if w == "since" { format!("{y}/..") } else { format!("../{y}") };
            push(&mut out, i, i + 1, v, 0.9, if w == "since" { "since year" } else { "until year" });
            i += 2;
            continue;
        }
        if let Some(y) = year_of(t) {
            // "the 1990s"
            if is(tokens.get(i + 1), "s") && tokens[i + 1].start == t.end {
                push(&mut out, i, i + 1, format!("{y}/{}", y + 9), 0.8, "decade");
                i += 2;
                continue;
            }
            let prev = if i > 0 { tokens[i - 1].text.as_str() } else { "" };
            if !matches!(prev, "p" | "pp" | "No" | "N" | "№") {
                push(&mut out, i, i, format!("{y}"), 0.8, "year");
            }
        }
        i += 1;
    }
    out
}

/// Sentence ranges (chars) of a passage.
pub fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    const ABBR: &[&str] = &[
        "nov", "dec", "jan", "feb", "aug", "sept", "sep", "oct", "mr", "mrs", "dr", "prof", "st", "no", "vol", "pp",
        "p", "cf", "etc", "op", "cit", "ed", "eds", "al", "vs", "cca", "gen", "col", "lt", "ref",
    ];
    let mut out = Vec::new();
    let mut s = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let end_here = if c == '\n' {
            true
        } else if matches!(c, '.' | '?' | '!') {
            let next_space = chars.get(i + 1).is_none_or(|n| n.is_whitespace() || matches!(n, '”' | '"' | ')'));
            let mut k = i + 1;
            while k < chars.len() && (chars[k].is_whitespace() || matches!(chars[k], '”' | '"' | ')')) {
                k += 1;
            }
            let next_upper = chars.get(k).is_none_or(|n| n.is_uppercase() || n.is_ascii_digit() || *n == '•');
            let mut w = i;
            while w > 0 && chars[w - 1].is_alphabetic() {
                w -= 1;
            }
            let word: String = chars[w..i].iter().collect::<String>().to_lowercase();
            let initial = i - w == 1 && chars[w].is_uppercase();
            c != '.' || (next_space && next_upper && !ABBR.contains(&word.as_str()) && !initial)
        } else {
            false
        };
        if end_here {
            let e = if c == '\n' { i } else { i + 1 };
            if chars[s..e].iter().any(|c| !c.is_whitespace()) {
                out.push(trim(chars, s, e));
            }
            s = i + 1;
        }
        i += 1;
    }
    if s < chars.len() && chars[s..].iter().any(|c| !c.is_whitespace()) {
        out.push(trim(chars, s, chars.len()));
    }
    out
}

fn trim(chars: &[char], mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && chars[a].is_whitespace() {
        a += 1;
    }
    while b > a && chars[b - 1].is_whitespace() {
        b -= 1;
    }
    (a, b)
}

/// Relation types and their trigger words (lower case, matched as word
/// prefixes where they end in '*').
const TRIGGERS: &[(&str, &[&str])] = &[
    ("agreement.signed", &["signed", "signing", "sign", "concluded", "signature"]),
    ("agreement.ratified", &["ratified", "ratification", "ratify", "ratifies"]),
    ("agreement.extended", &["extended", "prolonged", "prolongation", "extension"]),
    ("membership.joined", &["joined", "join", "joins", "accession", "acceded", "admitted", "entered"]),
    ("membership.frozen", &["froze", "frozen", "freeze", "freezes", "suspended"]),
    ("membership.left", &["withdrew", "withdrawal", "left", "leave", "quit", "exit"]),
    (
        "presence.deployment",
        &["deployed", "deployment", "stationed", "base", "bases", "airbase", "deploy", "deploying", "presence"],
    ),
    (
        "event.delivery",
        &["delivered", "delivery", "deliveries", "supplied", "supplies", "sold", "sales", "purchase", "buy", "exports"],
    ),
    ("provision.command", &["commanded", "command"]),
    ("provision.border_guarding", &["patrol", "patrols", "patrolling", "guard", "guarding", "border"]),
    ("provision.mutual_defence", &["mutual", "attack"]),
    ("provision.unified_air_defence", &["air"]),
    ("provision.joint_forces", &["joint", "united", "unified", "combined"]),
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

fn negated(words: &[String], ti: usize) -> bool {
    words[ti.saturating_sub(4)..ti].iter().any(|w| NEGATORS.contains(&w.as_str()))
}

fn relations(
    chars: &[char],
    tokens: &[Token],
    s: usize,
    e: usize,
    actors: &[&ActorMatch],
    dates: &[&Found],
) -> Vec<Found> {
    let toks: Vec<&Token> = tokens.iter().filter(|t| t.start >= s && t.end <= e).collect();
    let words: Vec<String> = toks.iter().map(|t| t.lower.clone()).collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    let has_prefix = |p: &str| words.iter().any(|x| x.starts_with(p));
    let legal = has_prefix("agreement")
        || has_prefix("treat")
        || has("decree")
        || has_prefix("accord")
        || has("protocol")
        || has("memorandum")
        || has("charter")
        || has("deal")
        || has("contract");
    let orgs: Vec<&&ActorMatch> = actors.iter().filter(|m| m.actor.kind == ActorKind::Organisation).collect();
    let mut states: Vec<String> = Vec::new();
    for m in actors {
        if let Some(st) = &m.actor.state
            && matches!(m.actor.kind, ActorKind::State | ActorKind::Person | ActorKind::Agency | ActorKind::Unit)
            && !states.contains(st)
        {
            states.push(st.clone());
        }
    }
    let mut out = Vec::new();
    for (rel, trig) in TRIGGERS {
        // The first trigger word of this relation whose conditions hold.
        let found_at = (0..words.len()).filter(|&i| trig.contains(&words[i].as_str())).find(|&ti| {
            let next = words.get(ti + 1).map(String::as_str).unwrap_or("");
            let prev = if ti > 0 { words[ti - 1].as_str() } else { "" };
            match *rel {
                "agreement.signed" | "agreement.ratified" => legal,
                "agreement.extended" => legal && (has("until") || has("till") || has_prefix("year")),
                "membership.joined" | "membership.frozen" | "membership.left" => {
                    // An organisation named within six tokens after the trigger.
                    let after = toks.get(ti + 7).map(|t| t.start).unwrap_or(e);
                    orgs.iter().any(|m| m.start > toks[ti].start && m.start < after)
                        && !(words[ti] == "frozen" && next == "conflict")
                        && (words[ti] != "left" || matches!(next, "the" | "its"))
                        && !(words[ti] == "entered" && next != "the")
                }
                "presence.deployment" => {
                    (words[ti].starts_with("deploy") || words[ti] == "stationed")
                        || (words[ti] == "presence" && prev == "military")
                        || (matches!(words[ti].as_str(), "base" | "bases" | "airbase")
                            && (prev == "military" || prev == "air" || has("troops") || prev == "russian"))
                }
                "event.delivery" => {
                    has_prefix("arm")
                        || has_prefix("weapon")
                        || has_prefix("equipment")
                        || has("gas")
                        || has_prefix("missile")
                        || ((has("defence") || has("defense")) && has_prefix("system"))
                        || has("tanks")
                        || has("aircraft")
                        || has("helicopters")
                }
                "provision.command" => {
                    has("joint") || has("unified") || has("wartime") || has("peacetime") || has("combined")
                }
                "provision.border_guarding" => {
                    (words[ti] == "border" && matches!(next, "guards" | "troops" | "guard"))
                        || (words[ti].starts_with("patrol") || words[ti].starts_with("guard")) && has_prefix("border")
                }
                "provision.mutual_defence" => {
                    // "mutual defence/assistance", or the collective-defence formula: "an
                    // attack on one (party) shall be considered an attack on all (both)".
                    let attacks = words.iter().filter(|w| w.starts_with("attack")).count();
                    if words[ti] == "mutual" {
                        matches!(next, "defense" | "defence" | "assistance") || (has("attack") && has("treated"))
                    } else {
                        attacks >= 2 && (has("all") || has("both") || has("considered") || has("regarded"))
                    }
                }
                "provision.unified_air_defence" => {
                    matches!(next, "defense" | "defence")
                        && (has("unified")
                            || has("united")
                            || has("unite")
                            || has("joint")
                            || has("regional")
                            || has("common")
                            || has("joined")
                            || has("integrated"))
                }
                "provision.joint_forces" => {
                    // "joint Russian-Armenian military force", "joint group of forces", "united group".
                    let mut ok = false;
                    for (k, w) in words.iter().enumerate().skip(ti + 1).take(6) {
                        if matches!(
                            w.as_str(),
                            "force" | "forces" | "unit" | "contingent" | "group" | "grouping" | "army"
                        ) {
                            ok = true;
                            break;
                        }
                        // Fillers: "-", a few nouns' modifiers, proper adjectives ("Russian-Armenian").
                        let filler = matches!(
                            w.as_str(),
                            "-" | "military" | "regional" | "of" | "armed" | "defense" | "defence"
                        ) || toks[k].text.chars().next().is_some_and(char::is_uppercase)
                            || actors.iter().any(|a| {
                                a.name_kind == NameKind::Adjective
                                    && a.actor.kind == ActorKind::State
                                    && chars[a.start..a.end].iter().collect::<String>().to_lowercase() == *w
                            });
                        if !filler {
                            break;
                        }
                    }
                    ok
                }
                _ => false,
            }
        });
        let Some(ti) = found_at else { continue };
        if negated(&words, ti) {
            continue;
        }
        let trig_tok = toks[ti];
        let mut parties = states.clone();
        if rel.starts_with("membership") && parties.len() > 1 {
            // The member is the state named last before the trigger ("since Yerevan joined …").
            let before = actors
                .iter()
                .rfind(|m| m.end <= trig_tok.start && m.actor.kind == ActorKind::State)
                .and_then(|m| m.actor.state.clone());
            parties = vec![before.unwrap_or_else(|| states[0].clone())];
        }
        let date = dates.first().map(|d| d.value.clone());
        let org = orgs.first().map(|m| m.actor.id.clone());
        let conf = 0.45 + 0.15 * (parties.len().min(2) as f64) + if date.is_some() { 0.1 } else { 0.0 };
        out.push(Found {
            kind: Kind::Relation,
            start: s,
            end: e,
            value: rel.to_string(),
            actors: parties.clone(),
            confidence: (conf * 100.0).round() / 100.0,
            detail: serde_json::json!({
                "rule": format!("trigger '{}' in a sentence", chars[trig_tok.start..trig_tok.end].iter().collect::<String>()),
                "trigger": [trig_tok.start, trig_tok.end],
                "parties": parties,
                "org": org,
                "date": date,
            }),
        });
    }
    out
}

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
pub fn stance_of(words: &[String]) -> (&'static str, serde_json::Value) {
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
    (stance, serde_json::json!({ "critical": c, "concerned": k, "supportive": s }))
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
fn inline_claims(
    chars: &[char],
    tokens: &[Token],
    s: usize,
    e: usize,
    actors: &[&ActorMatch],
    dates: &[&Found],
) -> Vec<Found> {
    let toks: Vec<&Token> = tokens.iter().filter(|t| t.start >= s && t.end <= e).collect();
    let lower: Vec<String> = toks.iter().map(|t| t.lower.clone()).collect();
    let speaker = speech_verb_speaker(chars, &toks, &lower, actors)
        .or_else(|| according_to_speaker(chars, &toks, &lower))
        .or_else(|| group_speaker(chars, &toks, &lower));
    let Some((name, rule)) = speaker else { return vec![] };
    let (stance, counts) = stance_of(&lower);
    let about: Vec<String> = {
        let mut v: Vec<String> = Vec::new();
        for a in actors {
            if let Some(st) = &a.actor.state
                && !v.contains(st)
            {
                v.push(st.clone());
            }
        }
        v
    };
    vec![Found {
        kind: Kind::Claim,
        start: s,
        end: e,
        value: stance.to_string(),
        actors: about,
        confidence: 0.6,
        detail: serde_json::json!({
            "rule": rule,
            "speaker": name,
            "affiliation": null,
            "date": dates.first().map(|d| d.value.clone()),
            "lexicon": counts,
        }),
    }]
}

/// "As D. Lake notes, …", "Yurii Godin in his article from 2008 states, that …".
fn speech_verb_speaker(
    chars: &[char],
    toks: &[&Token],
    lower_all: &[String],
    actors: &[&ActorMatch],
) -> Option<(String, String)> {
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
    if actors.iter().any(|a| a.start <= toks[ns].start && a.end >= toks[ne].end && a.actor.kind != ActorKind::Person) {
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
fn according_to_speaker(chars: &[char], toks: &[&Token], lower: &[String]) -> Option<(String, String)> {
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
fn group_speaker(chars: &[char], toks: &[&Token], lower: &[String]) -> Option<(String, String)> {
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

/// Expert comments: "RICHARD GIRAGOSIAN, Director of the Regional Studies
/// Center …" opens a section; the claim is the section's stance.
fn expert_headers(chars: &[char], tokens: &[Token], cx: &Context) -> Vec<Found> {
    let caps =
        |t: &Token| t.kind == TokKind::Word && t.text.chars().count() >= 2 && t.text.chars().all(char::is_uppercase);
    let mut heads: Vec<(usize, usize, String, usize)> = Vec::new(); // (token start, comma token, name, name-start char)
    let mut i = 0;
    while i < tokens.len() {
        let mut k = i;
        // optional title "DR." / "PROF."
        if matches!(tokens[k].text.as_str(), "DR" | "PROF" | "Dr" | "Prof") && is(tokens.get(k + 1), ".") {
            k += 2;
        }
        let name_start = k;
        while k < tokens.len() && caps(&tokens[k]) && !matches!(tokens[k].text.as_str(), "DR" | "PROF") {
            k += 1;
        }
        let n = k - name_start;
        let at_start = i == 0
            || tokens[i - 1].kind == TokKind::Punct
                && matches!(tokens[i - 1].text.as_str(), "." | "?" | "!" | "”" | ":")
            || chars[tokens[i - 1].end..tokens[i].start].contains(&'\n');
        if (2..=4).contains(&n) && is(tokens.get(k), ",") && at_start {
            // Not an acronym list ("CIS, CSTO"): every name word has a vowel and 2+ letters.
            let name: Vec<String> = tokens[name_start..k]
                .iter()
                .map(|t| {
                    let l = t.text.to_lowercase();
                    let mut c = l.chars();
                    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
                })
                .collect();
            if name.iter().all(|w| w.chars().any(|c| "aeiouyAEIOUY".contains(c)) && w.len() >= 3) {
                heads.push((i, k, name.join(" "), tokens[i].start));
            }
            i = k + 1;
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    for (h, &(_, comma, ref name, start)) in heads.iter().enumerate() {
        // Affiliation: after the comma, to the first sentence end or line end.
        let aff_start = tokens[comma].end;
        let mut aff_end = aff_start;
        let mut j = aff_start;
        while j < chars.len() && j - aff_start < 160 {
            if chars[j] == '\n'
                || (chars[j] == '.'
                    && chars.get(j + 1).is_none_or(|c| c.is_whitespace())
                    && !(j >= 2 && chars[j - 2] == ' ' || chars[j - 1] == 't' && chars[j - 2] == 'S'))
            {
                break;
            }
            j += 1;
            aff_end = j;
        }
        let affiliation: String = chars[aff_start..aff_end].iter().collect::<String>().trim().to_string();
        let section_end = heads.get(h + 1).map(|x| x.3).unwrap_or(chars.len());
        let words: Vec<String> =
            tokens.iter().filter(|t| t.start >= aff_end && t.end <= section_end).map(|t| t.lower.clone()).collect();
        let (stance, counts) = stance_of(&words);
        let section_chars = &chars[aff_end.min(section_end)..section_end];
        let sec_tokens = tokenize(section_chars);
        let mut about: Vec<String> = Vec::new();
        for m in cx.gazetteer.find(section_chars, &sec_tokens) {
            if m.actor.kind == ActorKind::State && !about.contains(&m.actor.id) {
                about.push(m.actor.id.clone());
            }
        }
        let header_end = aff_end.max(tokens[comma].end);
        out.push(Found {
            kind: Kind::Claim,
            start,
            end: header_end,
            value: stance.to_string(),
            actors: about,
            confidence: 0.7,
            detail: serde_json::json!({
                "rule": "expert header (NAME, affiliation) and the stance of the section below it",
                "speaker": name,
                "affiliation": affiliation,
                "date": cx.doc_date.map(|d| d.to_string()),
                "section": [aff_end, section_end],
                "lexicon": counts,
            }),
        });
    }
    out
}

/// Expert headers open sections that run across passages: the stance and
/// the states of each such claim are taken from its whole section (up to the
/// next header), not only from the header's passage. `passages` are the main
/// text's passages in order, `found` their candidates.
pub fn expert_sections(passages: &[&str], found: &mut [Vec<Found>], gaz: &Gazetteer) {
    let mut heads: Vec<(usize, usize)> = Vec::new();
    for (pi, fs) in found.iter().enumerate().take(passages.len()) {
        for (fi, f) in fs.iter().enumerate() {
            if f.kind == Kind::Claim && f.detail["rule"].as_str().is_some_and(|r| r.starts_with("expert header")) {
                heads.push((pi, fi));
            }
        }
    }
    for (h, &(pi, fi)) in heads.iter().enumerate() {
        let header_end = found[pi][fi].end;
        let mut section = String::new();
        let next = heads.get(h + 1).copied();
        let chars: Vec<char> = passages[pi].chars().collect();
        let stop_here = match next {
            Some((np, nf)) if np == pi => found[np][nf].start,
            _ => chars.len(),
        };
        section.extend(chars[header_end.min(stop_here)..stop_here].iter());
        let last = next.map(|n| n.0).unwrap_or(passages.len());
        for (qi, text) in passages.iter().enumerate().take(last.max(pi + 1)).skip(pi + 1) {
            section.push('\n');
            section.push_str(text);
            let _ = qi;
        }
        if let Some((np, nf)) = next
            && np > pi
        {
            let c: Vec<char> = passages[np].chars().collect();
            section.push('\n');
            section.extend(c[..found[np][nf].start].iter());
        }
        let sc: Vec<char> = section.chars().collect();
        let toks = tokenize(&sc);
        let words: Vec<String> = toks.iter().map(|t| t.lower.clone()).collect();
        let (stance, counts) = stance_of(&words);
        let mut about: Vec<String> = Vec::new();
        for m in gaz.find(&sc, &toks) {
            if m.actor.kind == ActorKind::State && !about.contains(&m.actor.id) {
                about.push(m.actor.id.clone());
            }
        }
        let f = &mut found[pi][fi];
        f.value = stance.to_string();
        f.actors = about;
        f.detail["lexicon"] = counts;
        f.detail["section_chars"] = serde_json::json!(sc.len());
        if let Some(o) = f.detail.as_object_mut() {
            o.remove("section");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, doc: Option<&str>) -> Vec<(Kind, String, String)> {
        let kb = hegemony_kb::KnowledgeBase::embedded().unwrap();
        let g = Gazetteer::build(Some(&kb));
        let cx = Context { gazetteer: &g, doc_date: doc.map(|d| d.parse().unwrap()) };
        let chars: Vec<char> = text.chars().collect();
        extract(text, &cx).into_iter().map(|f| (f.kind, chars[f.start..f.end].iter().collect(), f.value)).collect()
    }

    fn of(v: &[(Kind, String, String)], k: Kind) -> Vec<(String, String)> {
        v.iter().filter(|x| x.0 == k).map(|x| (x.1.clone(), x.2.clone())).collect()
    }

    fn pairs(x: &[(&str, &str)]) -> Vec<(String, String)> {
        x.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn dates_full_partial_relative_and_periods() {
        let v = run(
            "Putin signed a decree on Nov. 14, 2016; on October 29th and in mid-November talks went on. \
             The base stays until 2044, prices were fixed from 2011 to 2020 and rose since 2020. \
             In April 2001 and on 12 October 2016 (see 23.12.2015), in the early 1990s, in 2008-2012.",
            Some("2016-12"),
        );
        assert_eq!(
            of(&v, Kind::Date),
            pairs(&[
                ("Nov. 14, 2016", "2016-11-14"),
                ("October 29th", "2016-10-29"),
                ("mid-November", "2016-11"),
                ("until 2044", "../2044"),
                ("from 2011 to 2020", "2011/2020"),
                ("since 2020", "2020/.."),
                ("April 2001", "2001-04"),
                ("12 October 2016", "2016-10-12"),
                ("23.12.2015", "2015-12-23"),
                ("early 1990s", "1990/1993"),
                ("2008-2012", "2008/2012"),
            ])
        );
    }

    #[test]
    fn quantities_shares_money_troops_weights_distances() {
        let v = run(
            "Russia supplied 94 per cent of its arms, a $300 million loan, 3,000 Russian soldiers, 510 tonnes of \
             cargo over 300 kilometres; 50 percent of the staff, cca 10% of gas, two million Armenians, 80,000 soldiers.",
            None,
        );
        assert_eq!(
            of(&v, Kind::Quantity),
            pairs(&[
                ("94 per cent", "94 percent"),
                ("$300 million", "300000000 USD"),
                ("3,000 Russian soldiers", "3000 troops"),
                ("510 tonnes", "510 tonnes"),
                ("300 kilometres", "300 km"),
                ("50 percent", "50 percent"),
                ("10%", "10 percent"),
                ("two million Armenians", "2000000 people"),
                ("80,000 soldiers", "80000 troops"),
            ])
        );
        // The year-like numbers inside quantities are not dates.
        assert!(of(&v, Kind::Date).is_empty());
    }

    #[test]
    fn relations_with_parties_and_dates() {
        let v = run(
            "In 2015 Russia and Armenia signed an agreement on a unified regional air defense system. \
             Armenia froze its participation in the CSTO in February 2024. \
             Russia deployed 3,000 troops in Gyumri. The frozen conflict over Karabakh goes on.",
            None,
        );
        let rel = of(&v, Kind::Relation);
        let kinds: Vec<&str> = rel.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            kinds,
            ["agreement.signed", "provision.unified_air_defence", "membership.frozen", "presence.deployment"]
        );
    }

    #[test]
    fn claims_from_expert_headers_and_speech_verbs() {
        let text = "Intro.\nRICHARD GIRAGOSIAN, Director of the Regional Studies Center.\nThe move poses a danger \
                    and a threat to sovereignty.\nDR. RICK FAWN, University of St. Andrews.\nThe decree creates a unit.\n\
                    As D. Lake notes, hierarchy is a relation.";
        let v = run(text, Some("2016"));
        let claims = of(&v, Kind::Claim);
        assert_eq!(claims.len(), 3, "{claims:?}");
        assert_eq!(claims[0].1, "critical");
        assert!(claims[0].0.starts_with("RICHARD GIRAGOSIAN, Director"));
        assert_eq!(claims[1].1, "descriptive");
        assert!(claims[2].0.starts_with("As D. Lake notes"));
    }

    #[test]
    fn claims_attributed_with_according_to_and_to_groups() {
        let speaker = |t: &str| {
            let v = run(t, Some("2016"));
            of(&v, Kind::Claim).len()
        };
        for t in [
            "According to Ivanov, this union should follow the European model.",
            "Trade has grown, according to the World Bank for Trade and Development.",
            "According to Stratfor the force comprises 10,000 troops.",
            "Several scholars argue that the union is about politics.",
        ] {
            assert_eq!(speaker(t), 1, "{t}");
        }
        // A text or an unnamed school is not a speaker.
        for t in [
            "According to the Charter adopted in 1993, the purpose is cooperation.",
            "Yet, according to the hegemonic stability school, a great power provides order.",
            "Some scholars of the region travelled to Minsk.",
        ] {
            assert_eq!(speaker(t), 0, "{t}");
        }
    }

    #[test]
    fn collective_defence_formula_and_negated_events() {
        let rel = |t: &str| of(&run(t, None), Kind::Relation).into_iter().map(|x| x.1).collect::<Vec<_>>();
        assert_eq!(
            rel("The treaty says an armed attack on one party shall be considered an attack on both parties."),
            ["provision.mutual_defence"]
        );
        // One attack alone is an event, not the formula.
        assert!(rel("Georgia said the attack on its posts came from the north.").is_empty());
        // Events that did not happen (or not yet) are not relations.
        assert!(rel("Armenia refused to sign the Association Agreement with the EU.").is_empty());
        assert!(rel("Yerevan is considering the accession to the Eurasian Economic Union.").is_empty());
        assert_eq!(rel("Armenia signed the Association Agreement with the EU."), ["agreement.signed"]);
    }
}
