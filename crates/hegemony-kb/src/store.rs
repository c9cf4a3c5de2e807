//! The embedded database: the compiled knowledge base in SQLite.
//!
//! The database is a cache of the text files, keyed by a hash of their
//! contents. It is always built in a separate file inside one transaction and
//! then renamed over the previous database, so a validation failure, an error
//! or a crash half-way through a load leaves the previous database intact.
//!
//! Tables (for users who query it with SQL): `meta`, `facts` (one row per
//! fact, with its JSON), `actors`, `provisions`, `spells`, `troops`, `sources`.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use crate::model::{Detail, Fact};
use crate::parse::KbFile;

/// Bumped whenever the schema or the JSON of facts changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Errors of the database layer.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("knowledge-base database {path}: {source}")]
    /// An SQLite error.
    Sqlite {
        /// The database file.
        path: String,
        #[source]
        /// What SQLite reported.
        source: rusqlite::Error,
    },
    #[error("knowledge-base database {path}: {message}")]
    /// A file operation on the database failed.
    Io {
        /// The path.
        path: String,
        /// What the operating system reported.
        message: String,
    },
}

fn sql(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite { path: path.display().to_string(), source }
}

/// A stable hash (FNV-1a, 64 bit) of the schema version and every input file.
pub fn input_hash(files: &[KbFile]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator so that ("ab","c") and ("a","bc") differ.
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    feed(&SCHEMA_VERSION.to_le_bytes());
    feed(env!("CARGO_PKG_VERSION").as_bytes());
    for f in files {
        feed(format!("{:?}", f.layer).as_bytes());
        feed(f.path.as_bytes());
        feed(f.text.as_bytes());
    }
    format!("{h:016x}")
}

/// Reads the facts of a database if it exists, is readable and was built
/// from inputs with `hash`. Any other case gives `None` (rebuild).
pub fn read_if_fresh(path: &Path, hash: &str) -> Option<Vec<Fact>> {
    if !path.exists() {
        return None;
    }
    let (stored, facts) = read_db(path).ok()?;
    (stored == hash).then_some(facts)
}

/// Reads a database: its input hash and all facts.
pub fn read_db(path: &Path) -> Result<(String, Vec<Fact>), StoreError> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(sql(path))?;
    let version: String =
        conn.query_row("SELECT value FROM meta WHERE key = 'schema_version'", [], |r| r.get(0)).map_err(sql(path))?;
    if version != SCHEMA_VERSION.to_string() {
        return Err(StoreError::Io {
            path: path.display().to_string(),
            message: format!("schema version {version}, expected {SCHEMA_VERSION}"),
        });
    }
    let hash: String =
        conn.query_row("SELECT value FROM meta WHERE key = 'input_hash'", [], |r| r.get(0)).map_err(sql(path))?;
    let mut stmt = conn.prepare("SELECT json FROM facts ORDER BY id").map_err(sql(path))?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(sql(path))?;
    let mut facts = Vec::new();
    for row in rows {
        let json = row.map_err(sql(path))?;
        let fact: Fact = serde_json::from_str(&json)
            .map_err(|e| StoreError::Io { path: path.display().to_string(), message: format!("bad fact JSON: {e}") })?;
        facts.push(fact);
    }
    Ok((hash, facts))
}

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE facts (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL,
    start TEXT, start_earliest TEXT, \"end\" TEXT, end_latest TEXT,
    confidence REAL NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, layer TEXT NOT NULL,
    json TEXT NOT NULL);
