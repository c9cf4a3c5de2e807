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

/// The years in which every one of `states` had a UN seat (from the first
/// year all of them sat to the last; `None` if they never sat together):
/// the window in which a group of them can be compared (post-Soviet states:
/// from 1992). Years are calendar years of the seats' spells.
pub fn common_un_years(states: &[&State]) -> Option<(i32, i32)> {
    let mut from = i32::MIN;
    let mut to = i32::MAX;
    for s in states {
        let first = s.un_spells.iter().map(|sp| sp.start.year()).min()?;
        let last = if s.un_spells.iter().any(|sp| sp.end.is_none()) {
            i32::MAX
        } else {
            s.un_spells.iter().filter_map(|sp| sp.end.map(|e| e.year())).max()?
        };
        from = from.max(first);
        to = to.min(last);
    }
    (from <= to && from > i32::MIN).then_some((from, to))
}

/// The first and last session year of a vote record (`None`: no roll call).
pub fn vote_years(votes: &hegemony_data::LoadedVotes) -> Option<(i32, i32)> {
    let years = votes.record.roll_calls.iter().map(|r| r.session_year());
    Some((years.clone().min()?, years.max()?))
}

/// A warning when `asked` reaches past the years of the vote record, with
/// how to get later sessions; `None` when the record covers the range.
pub fn votes_range_warning(votes: &hegemony_data::LoadedVotes, asked: (i32, i32)) -> Option<String> {
    let (first, last) = vote_years(votes)?;
    let mut out = Vec::new();
    if asked.1 > last {
        out.push(format!(
            "the votes here end in {last}: {}–{} has no roll calls; `hegemony data fetch undl` (the UN Digital \
             Library's record) brings later sessions",
            last + 1,
            asked.1
        ));
    }
    if asked.0 < first {
        out.push(format!("the votes here begin in {first}: {}–{} has no roll calls", asked.0, first - 1));
    }
    (!out.is_empty()).then(|| out.join("; "))
}

#[cfg(test)]
mod window_tests {
    use super::*;

    #[test]
    fn the_post_soviet_states_sit_together_from_1992() {
        let group = Registry::global().group("post-soviet").unwrap();
        let (from, to) = common_un_years(&group).unwrap();
        assert_eq!(from, 1992, "Armenia, Azerbaijan, Kazakhstan … took their seats in 1992");
        assert_eq!(to, i32::MAX, "all still sit");
        // A state that left the UN ends the window: East Germany and Armenia never sat together;
        // East and West Germany did, 1973–1990.
        let r = Registry::global();
        assert_eq!(common_un_years(&[r.resolve("GDR").unwrap(), r.resolve("ARM").unwrap()]), None);
        assert_eq!(common_un_years(&[r.resolve("GDR").unwrap(), r.resolve("GFR").unwrap()]), Some((1973, 1990)));
    }
}
