//! A tiny Dataverse and UN Digital Library look-alike for the fetch tests: HTTP/1.1 over `std::net::TcpListener` on 127.0.0.1,
//! one connection at a time, `Connection: close` on every answer.
//!
//! It serves the native-API dataset JSON, the data-access file bytes with `Range: bytes=N-` (206), the
//! UN Digital Library's file list of a record and its files by name, and can
//! misbehave on request: drop the connection after a given byte, ignore Range, answer an error status,
//! redirect to a storage URL. It logs every request so tests can check what the client asked for.
//! Bounded: every socket has 5 s timeouts, and dropping the server stops and joins its thread.

#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use hegemony_data::fetch::{FetchOptions, Progress};
use md5::Digest as _;

pub const PID: &str = "hdl:1902.1/12379";
/// The UN Digital Library record of the General Assembly voting data.
pub const UNDL_RECID: &str = "4060887";
const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Logged {
    /// Path with query, e.g. `/api/access/datafile/7?format=original`.
    pub target: String,
    /// The `Range` header, if any.
    pub range: Option<String>,
    /// The status answered.
    pub status: u16,
}

/// How the server behaves; tests change it between fetches.
#[derive(Debug, Default, Clone)]
pub struct Behavior {
    /// Close the connection after sending this many body bytes of a response…
    pub drop_after: Option<u64>,
    /// …for this many responses (each drop uses one up).
    pub drops_left: u32,
    /// Answer every file request with 200 and the whole file, whatever the Range.
    pub ignore_range: bool,
    /// Answer file requests with this status and a Dataverse-style JSON error.
    pub file_status: Option<u16>,
    /// Answer metadata requests with this status and a Dataverse-style JSON error.
    pub metadata_status: Option<u16>,
    /// Answer `/api/access/datafile/ID` with a 303 to `/storage/ID`, as Harvard does for S3.
    pub redirect_files: bool,
}

struct State {
    /// Full envelope for `GET /api/datasets/:persistentId/?persistentId=PID`.
    dataset_json: String,
    /// Envelopes for `GET /api/datasets/:persistentId/versions/V?persistentId=PID`, by V.
    version_json: HashMap<String, String>,
    files: HashMap<u64, Arc<Vec<u8>>>,
    /// The body of `GET /api/v1/file?recid=UNDL_RECID`, if served.
    undl_listing: Option<String>,
    /// Files served as `/record/UNDL_RECID/files/NAME`.
    named_files: HashMap<String, Arc<Vec<u8>>>,
    behavior: Behavior,
    log: Vec<Logged>,
}

