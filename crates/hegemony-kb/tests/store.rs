//! The embedded database: cached by input hash, rebuilt atomically, and left
//! intact by a failed or interrupted load.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use hegemony_kb::*;

fn opts(user: &Path, db: &Path) -> LoadOptions {
    LoadOptions { base: Base::Embedded, user_dirs: vec![user.to_path_buf()], db: DbLocation::At(db.to_path_buf()) }
}

fn user_fact(id: &str, title: &str) -> String {
    format!(
        "[[event]]\nid = \"{id}\"\ntitle = \"{title}\"\nevent_type = \"other\"\nactors = [\"ARM\", \"RUS\"]\ndate = \"2025-01\"\nconfidence = 0.5\nsources = [{{ kind = \"unverified\", note = \"test\" }}]\n"
    )
}

#[test]
fn database_is_cached_by_input_hash() {
    let tmp = tempfile::tempdir().unwrap();
    let (user, db) = (tmp.path().join("user"), tmp.path().join("cache/kb.sqlite"));
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(user.join("mine.toml"), user_fact("my-event", "First")).unwrap();

    let a = KnowledgeBase::load(&opts(&user, &db)).unwrap();
    assert!(a.rebuilt && db.exists());
    assert_eq!(a.get("my-event").unwrap().origin.layer, Layer::User);
    let b = KnowledgeBase::load(&opts(&user, &db)).unwrap();
    assert!(!b.rebuilt, "same inputs: read from the database");
    assert_eq!(a.facts(), b.facts(), "the database round-trips every fact");

    std::fs::write(user.join("mine.toml"), user_fact("my-event", "Second")).unwrap();
    let c = KnowledgeBase::load(&opts(&user, &db)).unwrap();
    assert!(c.rebuilt);
    assert_eq!(c.get("my-event").unwrap().title, "Second");
}

#[test]
fn invalid_files_leave_the_previous_database_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let (user, db) = (tmp.path().join("user"), tmp.path().join("kb.sqlite"));
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(user.join("mine.toml"), user_fact("my-event", "Good")).unwrap();
    let good = KnowledgeBase::load(&opts(&user, &db)).unwrap();

    std::fs::write(user.join("mine.toml"), user_fact("my-event", "Bad").replace("2025-01", "2025-13")).unwrap();
    match KnowledgeBase::load(&opts(&user, &db)) {
        Err(LoadError::Invalid(errs)) => assert_eq!(errs[0].kind, ErrorKind::ImpossibleDate),
        other => panic!("expected validation errors, got {other:?}"),
    }
    let (hash, facts) = store::read_db(&db).unwrap();
    assert_eq!(hash, good.input_hash);
    assert_eq!(facts.iter().find(|f| f.id == "my-event").unwrap().title, "Good");
}

/// Run as a child process by `killed_load_leaves_the_previous_database_intact`.
#[test]
fn crash_child() {
    let (Ok(user), Ok(db)) = (std::env::var("KB_CRASH_USER"), std::env::var("KB_CRASH_DB")) else { return };
    let _ = KnowledgeBase::load(&opts(Path::new(&user), Path::new(&db)));
    panic!("the parent should have killed this process during the load");
}

#[test]
fn killed_load_leaves_the_previous_database_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let (user, db, marker) = (tmp.path().join("user"), tmp.path().join("kb.sqlite"), tmp.path().join("paused"));
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(user.join("mine.toml"), user_fact("my-event", "Old")).unwrap();
    let old = KnowledgeBase::load(&opts(&user, &db)).unwrap();

    // New content; a child process loads it and is killed half-way through
    // writing the database.
    std::fs::write(user.join("mine.toml"), user_fact("my-event", "New")).unwrap();
    let half = old.facts().len() / 2;
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env("KB_CRASH_USER", &user)
        .env("KB_CRASH_DB", &db)
        .env("HEGEMONY_KB_TEST_PAUSE", format!("{half}:{}", marker.display()))
        .spawn()
        .unwrap();
    let start = Instant::now();
    while !marker.exists() {
        assert!(start.elapsed() < Duration::from_secs(120), "the child never reached the middle of the load");
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the child ended before the pause: {status}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // The half-written database is a separate file; the old one opens with the old content.
    let (hash, facts) = store::read_db(&db).unwrap();
    assert_eq!(hash, old.input_hash);
    assert_eq!(facts.len(), old.facts().len());
    assert_eq!(facts.iter().find(|f| f.id == "my-event").unwrap().title, "Old");

    // The next load rebuilds it with the new content.
    let new = KnowledgeBase::load(&opts(&user, &db)).unwrap();
    assert!(new.rebuilt);
    assert_eq!(new.get("my-event").unwrap().title, "New");
    assert_eq!(store::read_db(&db).unwrap().0, new.input_hash);
}

#[test]
fn works_with_no_data_directory() {
    let kb =
        KnowledgeBase::load(&LoadOptions { base: Base::Embedded, user_dirs: vec![], db: DbLocation::None }).unwrap();
    assert!(kb.db_path.is_none());
    assert!(kb.get("arm-csto").is_some());
    // An unwritable database location still gives a working knowledge base.
    let kb = KnowledgeBase::load(&LoadOptions {
        base: Base::Embedded,
        user_dirs: vec![],
        db: DbLocation::At("/proc/definitely/not/writable/kb.sqlite".into()),
    })
    .unwrap();
    assert!(kb.db_warning.is_some());
    assert!(kb.get("arm-csto").is_some());
}

#[test]
fn in_memory_database_answers_sql() {
    let kb = KnowledgeBase::embedded().unwrap();
    let conn = store::write_in_memory("x", kb.facts()).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM provisions p JOIN actors a ON a.fact_id = p.fact_id WHERE a.state = 'ARM' AND p.provision = 'unified_air_defence'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(n >= 1);
}
