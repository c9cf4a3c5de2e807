//! Turning what users type into states and dyads.

use hegemony_core::{Registry, State};

use crate::EngineError;

/// Resolves one state (ISO3, COW number or abbreviation, name or alias).
pub fn state(query: &str) -> Result<&'static State, EngineError> {
    Ok(Registry::global().resolve(query)?)
}

/// The state's COW number, or an error for states the COW list does not have.
pub fn cow_of(s: &State) -> Result<u16, EngineError> {
    s.cow
        .ok_or_else(|| EngineError::Request(format!("{} has no COW code, and UN votes are keyed by COW codes", s.name)))
}

/// A comma-separated list of states and named groups (`post-soviet`).
pub fn states(list: &str) -> Result<Vec<&'static State>, EngineError> {
    let registry = Registry::global();
    let mut out: Vec<&'static State> = Vec::new();
    for item in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match registry.group(item) {
            Some(members) => out.extend(members),
            None => out.push(registry.resolve(item)?),
        }
    }
    if out.is_empty() {
        return Err(EngineError::Request(format!("'{list}' names no state")));
    }
    Ok(out)
}

/// `RUS:ARM,RUS:BLR` → ordered COW pairs.
pub fn dyads(list: &str) -> Result<Vec<(u16, u16)>, EngineError> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|pair| {
            let (a, b) = pair.split_once(':').ok_or_else(|| {
                EngineError::Request(format!("'{pair}' is not a dyad; write FIRST:SECOND, e.g. RUS:ARM"))
            })?;
            Ok((cow_of(state(a)?)?, cow_of(state(b)?)?))
        })
        .collect()
}

/// The dominant state against each of `with` (the dominant state itself left out).
pub fn dominant_dyads(dominant: &str, with: &str) -> Result<Vec<(u16, u16)>, EngineError> {
    let d = cow_of(state(dominant)?)?;
    let mut pairs = Vec::new();
    for s in states(with)? {
        let c = cow_of(s)?;
        if c != d && !pairs.contains(&(d, c)) {
            pairs.push((d, c));
        }
    }
    Ok(pairs)
}

/// `1992-2019` (or one year, `2016`) as an inclusive range.
pub fn years(s: &str) -> Result<(i32, i32), EngineError> {
    let (a, b) = s.split_once('-').unwrap_or((s, s));
    let (Ok(a), Ok(b)) = (a.trim().parse::<i32>(), b.trim().parse::<i32>()) else {
        return Err(EngineError::Request(format!("'{s}' is not a range like 1992-2019")));
    };
    if a > b {
        return Err(EngineError::Request(format!("the range '{s}' ends before it starts")));
    }
    Ok((a, b))
}
