//! Helpers shared by the integration tests: a store with one document, and
//! its row counts (to show a failed ingest left it as it was).

use hegemony_evidence::{Gazetteer, Store};

pub fn counts(path: &std::path::Path) -> (i64, i64, i64, i64) {
    let c = rusqlite::Connection::open(path).unwrap();
    let n = |t: &str| c.query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0)).unwrap();
    (n("documents"), n("versions"), n("passages"), n("candidates"))
}

pub fn setup() -> (tempfile::TempDir, std::path::PathBuf, Store, Gazetteer) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ev.sqlite");
    let mut store = Store::open(&db).unwrap();
    let gaz = Gazetteer::build(None);
    store.ingest("base.txt", "Russia and Armenia signed a treaty on 16 March 1995.".as_bytes(), &gaz).unwrap();
    (dir, db, store, gaz)
}
