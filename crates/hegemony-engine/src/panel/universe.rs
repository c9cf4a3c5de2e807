//! The panel's rows: the dyad-years of a state system, from the registry's
//! membership spells (COW v2016, Gleditsch–Ward), as peacesciencer's
//! `create_dyadyears()` makes them from the same lists.

use hegemony_core::{Date, Registry};

use crate::table::{ColumnData, Table};

/// Which state system the panel's dyads are drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum System {
    /// Correlates of War state-system membership (v2016), COW codes.
    Cow,
    /// The Gleditsch–Ward list of independent states, GW codes.
    Gw,
}

impl System {
    /// `cow` or `gw`.
    pub fn parse(s: &str) -> Result<System, crate::EngineError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cow" => Ok(System::Cow),
            "gw" => Ok(System::Gw),
            other => Err(crate::EngineError::Request(format!("system: '{other}' is not one of cow, gw"))),
        }
    }
}

/// A member of a system in a year: its code, the COW code to join on, and
/// the days of the year it was a member (first, last).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The system's code.
    pub code: u16,
    /// The COW code the datasets are joined on.
    pub cow: Option<u16>,
    /// The stretches of the year it was a member, as (first day, last day).
    pub days: Vec<(Date, Date)>,
}

impl Member {
    /// Whether the two were members on a common day of the year.
    fn meets(&self, other: &Member) -> bool {
        self.days.iter().any(|a| other.days.iter().any(|b| a.0 <= b.1 && b.0 <= a.1))
    }
}

/// The members of `system` at some time in `year`, by code, with the days
/// of the year they were members.
pub fn members(system: System, year: i32) -> Vec<Member> {
    let registry = Registry::global();
    let (Some(first), Some(last)) = (Date::new(year, 1, 1), Date::new(year, 12, 31)) else { return vec![] };
    let days = |spells: &[hegemony_core::states::Spell]| -> Vec<(Date, Date)> {
        spells
            .iter()
            .filter(|sp| sp.touches_year(year))
            .map(|sp| (sp.start.max(first), sp.end.map_or(last, |e| e.min(last))))
            .collect()
    };
    let mut out: Vec<Member> = match system {
        System::Cow => registry
            .states()
            .iter()
            .filter(|s| s.in_cow_system_in(year))
            .filter_map(|s| s.cow.map(|c| Member { code: c, cow: Some(c), days: days(&s.cow_spells) }))
            .collect(),
        System::Gw => registry
            .states()
            .iter()
            .filter(|s| s.gw_spells.iter().any(|sp| sp.touches_year(year)))
            .filter_map(|s| {
                s.gw.map(|g| Member { code: g, cow: cow_for_gw(registry, g, year), days: days(&s.gw_spells) })
            })
            .collect(),
    };
    out.sort_by_key(|m| m.code);
    out.dedup_by_key(|m| m.code);
    out
}

/// The COW code GW code `gw` stands for in `year` (at the year's end, else
/// its middle, else its start: the days the GW listing may hold).
fn cow_for_gw(registry: &Registry, gw: u16, year: i32) -> Option<u16> {
    [(12, 31), (7, 1), (1, 1)]
        .into_iter()
        .filter_map(|(m, d)| Date::new(year, m, d))
        .find_map(|date| registry.cow_for_gw(gw, date))
}

/// Dyad-years, column-wise: the system's codes, the year, and the COW codes
/// the datasets are joined on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    /// The first state's code in the panel's system.
    pub a: Vec<u16>,
    /// The second state's code.
    pub b: Vec<u16>,
    /// The year.
    pub year: Vec<i32>,
    /// The first state's COW code (the same as `a` in a COW panel).
    pub cow_a: Vec<Option<u16>>,
    /// The second state's COW code.
    pub cow_b: Vec<Option<u16>>,
}

impl Rows {
    /// Number of dyad-years.
    pub fn len(&self) -> usize {
        self.year.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.year.is_empty()
    }

