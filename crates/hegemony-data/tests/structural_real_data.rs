//! The structural cache on the real datasets of ../shared/data: a hit equals a parse, value for
//! value and diagnostic for diagnostic.

use hegemony_data::structural::{load_dir, load_dir_cached};
use hegemony_test_support::shared_data;

#[test]
#[ignore = "real data: needs ../shared/data"]
fn the_cached_structural_datasets_equal_the_parsed_ones() {
    let dir = shared_data("ps_cow_trade_ndy.csv.gz");
    let cache = tempfile::tempdir().unwrap();
    let parsed = load_dir(&dir).unwrap();
    assert!(parsed.population.is_some() && parsed.alliances.is_some() && parsed.trade.is_some());
    assert!(parsed.arms.is_some() && parsed.us_troops.is_some() && parsed.published_ideal.is_some());
    let miss = load_dir_cached(&dir, Some(cache.path())).unwrap();
    assert_eq!(miss, parsed);
    let hit = load_dir_cached(&dir, Some(cache.path())).unwrap();
    assert_eq!(hit, parsed);
    assert_eq!(std::fs::read_dir(cache.path()).unwrap().count(), 1, "one cache file");
}
