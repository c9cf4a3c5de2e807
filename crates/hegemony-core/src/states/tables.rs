//! The compiled-in tables `data/states.tsv` and `data/successions.tsv`, parsed row by row.

use super::{Spell, State, Succession, SuccessionKind};
use crate::date::Date;

/// Non-comment, non-blank lines with their 1-based line numbers.
pub(super) fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

const COLUMNS: usize = 13;

pub(super) fn parse_row(line: &str) -> Result<State, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    if cells.len() != COLUMNS {
        return Err(format!("expected {COLUMNS} tab-separated cells, found {}", cells.len()));
    }
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    let num = |s: &str, what: &str| -> Result<Option<u16>, String> {
        if s.is_empty() { Ok(None) } else { s.parse().map(Some).map_err(|_| format!("{what} '{s}' is not a number")) }
    };
    let list = |s: &str| -> Vec<String> { s.split('|').filter(|x| !x.is_empty()).map(str::to_string).collect() };
    let spells = |s: &str, what: &str| parse_spells(s).map_err(|e| format!("{what}: {e}"));
    let name = cells[7].to_string();
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    let mut ru = list(cells[12]).into_iter();
    Ok(State {
        cow: num(cells[0], "COW code")?,
        cow_abb: opt(cells[1]),
        gw: num(cells[2], "GW code")?,
        iso3: opt(cells[3]),
        iso2: opt(cells[4]),
        iso_numeric: num(cells[5], "ISO numeric code")?,
        iso_former: list(cells[6]),
        name,
        cow_spells: spells(cells[8], "cow_spells")?,
        gw_spells: spells(cells[9], "gw_spells")?,
        un_spells: spells(cells[10], "un_spells")?,
        aliases: list(cells[11]),
        name_ru: ru.next(),
        aliases_ru: ru.collect(),
        code: String::new(),
    })
}

/// `START..END|START..` → spells, which must be in order and must not overlap.
fn parse_spells(cell: &str) -> Result<Vec<Spell>, String> {
    let spells = cell
        .split('|')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (a, b) = s.split_once("..").ok_or_else(|| format!("spell '{s}' lacks '..'"))?;
            let start: Date = a.parse().map_err(|e| format!("{e}"))?;
            let end: Option<Date> = if b.is_empty() { None } else { Some(b.parse().map_err(|e| format!("{e}"))?) };
            if end.is_some_and(|e| e < start) {
                return Err(format!("spell '{s}' ends before it starts"));
            }
            Ok(Spell { start, end })
        })
        .collect::<Result<Vec<_>, String>>()?;
    for w in spells.windows(2) {
        if w[0].end.is_none_or(|e| e >= w[1].start) {
            return Err(format!("spells '{cell}' overlap or are out of order"));
        }
    }
    Ok(spells)
}

pub(super) fn parse_succession(line: &str) -> Result<Succession, String> {
    let cells: Vec<&str> = line.split('\t').collect();
    let [pred, succ, date, kind, seat, note] = cells.as_slice() else {
        return Err(format!("expected 6 tab-separated cells, found {}", cells.len()));
    };
    let code = |s: &str| s.parse::<u16>().map_err(|_| format!("COW code '{s}' is not a number"));
    Ok(Succession {
        predecessor: code(pred)?,
        successor: code(succ)?,
        date: date.parse().map_err(|e| format!("{e}"))?,
        kind: SuccessionKind::parse(kind).ok_or_else(|| {
            format!("kind '{kind}' is not one of continuation, merger, dissolution, secession, seat_transfer")
        })?,
        un_seat: match *seat {
            "yes" => true,
            "no" => false,
            other => return Err(format!("un_seat must be yes or no, not '{other}'")),
        },
        note: note.to_string(),
    })
}