pub struct TestServer {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server holding one dataset version (`dataset_json`, a full API envelope) and the bytes of
    /// its files by id.
    pub fn start(dataset_json: String, files: Vec<(u64, Vec<u8>)>) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        listener.set_nonblocking(true).expect("nonblocking listener");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(Mutex::new(State {
            dataset_json,
            version_json: HashMap::new(),
            files: files.into_iter().map(|(id, b)| (id, Arc::new(b))).collect(),
            undl_listing: None,
            named_files: HashMap::new(),
            behavior: Behavior::default(),
            log: Vec::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (state, stop) = (state.clone(), stop.clone());
            std::thread::spawn(move || accept_loop(listener, state, stop))
        };
        TestServer { addr, state, stop, thread: Some(thread) }
    }

    /// Starts a server holding a UN Digital Library record: its file list (`listing`, `None` for a
    /// 404) and its files by name.
    pub fn start_undl(listing: Option<String>, files: Vec<(&str, Vec<u8>)>) -> TestServer {
        let server = TestServer::start(String::new(), Vec::new());
        {
            let mut st = server.state.lock().unwrap();
            st.undl_listing = listing;
            st.named_files = files.into_iter().map(|(n, b)| (n.to_string(), Arc::new(b))).collect();
        }
        server
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Fetch options aimed at this server, with short timeouts and no automatic retries.
    pub fn options(&self) -> FetchOptions {
        FetchOptions {
            base_url: Some(self.base_url()),
            retries: 0,
            retry_delay: Duration::ZERO,
            connect_timeout: IO_TIMEOUT,
            read_timeout: IO_TIMEOUT,
            ..FetchOptions::default()
        }
    }

    pub fn set_behavior(&self, b: Behavior) {
        self.state.lock().unwrap().behavior = b;
    }

    pub fn add_version(&self, label: &str, envelope: String) {
        self.state.lock().unwrap().version_json.insert(label.to_string(), envelope);
    }

    pub fn log(&self) -> Vec<Logged> {
        self.state.lock().unwrap().log.clone()
    }

    /// Requests for file bytes (data access or storage), in order.
    pub fn file_requests(&self) -> Vec<Logged> {
        self.log()
            .into_iter()
            .filter(|l| {
                l.target.starts_with("/api/access/")
                    || l.target.starts_with("/storage/")
                    || l.target.contains("/files/")
            })
            .collect()
    }

    pub fn clear_log(&self) {
        self.state.lock().unwrap().log.clear();
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn accept_loop(listener: TcpListener, state: Arc<Mutex<State>>, stop: Arc<AtomicBool>) {
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                // A failed connection only fails the test that caused it; keep serving.
                let _ = handle(stream, &state);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => return,
        }
    }
}

fn handle(stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut range = None;
    // Headers: bounded in count so a confused client cannot keep us here.
    for _ in 0..100 {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((_, v)) = line.split_once(':').filter(|(k, _)| k.trim().eq_ignore_ascii_case("range")) {
            range = Some(v.trim().to_string());
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("").to_string());
    let mut out = stream;
    let mut st = state.lock().unwrap();
    let status = if method != "GET" {
        respond(&mut out, 405, "text/plain", &[], b"GET only")?
    } else {
        route(&mut out, &mut st, &target, range.as_deref())?
    };
    st.log.push(Logged { target, range, status });
    Ok(())
}

fn route(out: &mut TcpStream, st: &mut State, target: &str, range: Option<&str>) -> std::io::Result<u16> {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if let Some(rest) = path.strip_prefix("/api/datasets/:persistentId/") {
        if let Some(code) = st.behavior.metadata_status {
            return respond_error(out, code, "metadata is unavailable");
        }
        if query_param(query, "persistentId").as_deref() != Some(PID) {
            return respond_error(out, 404, "Dataset with Persistent ID not found.");
        }
        let body = if rest.is_empty() {
            Some(st.dataset_json.clone())
        } else if let Some(v) = rest.strip_prefix("versions/") {
            st.version_json.get(v.trim_end_matches('/')).cloned()
        } else {
            None
        };
        return match body {
            Some(b) => respond(out, 200, "application/json", &[], b.as_bytes()),
            None => respond_error(out, 404, "Dataset version not found."),
        };
    }
    if let Some(id) = path.strip_prefix("/api/access/datafile/") {
        if let Some(code) = st.behavior.file_status {
            return respond_error(out, code, "file access failed");
        }
        if st.behavior.redirect_files {
            let location = format!("/storage/{id}");
            return respond(out, 303, "text/plain", &[("Location", location.as_str())], b"");
        }
        return serve_file(out, st, id, range);
    }
    if let Some(id) = path.strip_prefix("/storage/") {
        return serve_file(out, st, id, range);
    }
    if path == "/api/v1/file" {
        return match (&st.undl_listing, query_param(query, "recid").as_deref() == Some(UNDL_RECID)) {
            (Some(body), true) => respond(out, 200, "application/json", &[], body.clone().as_bytes()),
            _ => respond(out, 404, "text/html", &[], b"<html>Not found</html>"),
        };
    }
    if let Some(name) = path.strip_prefix(&format!("/record/{UNDL_RECID}/files/")) {
        if let Some(code) = st.behavior.file_status {
            return respond(out, code, "text/html", &[], b"<html>error</html>");
        }
        let Some(bytes) = st.named_files.get(name).cloned() else {
            return respond(out, 404, "text/html", &[], b"<html>Not found</html>");
        };
        return serve_bytes(out, st, bytes, range);
    }
    respond_error(out, 404, "no such endpoint")
}

fn serve_file(out: &mut TcpStream, st: &mut State, id: &str, range: Option<&str>) -> std::io::Result<u16> {
    let Some(bytes) = id.parse::<u64>().ok().and_then(|id| st.files.get(&id)).cloned() else {
        return respond_error(out, 404, "File not found.");
    };
    serve_bytes(out, st, bytes, range)
}

/// The bytes of a file, honouring `Range: bytes=N-` and the misbehaviour asked for.
fn serve_bytes(out: &mut TcpStream, st: &mut State, bytes: Arc<Vec<u8>>, range: Option<&str>) -> std::io::Result<u16> {
    let len = bytes.len() as u64;
    let start = match range.and_then(|r| r.strip_prefix("bytes=")).and_then(|r| r.strip_suffix('-')) {
        Some(n) if !st.behavior.ignore_range => n.parse::<u64>().unwrap_or(0),
        _ => 0,
    };
    if start > 0 && start >= len {
        let cr = format!("bytes */{len}");
        return respond(out, 416, "text/plain", &[("Content-Range", cr.as_str())], b"");
    }
    let (status, content_range) =
        if start > 0 { (206, Some(format!("bytes {start}-{}/{len}", len - 1))) } else { (200, None) };
    // Where to cut the connection, if this response is one of the dropped ones.
    let cut = match st.behavior.drop_after {
        Some(k) if st.behavior.drops_left > 0 && start + k < len => {
            st.behavior.drops_left -= 1;
            Some(start + k)
        }
        _ => None,
    };
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\n\
         Accept-Ranges: bytes\r\nConnection: close\r\n",
        reason(status),
        len - start
    );
    if let Some(cr) = content_range {
        head.push_str(&format!("Content-Range: {cr}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    let end = cut.unwrap_or(len);
    for chunk in bytes[start as usize..end as usize].chunks(16 << 10) {
        out.write_all(chunk)?;
    }
    out.flush()?;
    if cut.is_some() {
        // Close with the body unfinished: the client sees EOF before Content-Length.
        let _ = out.shutdown(std::net::Shutdown::Both);
    }
    Ok(status)
}

fn respond_error(out: &mut TcpStream, status: u16, message: &str) -> std::io::Result<u16> {
    let body = serde_json::json!({"status": "ERROR", "message": message}).to_string();
    respond(out, status, "application/json", &[], body.as_bytes())
}

fn respond(
    out: &mut TcpStream,
    status: u16,
    content_type: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> std::io::Result<u16> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()?;
    Ok(status)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        303 => "See Other",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Whatever",
    }
}

fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == name).then(|| v.replace("%3A", ":").replace("%2F", "/"))
    })
}

