use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;
use crate::Diagnostics;

fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().write_all(text.as_bytes()).unwrap();
    p
}

#[test]
fn cow_alliances_keep_their_types_and_years_and_name_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(
        dir.path(),
        "a.csv",
        "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente\n\
         370,371,1992,1,0,0,0\n\
         371,370,1992,1,0,0,0\n\
         365,366,1932,0,0,1,1\n\
         2,2,1990,1,0,0,0\n\
         2,20,1990,0,0,0,0\n\
         2,20,1991,2,0,0,0\n\
         370,371,1992,1,0,0,0\n",
    );
    let mut d = Diagnostics::default();
    let a = load_cow_alliances(&p, &mut d).unwrap();
    assert_eq!(a.types(370, 371, 1992), Some(CowAlliances::DEFENCE));
    assert_eq!(a.types(365, 366, 1932), Some(CowAlliances::NON_AGGRESSION | CowAlliances::ENTENTE));
    // Within the years covered, no row is no alliance; outside, not covered.
    assert_eq!(a.types(2, 20, 1950), Some(0));
    assert_eq!(a.types(2, 20, 1900), None);
    assert_eq!((a.first_year, a.last_year), (1932, 1992));
    let lines: Vec<(u64, &str)> = d.items.iter().map(|x| (x.line, x.value.as_str())).collect();
    assert_eq!(lines, vec![(5, "2-2"), (6, "2-20/1990"), (7, "2"), (8, "370-371/1992")]);
}

#[test]
fn igo_counts_are_unordered_and_a_missing_dyad_year_is_not_zero() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(dir.path(), "i.csv", "ccode1,ccode2,year,dyadigos\n370,371,1991,3\n2,20,1991,0\n2,20,1992,x\n");
    let mut d = Diagnostics::default();
    let i = load_igo_dyads(&p, &mut d).unwrap();
    assert_eq!((i.shared(371, 370, 1991), i.shared(2, 20, 1991)), (Some(3), Some(0)));
    assert_eq!(i.shared(2, 20, 1992), None);
    assert_eq!((i.len(), d.len(), d.items[0].line), (2, 1, 4));
}

#[test]
fn trade_flows_turn_with_the_dyad_and_missing_flows_stay_missing() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(
        dir.path(),
        "t.csv",
        "ccode1,ccode2,year,flow1,flow2,smoothflow1,smoothflow2\n370,371,1992,9,7,8,6\n2,20,1992,,5,-9,4\n",
    );
    let mut d = Diagnostics::default();
    let t = load_dyadic_trade(&p, &mut d).unwrap();
    let f = t.between(371, 370, 1992).unwrap();
    // 371's imports from 370 are the file's flow2.
    assert_eq!((f.flow1, f.flow2, f.smoothflow1, f.smoothflow2), (Some(7.0), Some(9.0), Some(6.0), Some(8.0)));
    let g = t.between(2, 20, 1992).unwrap();
    assert_eq!((g.flow1, g.flow2, g.smoothflow1), (None, Some(5.0), None));
    assert!(t.between(2, 20, 1993).is_none() && d.is_empty());
}
