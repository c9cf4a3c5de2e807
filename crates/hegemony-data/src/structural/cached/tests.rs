//! The structural cache gives what a parse gives, follows the files' content, and is rebuilt when
//! damaged — on a folder of tiny files, one of each dataset, four of them with a refused row.

use super::*;
use crate::structural::{ALLIANCES, ARMS, POPULATION, PUBLISHED_IDEAL, TRADE_DYADIC, TRADE_NATIONAL, US_TROOPS};

/// A data folder with every structural dataset, four with a refused row.
fn data_dir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let files = [
        (POPULATION, "ccode,year,tpop\n371,2016,2925.5\n365,2016,143000\n999,2016,1\n"),
        (
            ALLIANCES,
            "ccode1,ccode2,year,atop_defense,atop_offense,atop_neutral,atop_nonagg,atop_consul\n\
             371,365,2016,1,0,0,1,1\n365,371,2016,1,0,0,1,1\n371,370,2016,0,0,0,0,1\nx,365,2016,1,0,0,0,0\n",
        ),
        (TRADE_DYADIC, "ccode1,ccode2,year,flow1,flow2\n365,371,2016,1200.25,300.5\n365,370,2016,-9,20000\n"),
        (TRADE_NATIONAL, "ccode,year,imports,exports\n371,2016,3200,1800.75\n365,2016,182000,285000\n"),
        (
            ARMS,
            "supplier_cown,recipient_cown,year,value\n365,371,2016,120.5\n,371,2016,3\n365,371,2017,abc\n\
             2,365,2016,0.25\n",
        ),
        (US_TROOPS, "ccode,year,troops\n740,2016,39000\n6,2016,12\n"),
        (PUBLISHED_IDEAL, "ccode,year,idealpointfp,nvotesfp\n371,2016,-0.73125,88\n365,2016,-1.0625,90\n"),
    ];
    for (stem, text) in files {
        std::fs::write(d.path().join(format!("{stem}.csv")), text).unwrap();
    }
    d
}

#[test]
fn a_hit_gives_exactly_what_a_parse_gives() {
    let (data, cache) = (data_dir(), tempfile::tempdir().unwrap());
    let parsed = super::super::load_dir(data.path()).unwrap();
    assert_eq!(parsed.inputs().len(), 7);
    assert_eq!(parsed.diagnostics.len(), 4, "the refused rows: {:?}", parsed.diagnostics);
    let miss = load_dir_cached(data.path(), Some(cache.path())).unwrap();
    assert_eq!(miss, parsed);
    let file = cache_file(data.path(), cache.path());
    assert!(file.is_file(), "the miss wrote the cache");
    let hit = load_dir_cached(data.path(), Some(cache.path())).unwrap();
    assert_eq!(hit, parsed);
    // Bit for bit: the values themselves, not only their equality.
    let bits = |s: &Structural| s.trade.as_ref().unwrap().between(365, 371, 2016).map(f64::to_bits);
    assert_eq!(bits(&hit), bits(&parsed));
}

#[test]
fn no_cache_folder_means_no_cache() {
    let data = data_dir();
    assert_eq!(load_dir_cached(data.path(), None).unwrap(), super::super::load_dir(data.path()).unwrap());
}

#[test]
fn a_changed_file_is_a_new_key_and_a_damaged_cache_is_rebuilt() {
    let (data, cache) = (data_dir(), tempfile::tempdir().unwrap());
    let first = load_dir_cached(data.path(), Some(cache.path())).unwrap();
    let old_file = cache_file(data.path(), cache.path());
    std::fs::write(data.path().join(format!("{POPULATION}.csv")), "ccode,year,tpop\n371,2016,3000\n").unwrap();
    assert_ne!(cache_file(data.path(), cache.path()), old_file, "the key follows the bytes");
    let changed = load_dir_cached(data.path(), Some(cache.path())).unwrap();
    assert_ne!(changed, first);
    assert_eq!(changed.population.as_ref().unwrap().get(371, 2016), Some(3000.0));
    // Damaged in every way a file can be: each is ignored, the answer parsed again, the file rewritten.
    let file = cache_file(data.path(), cache.path());
    let good = std::fs::read(&file).unwrap();
    let mut flipped = good.clone();
    flipped[MAGIC.len()] = 7; // a part flag that is neither 0 nor 1
    for bad in
        [Vec::new(), good[..good.len() / 2].to_vec(), b"HGSTRUC1 garbage".to_vec(), flipped, [&good[..], b"x"].concat()]
    {
        std::fs::write(&file, &bad).unwrap();
        assert_eq!(load_dir_cached(data.path(), Some(cache.path())).unwrap(), changed);
        assert_eq!(std::fs::read(&file).unwrap(), good, "rebuilt");
    }
}

#[test]
fn the_same_files_elsewhere_hit_and_name_where_they_are_now() {
    let (data, cache) = (data_dir(), tempfile::tempdir().unwrap());
    load_dir_cached(data.path(), Some(cache.path())).unwrap();
    let moved = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(data.path()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, moved.path().join(p.file_name().unwrap())).unwrap();
    }
    assert_eq!(cache_file(moved.path(), cache.path()), cache_file(data.path(), cache.path()));
    let hit = load_dir_cached(moved.path(), Some(cache.path())).unwrap();
    assert_eq!(hit, super::super::load_dir(moved.path()).unwrap(), "paths and diagnostics name the new folder");
    assert!(hit.inputs().iter().all(|i| i.path.starts_with(moved.path())));
}

#[test]
fn a_cache_that_cannot_be_written_only_costs_speed() {
    let data = data_dir();
    let not_a_dir = data.path().join(format!("{POPULATION}.csv"));
    let s = load_dir_cached(data.path(), Some(&not_a_dir)).unwrap();
    assert_eq!(s, super::super::load_dir(data.path()).unwrap());
}

#[test]
fn a_missing_dataset_is_part_of_the_key() {
    let (data, cache) = (data_dir(), tempfile::tempdir().unwrap());
    let all = load_dir_cached(data.path(), Some(cache.path())).unwrap();
    std::fs::remove_file(data.path().join(format!("{TRADE_NATIONAL}.csv"))).unwrap();
    let without_trade = load_dir_cached(data.path(), Some(cache.path())).unwrap();
    assert!(all.trade.is_some() && without_trade.trade.is_none());
    assert_eq!(without_trade, super::super::load_dir(data.path()).unwrap());
}