// ---------------------------------------------------------------------------------------------------------
// Building Dataverse JSON

/// A file as listed in a dataset version.
pub struct ListedFile {
    pub id: u64,
    pub name: String,
    pub size: u64,
    /// `("MD5", hex)`, `("SHA-1", hex)`, …; `None` lists no checksum.
    pub checksum: Option<(String, String)>,
    /// Put the checksum in the legacy `md5` field instead of `checksum`.
    pub legacy_md5_field: bool,
    /// Present it as an ingested tabular file: `NAME.tab` with `originalFileName` = `name`.
    pub tabular: bool,
}

impl ListedFile {
    /// A plain (non-ingested) file with its true size and MD5.
    pub fn with_md5(id: u64, name: &str, bytes: &[u8]) -> ListedFile {
        ListedFile {
            id,
            name: name.to_string(),
            size: bytes.len() as u64,
            checksum: Some(("MD5".into(), md5_hex(bytes))),
            legacy_md5_field: false,
            tabular: false,
        }
    }
}

/// The `data.latestVersion`-shaped object for one version.
pub fn version_object(major: u64, minor: u64, files: &[ListedFile]) -> serde_json::Value {
    let files: Vec<serde_json::Value> = files
        .iter()
        .map(|f| {
            let mut df = serde_json::json!({ "id": f.id, "contentType": "text/csv" });
            if f.tabular {
                let tab = format!("{}.tab", f.name.rsplit_once('.').map_or(f.name.as_str(), |(s, _)| s));
                df["filename"] = tab.clone().into();
                // The .tab rendering has another size; the recorded checksum is the original's.
                df["filesize"] = (f.size / 2 + 1).into();
                df["originalFileName"] = f.name.clone().into();
                df["originalFileSize"] = f.size.into();
                df["originalFileFormat"] = "text/csv".into();
                df["tabularData"] = true.into();
            } else {
                df["filename"] = f.name.clone().into();
                df["filesize"] = f.size.into();
                df["tabularData"] = false.into();
            }
            match (&f.checksum, f.legacy_md5_field) {
                (Some((_, v)), true) => df["md5"] = v.clone().into(),
                (Some((t, v)), false) => df["checksum"] = serde_json::json!({ "type": t, "value": v }),
                (None, _) => {}
            }
            let label = df["filename"].clone();
            serde_json::json!({ "label": label, "restricted": false, "version": 1, "dataFile": df })
        })
        .collect();
    serde_json::json!({
        "id": 1000 + major,
        "versionNumber": major,
        "versionMinorNumber": minor,
        "versionState": "RELEASED",
        "releaseTime": "2024-06-24T12:00:00Z",
        "files": files,
    })
}

