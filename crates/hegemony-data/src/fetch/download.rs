//! The transfer: one file into its `.part`, resumed with `Range` after a dropped connection, until it verifies.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

use super::COPY_BUFFER;
use super::atomic::remove_if_exists;
use super::checksum::{Digests, hash_file, verify, with_path};
use super::error::FetchError;
use super::http::{content_range_start, content_range_total, error_detail, header_str};
use super::options::{FetchOptions, FetchOutcome, Progress};
use super::release::RemoteFile;

/// Downloads into `part` (resuming it when possible) until it verifies, retrying dropped connections.
pub(super) fn download_verified(
    agent: &ureq::Agent,
    url: &str,
    part: &Path,
    file: &RemoteFile,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<(Digests, FetchOutcome), FetchError> {
    let mut retries_left = opts.retries;
    let mut tally = Tally::default();
    let mut restarted_after_mismatch = false;
    loop {
        match download_once(agent, url, part, file.size, &mut tally, progress) {
            Ok(()) => {}
            Err(e) if e.is_resumable() && retries_left > 0 => {
                retries_left -= 1;
                progress.message(&format!("{e}; retrying ({retries_left} retries left)"));
                std::thread::sleep(opts.retry_delay);
                continue;
            }
            Err(e) => return Err(e),
        }

        progress.message("verifying");
        let digests = hash_file(part, file.checksum.as_ref().map(|c| c.algorithm))?;
        match verify(file, &digests) {
            Ok(()) => {
                let outcome = FetchOutcome::Downloaded { resumed_from: tally.resumed_from, restarts: tally.restarts };
                return Ok((digests, outcome));
            }
            Err(e) => {
                remove_if_exists(part)?;
                // A resumed `.part` may come from an older release of the same name: one clean retry.
                if tally.resumed_from.is_some() && !restarted_after_mismatch {
                    restarted_after_mismatch = true;
                    tally.restarts += 1;
                    progress.message(&format!("{e}; downloading again from byte 0"));
                    continue;
                }
                return Err(with_path(e, part));
            }
        }
    }
}

/// What the requests of one fetch did, for the report.
#[derive(Default)]
struct Tally {
    requests: u32,
    /// Size of the `.part` left by an earlier run that the first request continued (or found complete).
    resumed_from: Option<u64>,
    /// Transfers begun again from byte 0.
    restarts: u32,
}

/// One HTTP request appending to `part`. Leaves the `.part` in place on a dropped connection.
fn download_once(
    agent: &ureq::Agent,
    url: &str,
    part: &Path,
    expected_size: Option<u64>,
    tally: &mut Tally,
    progress: &mut dyn Progress,
) -> Result<(), FetchError> {
    let first = tally.requests == 0;
    tally.requests += 1;
    let mut offset = match fs::metadata(part) {
        Ok(m) => m.len(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => 0,
        Err(e) => return Err(FetchError::io("inspect", part, e)),
    };
    if let Some(total) = expected_size {
        if offset == total {
            // Complete already (e.g. a previous run stopped before the rename): just verify it.
            if first {
                tally.resumed_from = Some(offset);
            }
            return Ok(());
        }
        if offset > total {
            remove_if_exists(part)?;
            offset = 0;
        }
    }

    let mut request = agent.get(url);
    if offset > 0 {
        request = request.header("Range", format!("bytes={offset}-"));
        progress.message(&format!("resuming from byte {offset}"));
    }
    let mut resp = request.call().map_err(|source| FetchError::Network { url: url.to_string(), source })?;
    let status = resp.status();
    match status.as_u16() {
        200 => {
            if offset > 0 {
                progress.message("the server ignored the range request; starting again from byte 0");
                offset = 0;
                tally.restarts += 1;
            }
        }
        206 if offset > 0 => {
            let answer = header_str(resp.headers(), "content-range");
            if content_range_start(&answer) != Some(offset) {
                remove_if_exists(part)?;
                return Err(FetchError::UnexpectedRange {
                    url: url.to_string(),
                    asked: offset,
                    answer: format!("206 Content-Range {answer:?}"),
                });
            }
            if first {
                tally.resumed_from = Some(offset);
            }
        }
        416 if offset > 0 => {
            remove_if_exists(part)?;
            return Err(FetchError::UnexpectedRange {
                url: url.to_string(),
                asked: offset,
                answer: "416 Range Not Satisfiable".into(),
            });
        }
        _ => {
            let detail = error_detail(status, resp.body_mut());
            return Err(FetchError::Http { url: url.to_string(), status: status.as_u16(), detail });
        }
    }

    let content_length = header_str(resp.headers(), "content-length").trim().parse::<u64>().ok();
    // The size the server claims for the whole file, to catch a wrong file before writing a byte.
    let announced =
        if offset > 0 { content_range_total(&header_str(resp.headers(), "content-range")) } else { content_length };
    if let (Some(expected), Some(announced)) = (expected_size, announced.filter(|a| Some(*a) != expected_size)) {
        remove_if_exists(part)?;
        return Err(FetchError::ServerSizeMismatch { url: url.to_string(), expected, announced });
    }
    let total = expected_size.or(content_length.map(|n| n + offset));
    let mut out = OpenOptions::new()
        .create(true)
        .write(true)
        .append(offset > 0)
        .truncate(offset == 0)
        .open(part)
        .map_err(|e| FetchError::io("open", part, e))?;

    progress.start(total);
    if offset > 0 {
        progress.advance(offset);
    }
    let result = copy_body(&mut resp.into_body().into_reader(), &mut out, progress);
    progress.finish();
    let received = offset + result.as_ref().copied().unwrap_or_else(|(n, _)| *n);
    // Whatever arrived is kept on disk, so the next request can continue after it.
    out.sync_all().map_err(|e| FetchError::io("sync", part, e))?;
    drop(out);

    let dropped = |reason: String| FetchError::ConnectionDropped {
        url: url.to_string(),
        received,
        expected: total,
        part: part.to_path_buf(),
        reason,
    };
    match result {
        Err((_, CopyError::Write(e))) => Err(FetchError::io("write", part, e)),
        Err((_, CopyError::Read(e))) => Err(dropped(e.to_string())),
        Ok(_) => match total {
            Some(t) if received < t => Err(dropped("the body ended early".to_string())),
            Some(t) if received > t => {
                remove_if_exists(part)?;
                Err(FetchError::SizeMismatch { path: part.to_path_buf(), expected: t, actual: received })
            }
            _ => Ok(()),
        },
    }
}

enum CopyError {
    Read(io::Error),
    Write(io::Error),
}

/// Copies the body; on error also returns how many bytes were written before it.
fn copy_body(reader: &mut dyn Read, out: &mut File, progress: &mut dyn Progress) -> Result<u64, (u64, CopyError)> {
    let mut buf = vec![0u8; COPY_BUFFER];
    let mut written = 0u64;
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => return Ok(written),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err((written, CopyError::Read(e))),
        };
        out.write_all(&buf[..n]).map_err(|e| (written, CopyError::Write(e)))?;
        written += n as u64;
        progress.advance(n as u64);
    }
}
