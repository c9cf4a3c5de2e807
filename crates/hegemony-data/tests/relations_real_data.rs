//! The relations loaders on the real datasets of ../shared/data: rows counted, rows refused
//! named, and facts checked against the files' own rows (the README's example lines).

use hegemony_data::relations::{PowerKind, RivalryKind, load_dir};
use hegemony_test_support::shared_data;

#[test]
#[ignore = "real data: needs ../shared/data"]
fn the_relations_datasets_load_with_their_known_rows() {
    let dir = shared_data("ps_tss_rivalries.csv.gz");
    let r = load_dir(&dir).unwrap();
    assert!(r.missing().is_empty(), "missing: {:?}", r.missing());
    let rows: Vec<(String, u64)> =
        r.inputs().iter().map(|i| (i.path.file_name().unwrap().to_string_lossy().into_owned(), i.rows)).collect();
    // Row counts as ../shared/data/README.md gives them.
    let expected = [
        ("ps_tss_rivalries.csv.gz", 264),
        ("ps_td_rivalries.csv.gz", 197),
        ("ps_cow_mid_ddydisps.csv.gz", 10_234),
        ("ps_cow_contdir.csv.gz", 1_874),
        ("ps_cow_majors.csv.gz", 14),
        ("ps_maoz_powers.csv.gz", 20),
        ("ps_cow_nmc.csv.gz", 17_121),
    ];
    assert_eq!(rows, expected.iter().map(|(n, c)| (n.to_string(), *c)).collect::<Vec<_>>());

    let tss = r.tss.as_ref().unwrap();
    let arm_aze: Vec<_> = tss.between(373, 371, 2016).collect();
    assert_eq!((arm_aze[0].id, arm_aze[0].start, arm_aze[0].end), (199, 1991, 2020));
    assert!(arm_aze[0].kinds.contains(&RivalryKind::Spatial) && arm_aze[0].principal);
    assert_eq!(tss.last_year, 2020);
    let td = r.td.as_ref().unwrap();
    assert_eq!(td.between(371, 373, 2005).next().map(|x| x.id), Some(180));
    assert_eq!(td.last_year, 2010);

    let mid = r.disputes.as_ref().unwrap();
    let d = mid.between(371, 373, 1992).expect("the 1992 Armenia-Azerbaijan dispute");
    assert_eq!((d.dispute, d.hostility), (3564, Some(4)));
    assert_eq!(mid.between(370, 368, 2001).map(|x| x.dispute), Some(4240));
    assert_eq!((mid.first_year, mid.last_year), (1816, 2014));

    let cont = r.contiguity.as_ref().unwrap();
    let c2000 = cont.in_year(2000);
    assert!(c2000.iter().any(|c| (c.a, c.b, c.kind) == (371, 372, 1)), "Armenia-Georgia land border");
    assert!(c2000.iter().any(|c| (c.a, c.b, c.kind) == (2, 365, 2)), "Alaska-Chukotka, 12 miles of water");
    assert_eq!(cont.last_year, 2016);

    let maj = r.majors.as_ref().unwrap();
    assert!(maj.has(365, 2000, PowerKind::Major) && maj.has(710, 2000, PowerKind::Major));
    let maoz = r.maoz.as_ref().unwrap();
    assert!(maoz.has(2, 2000, PowerKind::Global) && maoz.has(365, 2000, PowerKind::Regional));
    assert!(maoz.has(365, 1980, PowerKind::Global));
    assert_eq!(maoz.last_year, 2019);

    let nmc = r.capabilities.as_ref().unwrap();
    assert_eq!(nmc.cinc(370, 1991), Some(0.0022595255));
    assert_eq!(nmc.get(370, 1991).unwrap().milex, None, "Belarus 1991 has no military expenditure");
    assert_eq!((nmc.first_year, nmc.last_year), (1816, 2022));
}

#[test]
#[ignore = "real data: needs ../shared/data"]
fn the_only_rows_refused_are_states_the_registry_does_not_know() {
    let r = load_dir(&shared_data("ps_tss_rivalries.csv.gz")).unwrap();
    let refused: Vec<(String, &str)> = r
        .diagnostics
        .items
        .iter()
        .map(|d| (d.file.file_name().unwrap().to_string_lossy().into_owned(), d.value.as_str()))
        .collect();
    // Venice, which peacesciencer codes 324 and the COW state list does not have: two rivalries in
    // each rivalry file, all before 1800.
    assert!(r.diagnostics.items.iter().all(|d| d.reason == "unknown COW state code"), "{refused:?}");
    assert_eq!(refused.iter().filter(|(_, v)| *v == "324").count(), 4, "{refused:?}");
    assert_eq!(refused.len(), 4, "{refused:?}");
}