    /// The rows as the panel's leading columns: `ccode1`, `ccode2`, `year`
    /// (COW); `gwcode1`, `gwcode2`, `year`, `ccode1`, `ccode2` (GW).
    pub fn table(&self, system: System) -> Table {
        let code = |v: &[u16]| ColumnData::Int32(v.iter().map(|&c| Some(i32::from(c))).collect());
        let cow = |v: &[Option<u16>]| ColumnData::Int32(v.iter().map(|c| c.map(i32::from)).collect());
        let mut t = Table::default();
        let (first, second) = match system {
            System::Cow => ("ccode1", "ccode2"),
            System::Gw => ("gwcode1", "gwcode2"),
        };
        t.push(first, code(&self.a));
        t.push(second, code(&self.b));
        t.push("year", ColumnData::Int32(self.year.iter().map(|&y| Some(y)).collect()));
        if system == System::Gw {
            t.push("ccode1", cow(&self.cow_a));
            t.push("ccode2", cow(&self.cow_b));
        }
        t
    }
}

/// Every dyad-year of `system` in `years`: two states members on a common
/// day of the year (as `create_dyadyears()` pairs them: South Vietnam,
/// gone on 30 April 1975, and Mozambique, a member from 25 June, make no
/// 1975 dyad); both orders when `directed`, else the lower code first;
/// ordered by year, then the first code, then the second.
pub fn rows(system: System, years: (i32, i32), directed: bool) -> Rows {
    let mut out = Rows::default();
    for year in years.0..=years.1 {
        let m = members(system, year);
        for (i, a) in m.iter().enumerate() {
            let seconds = if directed { &m[..] } else { &m[i + 1..] };
            for b in seconds.iter().filter(|b| b.code != a.code && a.meets(b)) {
                out.a.push(a.code);
                out.b.push(b.code);
                out.year.push(year);
                out.cow_a.push(a.cow);
                out.cow_b.push(b.cow);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directed_rows_are_both_orders_and_non_directed_the_lower_code_first() {
        // 1816: the COW system's first year (23 members in v2016).
        let n = members(System::Cow, 1816).len();
        assert_eq!(n, 23);
        let d = rows(System::Cow, (1816, 1816), true);
        let u = rows(System::Cow, (1816, 1816), false);
        assert_eq!((d.len(), u.len()), (n * (n - 1), n * (n - 1) / 2));
        assert!(u.a.iter().zip(&u.b).all(|(a, b)| a < b));
        assert!(d.a.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn a_state_counts_in_every_year_its_membership_touches() {
        // Armenia joins COW on 1991-12-26: in the 1991 list; the USSR/Russia throughout.
        let m1991: Vec<u16> = members(System::Cow, 1991).iter().map(|m| m.code).collect();
        assert!(m1991.contains(&371) && m1991.contains(&365));
        assert!(!members(System::Cow, 1990).iter().any(|m| m.code == 371));
        // Open spells run on past the lists' end (peacesciencer's mry).
        assert!(members(System::Cow, 2024).iter().any(|m| m.code == 371));
    }

    #[test]
    fn two_states_that_were_never_members_on_the_same_day_make_no_dyad() {
        // South Vietnam (817) to 30 April 1975; Mozambique (541) from 25 June 1975.
        let r = rows(System::Cow, (1975, 1975), false);
        let has = |a: u16, b: u16| r.a.iter().zip(&r.b).any(|(&x, &y)| (x, y) == (a, b));
        assert!(!has(541, 817));
        assert!(has(2, 817) && has(2, 541));
    }

    #[test]
    fn gleditsch_ward_rows_carry_the_cow_codes_they_join_on() {
        // GW keeps Germany as 260 after unification; COW codes it 255.
        let m = members(System::Gw, 2000);
        assert_eq!(m.iter().find(|x| x.code == 260).map(|x| x.cow), Some(Some(255)));
        assert_eq!(m.iter().find(|x| x.code == 365).map(|x| x.cow), Some(Some(365)));
        let t = rows(System::Gw, (2000, 2000), false).table(System::Gw);
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["gwcode1", "gwcode2", "year", "ccode1", "ccode2"]);
    }
}