CREATE TABLE actors (fact_id TEXT NOT NULL REFERENCES facts(id), state TEXT NOT NULL, role TEXT NOT NULL);
CREATE INDEX actors_state ON actors(state);
CREATE TABLE provisions (fact_id TEXT NOT NULL REFERENCES facts(id), provision TEXT NOT NULL, note TEXT);
CREATE TABLE spells (fact_id TEXT NOT NULL REFERENCES facts(id), state TEXT NOT NULL, org TEXT NOT NULL,
    status TEXT NOT NULL, \"from\" TEXT NOT NULL, \"to\" TEXT);
CREATE TABLE troops (fact_id TEXT NOT NULL REFERENCES facts(id), date TEXT NOT NULL, low INTEGER NOT NULL, high INTEGER NOT NULL);
CREATE TABLE sources (fact_id TEXT NOT NULL REFERENCES facts(id), ord INTEGER NOT NULL, kind TEXT NOT NULL,
    title TEXT, author TEXT, date TEXT, url TEXT, file TEXT, page TEXT, quote TEXT, note TEXT);
";

/// Test hook: `HEGEMONY_KB_TEST_PAUSE=N:MARKER` makes a load write the file
/// MARKER after inserting N facts and then sleep, so a test can kill the
/// process half-way through a load.
const PAUSE_ENV: &str = "HEGEMONY_KB_TEST_PAUSE";

fn pause_hook() -> Option<(usize, PathBuf)> {
    let v = std::env::var(PAUSE_ENV).ok()?;
    let (n, marker) = v.split_once(':')?;
    Some((n.parse().ok()?, PathBuf::from(marker)))
}

/// Writes `facts` into a new database and renames it over `path`.
pub fn write_db(path: &Path, hash: &str, facts: &[Fact]) -> Result<(), StoreError> {
    let io = |m: String| StoreError::Io { path: path.display().to_string(), message: m };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io(format!("cannot create {}: {e}", dir.display())))?;
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut conn = Connection::open(&tmp).map_err(sql(&tmp))?;
        let tx = conn.transaction().map_err(sql(&tmp))?;
        tx.execute_batch(SCHEMA).map_err(sql(&tmp))?;
        insert_all(&tx, &tmp, hash, facts)?;
        tx.commit().map_err(sql(&tmp))?;
        conn.close().map_err(|(_, e)| sql(&tmp)(e))?;
        std::fs::rename(&tmp, path).map_err(|e| io(format!("cannot replace the database: {e}")))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Fills an in-memory database (for callers who want SQL without a file).
pub fn write_in_memory(hash: &str, facts: &[Fact]) -> Result<Connection, StoreError> {
    let p = Path::new(":memory:");
    let mut conn = Connection::open_in_memory().map_err(sql(p))?;
    let tx = conn.transaction().map_err(sql(p))?;
    tx.execute_batch(SCHEMA).map_err(sql(p))?;
    insert_all(&tx, p, hash, facts)?;
    tx.commit().map_err(sql(p))?;
    Ok(conn)
}

fn insert_all(tx: &rusqlite::Transaction, path: &Path, hash: &str, facts: &[Fact]) -> Result<(), StoreError> {
    let e = sql(path);
    let meta = [
        ("schema_version", SCHEMA_VERSION.to_string()),
        ("input_hash", hash.to_string()),
        ("fact_count", facts.len().to_string()),
        ("program_version", env!("CARGO_PKG_VERSION").to_string()),
    ];
    for (k, v) in meta {
        tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", params![k, v]).map_err(&e)?;
    }
    let pause = pause_hook();
    let mut ins_fact = tx
        .prepare("INSERT INTO facts (id, kind, title, start, start_earliest, \"end\", end_latest, confidence, file, line, layer, json) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")
        .map_err(&e)?;
    let mut ins_actor = tx.prepare("INSERT INTO actors (fact_id, state, role) VALUES (?1, ?2, ?3)").map_err(&e)?;
    let mut ins_prov =
        tx.prepare("INSERT INTO provisions (fact_id, provision, note) VALUES (?1, ?2, ?3)").map_err(&e)?;
    let mut ins_spell = tx
        .prepare("INSERT INTO spells (fact_id, state, org, status, \"from\", \"to\") VALUES (?1,?2,?3,?4,?5,?6)")
        .map_err(&e)?;
    let mut ins_troops =
        tx.prepare("INSERT INTO troops (fact_id, date, low, high) VALUES (?1, ?2, ?3, ?4)").map_err(&e)?;
    let mut ins_src = tx
        .prepare("INSERT INTO sources (fact_id, ord, kind, title, author, date, url, file, page, quote, note) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)")
        .map_err(&e)?;
    for (n, f) in facts.iter().enumerate() {
        if let Some((at, marker)) = &pause
            && n == *at
        {
            let _ = std::fs::write(marker, b"paused");
            std::thread::sleep(std::time::Duration::from_secs(120));
        }
        let json = serde_json::to_string(f)
            .map_err(|er| StoreError::Io { path: path.display().to_string(), message: er.to_string() })?;
        let layer = format!("{:?}", f.origin.layer).to_lowercase();
        ins_fact
            .execute(params![
                f.id,
                f.kind().as_str(),
                f.title,
                f.start.map(|d| d.to_string()),
                f.start.map(|d| d.earliest().to_string()),
                f.end.map(|d| d.to_string()),
                f.end.map(|d| d.latest().to_string()),
                f.confidence,
                f.origin.file,
                f.origin.line as i64,
                layer,
                json
            ])
            .map_err(&e)?;
        for a in &f.actors {
            ins_actor.execute(params![f.id, a, "actor"]).map_err(&e)?;
        }
        for o in &f.orgs {
            ins_actor.execute(params![f.id, o, "org"]).map_err(&e)?;
        }
        match &f.detail {
            Detail::Agreement(a) => {
                for p in &a.provisions {
                    ins_prov.execute(params![f.id, p.kind.as_str(), p.note]).map_err(&e)?;
                }
            }
            Detail::Membership(m) => {
                for s in &m.spells {
                    ins_spell
                        .execute(params![
                            f.id,
                            m.state,
                            m.org,
                            s.status.as_str(),
                            s.from.to_string(),
                            s.to.map(|d| d.to_string())
                        ])
                        .map_err(&e)?;
                }
            }
            Detail::Presence(p) => {
                for t in &p.troops {
                    ins_troops.execute(params![f.id, t.date.to_string(), t.low, t.high]).map_err(&e)?;
                }
            }
            _ => {}
        }
        for (i, s) in f.sources.iter().enumerate() {
            ins_src
                .execute(params![
                    f.id,
                    i as i64,
                    s.kind,
                    s.title,
                    s.author,
                    s.date.map(|d| d.to_string()),
                    s.url,
                    s.file,
                    s.page,
                    s.quote,
                    s.note
                ])
                .map_err(&e)?;
        }
    }
    Ok(())
}
