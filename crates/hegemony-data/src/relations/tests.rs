use std::io::Write;
use std::path::{Path, PathBuf};

use super::*;

fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().write_all(text.as_bytes()).unwrap();
    p
}

#[test]
fn tss_rivalries_are_unordered_with_their_types_and_bad_rows_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(
        dir.path(),
        "tss.csv",
        "tssr_id,rivalry,ccode1,ccode2,start,end,positional,spatial,ideological,interventionary,principal,aprin\n\
         199,Armenia-Azerbaijan,373,371,1991,2020,,1,,1,1,\n\
         262,Russia-Ukraine,365,369,2014,2020,,1,,1,,1\n\
         5,Bad,365,365,1990,2000,,,,,,\n\
         6,Backwards,2,20,2000,1990,,,,,,\n\
         7,Flag,2,20,1990,2000,2,,,,,\n",
    );
    let mut d = Diagnostics::default();
    let r = load_tss_rivalries(&p, &mut d).unwrap();
    let arm_aze: Vec<&Rivalry> = r.between(371, 373, 2016).collect();
    assert_eq!(arm_aze.len(), 1);
    assert_eq!((arm_aze[0].a, arm_aze[0].b), (371, 373), "stored lower code first");
    assert_eq!(arm_aze[0].kinds, vec![RivalryKind::Spatial, RivalryKind::Interventionary]);
    assert!(arm_aze[0].principal);
    assert!(r.between(373, 371, 1990).next().is_none(), "not before it starts");
    assert!(r.between(365, 369, 2014).next().unwrap().principal, "an asymmetric principal rivalry counts as principal");
    assert_eq!(r.last_year, 2020);
    assert!(r.ongoing_at_end(arm_aze[0]));
    let lines: Vec<(u64, &str)> = d.items.iter().map(|x| (x.line, x.value.as_str())).collect();
    assert_eq!(lines, vec![(4, "365"), (5, "2000-1990"), (6, "2")]);
}

#[test]
fn td_rivalries_read_their_type_words() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(
        dir.path(),
        "td.csv",
        "rivalryno,rivalryname,ccode1,ccode2,styear,endyear,region,type1,type2,type3\n\
         180,Armenia-Azerbaijan,371,373,1991,2010,Southwest Eurasia,spatial,,\n\
         181,X,2,20,1991,2010,Americas,friendly,,\n",
    );
    let mut d = Diagnostics::default();
    let r = load_td_rivalries(&p, &mut d).unwrap();
    assert_eq!(r.items.len(), 1);
    assert_eq!(r.items[0].kinds, vec![RivalryKind::Spatial]);
    assert_eq!(r.items[0].source_key(), "ps_td_rivalries:180");
    assert!(r.covers(2010) && !r.covers(2011));
    assert_eq!((d.len(), d.items[0].value.as_str()), (1, "friendly"));
}

#[test]
fn disputes_keep_one_row_per_dyad_year_with_the_higher_hostility() {
    let dir = tempfile::tempdir().unwrap();
    let header = "dispnum,ccode1,ccode2,year,cowmidongoing,cowmidonset,sidea1,sidea2,fatality1,fatality2,\
                  fatalpre1,fatalpre2,hiact1,hiact2,hostlev1,hostlev2,orig1,orig2,fatality,hostlev,mindur,maxdur,recip,stmon\n";
    let p = file(
        dir.path(),
        "mid.csv",
        &format!(
            "{header}3564,371,373,1992,1,1,1,0,6,6,-9,-9,17,17,4,4,1,1,6,4,1072,1102,1,1\n\
             3564,373,371,1992,1,1,0,1,6,6,-9,-9,17,17,4,4,1,1,6,4,1072,1102,1,1\n\
             4240,370,368,2001,1,1,1,0,0,0,0,0,7,0,3,1,1,1,0,3,3,32,0,8\n\
             9,2,20,1999,1,1,1,0,0,0,0,0,7,0,9,1,1,1,0,3,3,32,0,8\n"
        ),
    );
    let mut d = Diagnostics::default();
    let m = load_disputes(&p, &mut d).unwrap();
    assert_eq!(m.in_year(1992).len(), 1, "the mirror row is not a second dispute");
    let x = m.between(373, 371, 1992).unwrap();
    assert_eq!((x.a, x.b, x.hostility, x.fatality, x.line), (371, 373, Some(4), Some(6), 2));
    assert_eq!(m.between(368, 370, 2001).unwrap().hostility, Some(3), "the higher of the two levels");
    assert!(m.covers(1999) && !m.covers(2015));
    assert_eq!((d.len(), d.items[0].value.as_str(), d.items[0].line), (1, "9", 5));
}