/// The envelope of `GET /api/datasets/:persistentId/`.
pub fn dataset_envelope(version: serde_json::Value) -> String {
    serde_json::json!({
        "status": "OK",
        "data": { "id": 42, "identifier": "1902.1/12379", "protocol": "hdl", "latestVersion": version }
    })
    .to_string()
}

/// The UN Digital Library's file list of a record: each file as `{name, format, size, checksum}`, the
/// name without its extension, and the MD5 given or not.
pub fn undl_listing(files: &[(&str, &[u8])], with_md5: bool) -> String {
    let entries: Vec<serde_json::Value> = files
        .iter()
        .map(|(name, bytes)| {
            let (stem, ext) = name.rsplit_once('.').map_or((*name, ""), |(s, e)| (s, e));
            let mut v = serde_json::json!({
                "name": stem, "format": format!(".{ext}"), "size": bytes.len(), "version": 1,
                "url": format!("https://digitallibrary.un.org/record/{UNDL_RECID}/files/{name}"),
            });
            if with_md5 {
                v["checksum"] = md5_hex(bytes).into();
            }
            v
        })
        .collect();
    serde_json::Value::Array(entries).to_string()
}

/// The envelope of `GET /api/datasets/:persistentId/versions/V`.
pub fn version_envelope(version: serde_json::Value) -> String {
    serde_json::json!({ "status": "OK", "data": version }).to_string()
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

pub fn md5_hex(bytes: &[u8]) -> String {
    hex(&md5::Md5::digest(bytes))
}

pub fn sha1_hex(bytes: &[u8]) -> String {
    hex(&sha1::Sha1::digest(bytes))
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&sha2::Sha256::digest(bytes))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Deterministic bytes that are not all alike, so offsets matter.
pub fn synthetic_bytes(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Records what `fetch` reported through [`Progress`].
#[derive(Debug, Default)]
pub struct Recorder {
    pub starts: Vec<Option<u64>>,
    pub advanced: u64,
    pub finishes: u32,
    pub messages: Vec<String>,
}

impl Progress for Recorder {
    fn start(&mut self, total: Option<u64>) {
        self.starts.push(total);
    }
    fn advance(&mut self, n: u64) {
        self.advanced += n;
    }
    fn finish(&mut self) {
        self.finishes += 1;
    }
    fn message(&mut self, msg: &str) {
        self.messages.push(msg.to_string());
    }
}

/// Reads a whole file, or panics naming it.
pub fn read(path: &std::path::Path) -> Vec<u8> {
    let mut v = Vec::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_end(&mut v))
        .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    v
}
