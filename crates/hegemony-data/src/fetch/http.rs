//! The HTTP client and what it reads from responses (error messages, `Content-Range`).

use ureq::http::{HeaderMap, StatusCode};

use super::error::FetchError;
use super::options::FetchOptions;

/// Largest metadata JSON we accept (the biggest Dataverse dataset listings are a few MB).
const MAX_METADATA_BYTES: u64 = 64 << 20;

/// The body of a metadata request (a JSON listing), or the error status with the server's message.
pub(super) fn get_metadata(agent: &ureq::Agent, url: &str) -> Result<Vec<u8>, FetchError> {
    let network = |source| FetchError::Network { url: url.to_string(), source };
    let mut resp = agent.get(url).call().map_err(network)?;
    let status = resp.status();
    if !status.is_success() {
        let detail = error_detail(status, resp.body_mut());
        return Err(FetchError::Http { url: url.to_string(), status: status.as_u16(), detail });
    }
    resp.body_mut().with_config().limit(MAX_METADATA_BYTES).read_to_vec().map_err(network)
}

pub(super) fn build_agent(base: &str, opts: &FetchOptions) -> Result<ureq::Agent, FetchError> {
    let uri: ureq::http::Uri = base.parse().map_err(|e: ureq::http::uri::InvalidUri| FetchError::BadBaseUrl {
        url: base.to_string(),
        reason: e.to_string(),
    })?;
    let scheme_ok = matches!(uri.scheme_str(), Some("http" | "https"));
    if !scheme_ok || uri.host().is_none() {
        return Err(FetchError::BadBaseUrl {
            url: base.to_string(),
            reason: "expected http:// or https:// followed by a host".to_string(),
        });
    }
    let mut config = ureq::Agent::config_builder()
        // We read error statuses ourselves, to report Dataverse's message.
        .http_status_as_error(false)
        .user_agent(concat!("hegemony/", env!("CARGO_PKG_VERSION")))
        // Identity only: the byte counts and Range offsets must refer to the stored file.
        .accept_encoding("identity")
        .timeout_resolve(Some(opts.connect_timeout))
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_per_read(Some(opts.read_timeout));
    // A proxy from the environment cannot reach this machine's loopback; talk to it directly.
    if is_loopback_host(uri.host().unwrap_or_default()) {
        config = config.proxy(None);
    }
    Ok(config.build().new_agent())
}

fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// A short description of an error response: Dataverse's `message` field if it has one, else the text.
pub(super) fn error_detail(status: StatusCode, body: &mut ureq::Body) -> String {
    let reason = status.canonical_reason().unwrap_or("").to_string();
    let text = body.with_config().limit(64 << 10).lossy_utf8(true).read_to_string().unwrap_or_default();
    let message = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(str::to_string))
        .unwrap_or_else(|| text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect());
    match (reason.is_empty(), message.is_empty()) {
        (_, true) => reason,
        (true, false) => message,
        (false, false) => format!("{reason} ({message})"),
    }
}

pub(super) fn header_str(headers: &HeaderMap, name: &str) -> String {
    headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string()
}

/// Start offset of a `Content-Range: bytes START-END/TOTAL` header.
pub(super) fn content_range_start(value: &str) -> Option<u64> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    rest.split('-').next()?.trim().parse().ok()
}

/// Total size in a `Content-Range: bytes START-END/TOTAL` header (`None` for `*`).
pub(super) fn content_range_total(value: &str) -> Option<u64> {
    value.rsplit_once('/')?.1.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_parsing() {
        assert_eq!(content_range_start("bytes 100-199/200"), Some(100));
        assert_eq!(content_range_start("bytes */200"), None);
        assert_eq!(content_range_start(""), None);
        assert_eq!(content_range_total("bytes 100-199/200"), Some(200));
        assert_eq!(content_range_total("bytes 0-1/*"), None);
    }
}