#[test]
fn contiguity_takes_the_closest_kind_of_the_year_and_skips_non_contiguous_spells() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(
        dir.path(),
        "cont.csv",
        "ccode1,ccode2,conttype,stdate,enddate\n\
         2,365,0,1816-01-01,1958-12-01\n\
         2,365,2,1959-01-01,2016-12-01\n\
         365,2,2,1959-01-01,2016-12-01\n\
         365,255,5,1990-10-01,2016-12-01\n\
         365,255,1,1939-09-01,1941-06-01\n\
         371,372,1,1991-12-01,2016-13-01\n",
    );
    let mut d = Diagnostics::default();
    let c = load_contiguity(&p, &mut d).unwrap();
    assert_eq!(c.spells.len(), 3, "mirror rows and kind 0 left out");
    let y1958 = c.in_year(1958);
    assert!(y1958.iter().all(|x| (x.a, x.b) != (2, 365)), "not contiguous before 1959");
    let y2000: Vec<(u16, u16, u8)> = c.in_year(2000).iter().map(|x| (x.a, x.b, x.kind)).collect();
    assert_eq!(y2000, vec![(2, 365, 2), (255, 365, 5)]);
    assert_eq!(c.in_year(1940).iter().map(|x| x.kind).collect::<Vec<_>>(), vec![1]);
    assert_eq!(c.last_year, 2016);
    assert_eq!((d.len(), d.items[0].value.as_str()), (1, "2016-13-01"));
}

#[test]
fn powers_read_majors_and_both_maoz_spells() {
    let dir = tempfile::tempdir().unwrap();
    let maj = file(
        dir.path(),
        "maj.csv",
        "ccode,styear,stmonth,stday,endyear,endmonth,endday,version\n365,1816,1,1,1917,12,5,2016\n365,1922,1,1,2016,12,31,2016\n",
    );
    let maoz = file(
        dir.path(),
        "maoz.csv",
        "ccode,regstdate,regenddate,globstdate,globenddate\n\
         365,1816-01-01,1917-12-31,1922-01-01,1990-12-31\n\
         365,1991-01-01,2019-12-31,,\n\
         2,1824-01-01,,1899-01-01,2019-12-31\n\
         700,,,,\n",
    );
    let mut d = Diagnostics::default();
    let m = load_majors(&maj, &mut d).unwrap();
    assert!(m.has(365, 2000, PowerKind::Major) && !m.has(365, 1920, PowerKind::Major));
    let z = load_maoz_powers(&maoz, &mut d).unwrap();
    assert!(z.has(365, 1980, PowerKind::Global) && z.has(365, 2000, PowerKind::Regional));
    assert!(!z.has(365, 2000, PowerKind::Global));
    assert!(!z.has(2, 2000, PowerKind::Global), "the United States row was refused (a spell without an end)");
    assert_eq!(z.last_year, 2019);
    let refused: Vec<(u64, &str)> = d.items.iter().map(|x| (x.line, x.value.as_str())).collect();
    assert_eq!(refused, vec![(4, "1824-01-01.."), (5, "700")]);
}

#[test]
fn capabilities_keep_missing_parts_missing() {
    let dir = tempfile::tempdir().unwrap();
    let p = file(
        dir.path(),
        "nmc.csv",
        "ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n\
         370,1991,,,1123,,10271.0,4141.0,0.0022595255\n\
         371,1991,147000,-9,0,,3612.0,1325.0,0.00047907117\n\
         371,1992,1,1,1,1,1,1,1.5\n",
    );
    let mut d = Diagnostics::default();
    let c = load_capabilities(&p, &mut d).unwrap();
    let blr = c.get(370, 1991).unwrap();
    assert_eq!((blr.milex, blr.irst, blr.cinc), (None, Some(1123.0), Some(0.0022595255)));
    assert_eq!(c.get(371, 1991).unwrap().milper, None, "-9 is missing, not zero");
    assert_eq!(c.get(371, 1991).unwrap().irst, Some(0.0), "a recorded zero stays zero");
    assert_eq!(c.cinc(371, 1992), None);
    assert_eq!((d.len(), d.items[0].value.as_str()), (1, "1.5"));
    assert_eq!(Capabilities::source_key(365, 2016), "ps_cow_nmc:365/2016");
}

#[test]
fn a_folder_without_the_files_loads_nothing_and_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let r = load_dir(dir.path()).unwrap();
    assert!(r.inputs().is_empty());
    assert_eq!(r.missing().len(), 7);
    file(dir.path(), "ps_cow_majors.csv", "ccode,styear,endyear\n2,1898,2016\n");
    let r = load_dir(dir.path()).unwrap();
    assert_eq!(r.missing().len(), 6);
    assert_eq!(r.inputs()[0].rows, 1);
    let bad = file(dir.path(), "ps_cow_contdir.csv", "a,b\n1,2\n");
    let err = load_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains(&bad.display().to_string()) && err.contains("conttype"), "{err}");
}
