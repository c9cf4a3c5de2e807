//! Review: an accepted candidate becomes a knowledge-base fact (TOML, with the
//! span as its source's quote), and every candidate can be linked to the
//! facts it supports or contradicts.
//!
//! A new fact is appended to a user file only after the whole knowledge base
//! (the shipped files plus that file with the fact) compiles without error,
//! so `hegemony kb check` accepts what review writes. The file is written to
//! a temporary file and renamed into place.

use std::collections::BTreeMap;
use std::path::Path;

use hegemony_kb::{Detail, FactKind, KbFile, KnowledgeBase, Layer, MembershipStatus};
use serde::Serialize;

use crate::extract::Kind;
use crate::store::{Candidate, DocInfo, year_span};
use crate::{EvidenceError, Result};

/// How a candidate bears on a knowledge-base fact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    pub fact: String,
    /// `supports` or `contradicts`.
    pub relation: &'static str,
    pub why: String,
}

fn kb_kind(c: &Candidate) -> Option<FactKind> {
    match c.kind {
        Kind::Claim => Some(FactKind::Claim),
        Kind::Quantity if c.value.ends_with(" troops") => Some(FactKind::Presence),
        Kind::Quantity if c.value.ends_with(" percent") => Some(FactKind::Dependence),
        Kind::Relation => Some(match c.value.split('.').next().unwrap_or("") {
            "membership" => FactKind::Membership,
            "presence" => FactKind::Presence,
            "event" => FactKind::Event,
            _ => FactKind::Agreement,
        }),
        _ => None,
    }
}

fn cand_year(c: &Candidate) -> Option<i32> {
    let d = c.detail.get("date").and_then(|v| v.as_str())?;
    let (a, b) = year_span(d);
    (a == b).then_some(a)
}

/// Facts of the same kind and parties (and year, when the candidate has one)
/// that the candidate supports, and those it contradicts: a membership status
/// the knowledge base does not have in that year, a troop figure outside the
/// knowledge base's range for that year.
pub fn links(c: &Candidate, kb: &KnowledgeBase) -> Vec<Link> {
    let Some(kind) = kb_kind(c) else { return vec![] };
    let year = cand_year(c);
    let org = c.detail.get("org").and_then(|v| v.as_str()).map(|s| s.trim_start_matches("org:").to_string());
    let mut out = Vec::new();
    for f in kb.facts().iter().filter(|f| f.kind() == kind) {
        let parties_ok = !c.actors.is_empty() && c.actors.iter().all(|a| f.actors.contains(a));
        match (&f.detail, c.kind) {
            (Detail::Membership(m), Kind::Relation) => {
                let Some(org) = &org else { continue };
                if &m.org != org || c.actors.first().is_none_or(|s| *s != m.state) {
                    continue;
                }
                let want = match c.value.as_str() {
                    "membership.joined" => MembershipStatus::Member,
                    "membership.frozen" => MembershipStatus::Frozen,
                    _ => MembershipStatus::Withdrawn,
                };
                let Some(y) = year else {
                    out.push(Link {
                        fact: f.id.clone(),
                        relation: "supports",
                        why: "same state and organisation".into(),
                    });
                    continue;
                };
                let started = m.spells.iter().any(|s| s.status == want && s.from.year == y);
                let holds = m.spells.iter().any(|s| s.status == want && s.touches_year(y));
                if started || holds {
                    out.push(Link {
                        fact: f.id.clone(),
                        relation: "supports",
                        why: format!("{} {} in {y}", m.state, want.as_str()),
                    });
                } else {
                    out.push(Link {
                        fact: f.id.clone(),
                        relation: "contradicts",
                        why: format!(
                            "the knowledge base has no '{}' spell of {} in {} in {y}",
                            want.as_str(),
                            m.state,
                            m.org
                        ),
                    });
                }
            }
            (Detail::Presence(p), Kind::Quantity) => {
                if !c.actors.contains(&p.dominant) {
                    continue;
                }
                let Some(y) = year.or_else(|| doc_year(c)) else { continue };
                let n: f64 = c.value.split(' ').next().and_then(|x| x.parse().ok()).unwrap_or(-1.0);
                for t in p.troops.iter().filter(|t| t.date.year == y) {
                    let (lo, hi) = (t.low as f64, t.high as f64);
                    let rel = if n >= lo * 0.9 && n <= hi * 1.1 { "supports" } else { "contradicts" };
                    out.push(Link {
                        fact: f.id.clone(),
                        relation: rel,
                        why: format!("{n} troops vs {}-{} in {y}", t.low, t.high),
                    });
                }
            }
            _ => {
                if !parties_ok || (c.actors.len() < 2 && kind != FactKind::Claim) {
                    continue;
                }
                if let Detail::Agreement(a) = &f.detail
                    && let Some(p) = c.value.strip_prefix("provision.")
                    && !a.provisions.iter().any(|x| x.kind.as_str() == p)
                {
                    continue;
                }
                match year {
                    Some(y) if f.touches_year(y) || f.start.is_some_and(|s| s.year == y) => out.push(Link {
                        fact: f.id.clone(),
                        relation: "supports",
                        why: format!("same kind and parties, {y}"),
                    }),
                    Some(_) => {}
                    None if kind == FactKind::Claim => {
                        let sp = c.detail.get("speaker").and_then(|v| v.as_str()).unwrap_or("");
                        if let Detail::Claim(cl) = &f.detail
                            && !sp.is_empty()
                            && cl.speaker.eq_ignore_ascii_case(sp)
                        {
                            let rel = if cl.stance.as_str() == c.value { "supports" } else { "contradicts" };
                            out.push(Link {
                                fact: f.id.clone(),
                                relation: rel,
                                why: format!("same speaker; stance {} vs {}", c.value, cl.stance.as_str()),
                            });
                        }
                    }
                    None => {}
                }
            }
        }
    }
    out
}

fn doc_year(c: &Candidate) -> Option<i32> {
    c.detail.get("doc_date").and_then(|v| v.as_str()).and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

/// Edits a reviewer makes: `key=value` pairs (title, parties, date, org,
/// stance, speaker, affiliation, text, facility, event_type, value, id).
pub type Edits = BTreeMap<String, String>;

/// Parses `key=value` strings.
pub fn parse_edits(items: &[String]) -> Result<Edits> {
    let mut out = Edits::new();
    for it in items {
        let Some((k, v)) = it.split_once('=') else {
            return Err(EvidenceError::Review(format!("--edit '{it}': expected key=value, e.g. date=2016-11-14")));
        };
        const KEYS: &[&str] = &[
            "title",
            "parties",
            "date",
            "org",
            "stance",
            "speaker",
            "affiliation",
            "text",
            "facility",
            "event_type",
            "value",
            "id",
            "state",
            "confidence",
        ];
        let k = k.trim();
        if !KEYS.contains(&k) {
            return Err(EvidenceError::Review(format!(
                "--edit '{it}': unknown key '{k}' (known: {})",
                KEYS.join(", ")
            )));
        }
        out.insert(k.to_string(), v.trim().to_string());
    }
    Ok(out)
}

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(v: &[String]) -> String {
    format!("[{}]", v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "))
}

/// The TOML of the fact an accepted candidate becomes, and its id.
pub fn fact_toml(c: &Candidate, doc: &DocInfo, e: &Edits) -> Result<(String, String)> {
    let need = |what: &str, hint: &str| -> EvidenceError {
        EvidenceError::Review(format!("candidate {} ({} '{}'): {what}; {hint}", c.id, c.kind.as_str(), c.value))
    };
    let value = e.get("value").cloned().unwrap_or_else(|| c.value.clone());
    let parties: Vec<String> = match e.get("parties") {
        Some(p) => p.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
        None => c.actors.clone(),
    };
    for p in &parties {
        hegemony_kb::canonical_state(p)
            .map_err(|err| need(&format!("party '{p}': {err}"), "fix it with --edit parties=RUS,ARM"))?;
    }
    let date = e
        .get("date")
        .cloned()
        .or_else(|| c.detail.get("date").and_then(|v| v.as_str()).map(str::to_string))
        .filter(|d| !d.contains('/'));
    if let Some(d) = &date {
        d.parse::<hegemony_core::PartialDate>()
            .map_err(|err| need(&format!("date '{d}': {err}"), "give --edit date=YYYY[-MM[-DD]]"))?;
    }
    let id = e.get("id").cloned().unwrap_or_else(|| format!("ev-{}-{}-{}", doc.doc, c.id, value.replace('.', "-")));
    let confidence = e
        .get("confidence")
        .and_then(|x| x.parse::<f64>().ok())
        .unwrap_or(((c.confidence * 100.0).round() / 100.0).min(0.9));
    let quote: String = c.span.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut src =
        vec!["kind = \"document\"".to_string(), format!("title = {}", q(doc.title.as_deref().unwrap_or(&doc.name)))];
    if let Some(a) = &doc.author {
        src.push(format!("author = {}", q(a)));
    }
    if let Some(p) = &doc.publisher {
        src.push(format!("publisher = {}", q(p)));
    }
    if let Some(d) = &doc.date {
        src.push(format!("date = {}", q(d)));
    }
    src.push(format!("file = {}", q(&doc.name)));
    src.push(format!("quote = {}", q(&quote)));
    src.push(format!(
        "note = {}",
        q(&format!(
            "evidence store: document {} version {}, characters {}-{}, candidate {}",
            doc.doc, doc.version, c.start, c.end, c.id
        ))
    ));
    let source = format!("sources = [{{ {} }}]", src.join(", "));
    let header = |table: &str| format!("\n[[{table}]]\nid = {}\n", q(&id));
    let title = |default: String| q(e.get("title").map(String::as_str).unwrap_or(&default));
    let names = parties.join("-");
    let mut t = String::new();
    match (c.kind, value.split('.').next().unwrap_or("")) {
        (Kind::Relation, "agreement" | "provision") => {
            if parties.len() < 2 {
                return Err(need("an agreement needs two parties", "add --edit parties=RUS,ARM"));
            }
            t += &header("agreement");
            t += &format!(
                "title = {}\n",
                title(format!("Agreement between {} (from evidence, title to verify)", parties.join(" and ")))
            );
            t += &format!("parties = {}\n", list(&parties));
            if let Some(d) = &date {
                let field = if value == "agreement.ratified" { "ratified" } else { "signed" };
                t += &format!("{field} = {}\n", q(d));
            }
            if let Some(p) = value.strip_prefix("provision.") {
                let p = if p == "command" { "integrated_command" } else { p };
                t += &format!("provisions = [{}]\n", q(p));
            }
        }
        (Kind::Relation, "membership") => {
            let org = e
                .get("org")
                .cloned()
                .or_else(|| {
                    c.detail.get("org").and_then(|v| v.as_str()).map(|s| s.trim_start_matches("org:").to_string())
                })
                .ok_or_else(|| need("no organisation", "add --edit org=csto"))?;
            let state = e
                .get("state")
                .cloned()
                .or_else(|| parties.first().cloned())
                .ok_or_else(|| need("no state", "add --edit state=ARM"))?;
            let d = date
                .clone()
                .ok_or_else(|| need("a membership spell needs a date", "add --edit date=YYYY[-MM[-DD]]"))?;
            let status = match value.as_str() {
                "membership.joined" => "member",
                "membership.frozen" => "frozen",
                _ => "withdrawn",
            };
            t += &header("membership");
            t += &format!(
                "state = {}\norg = {}\nspells = [{{ status = {}, from = {} }}]\n",
                q(&state),
                q(&org),
                q(status),
                q(&d)
            );
        }
        (Kind::Relation, "presence") => {
            if parties.len() < 2 {
                return Err(need("a presence needs the dominant and the host state", "add --edit parties=RUS,ARM"));
            }
            t += &header("presence");
            t += &format!("dominant = {}\nhost = {}\n", q(&parties[0]), q(&parties[1]));
            t += &format!("facility = {}\n", q(e.get("facility").map(String::as_str).unwrap_or("base")));
            if let Some(d) = &date {
                t += &format!("since = {}\n", q(d));
            }
        }
        (Kind::Relation, "event") => {
            let d = date.clone().ok_or_else(|| need("an event needs a date", "add --edit date=YYYY[-MM[-DD]]"))?;
            t += &header("event");
            t += &format!("title = {}\n", title(format!("{value} ({names}, from evidence)")));
            t += &format!(
                "event_type = {}\nactors = {}\ndate = {}\n",
                q(e.get("event_type").map(String::as_str).unwrap_or("other")),
                list(&parties),
                q(&d)
            );
        }
        (Kind::Claim, _) => {
            let speaker = e
                .get("speaker")
                .cloned()
                .or_else(|| c.detail.get("speaker").and_then(|v| v.as_str()).map(str::to_string))
                .ok_or_else(|| need("no speaker", "add --edit speaker=\"Name\""))?;
            let d = date
                .clone()
                .or_else(|| doc.date.clone())
                .ok_or_else(|| need("a claim needs a date", "add --edit date=YYYY"))?;
            let stance = e.get("stance").cloned().unwrap_or(value.clone());
            let affiliation = e
                .get("affiliation")
                .cloned()
                .or_else(|| c.detail.get("affiliation").and_then(|v| v.as_str()).map(str::to_string))
                .filter(|a| !a.is_empty());
            t += &header("claim");
            t += &format!("speaker = {}\n", q(&speaker));
            if let Some(a) = affiliation {
                t += &format!("affiliation = {}\n", q(&a));
            }
            t += &format!("date = {}\nabout = {}\nstance = {}\n", q(&d), list(&parties), q(&stance));
            let text = e.get("text").cloned().unwrap_or_else(|| {
                format!(
                    "{speaker} comments on {} ({stance}); see the quoted passage.",
                    if names.is_empty() { "the relation".into() } else { names.clone() }
                )
            });
            t += &format!("text = {}\n", q(&text));
        }
        _ => {
            return Err(need(
                "only relations and claims become facts (actors, dates and quantities are parts of facts)",
                "accept the relation or claim that contains it, or mark this one with --reject",
            ));
        }
    }
    t += &format!("confidence = {confidence}\n{source}\n");
    Ok((id, t))
}

/// Appends `fact` to the user file `path` after checking that the shipped
/// knowledge base plus every other file in the same folder plus the new file
/// compile cleanly. Writes atomically.
pub fn append_fact(path: &Path, fact: &str) -> Result<()> {
    let io = |e: std::io::Error| EvidenceError::Io { path: path.display().to_string(), message: e.to_string() };
    let old = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            "# Facts accepted from documents with `hegemony evidence review`.\n".to_string()
        }
        Err(e) => return Err(io(e)),
    };
    let new = format!("{}{}", old, fact);
    let mut files = hegemony_kb::embedded_files();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if dir.is_dir() {
        let others = hegemony_kb::read_dir_files(dir, Layer::User, &dir.display().to_string())
            .map_err(|e| EvidenceError::Review(e.to_string()))?;
        let me = path.file_name();
        files.extend(others.into_iter().filter(|f| Path::new(&f.path).file_name() != me));
    }
    files.push(KbFile { path: path.display().to_string(), text: new.clone(), layer: Layer::User });
    let compiled = hegemony_kb::compile(&files);
    if !compiled.errors.is_empty() {
        let msgs: Vec<String> = compiled.errors.iter().map(|d| d.to_string()).collect();
        return Err(EvidenceError::Review(format!(
            "the fact would not pass `hegemony kb check`; nothing written:\n{}",
            msgs.join("\n")
        )));
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    let tmp = path.with_extension("toml.part");
    std::fs::write(&tmp, new).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(())
}

/// `$HEGEMONY_KB/evidence.toml`, else the platform data folder's `hegemony/kb/evidence.toml`.
pub fn default_kb_file() -> Option<std::path::PathBuf> {
    if let Some(p) = std::env::var_os("HEGEMONY_KB").filter(|p| !p.is_empty()) {
        return Some(std::path::PathBuf::from(p).join("evidence.toml"));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share")))?;
    Some(data.join("hegemony/kb/evidence.toml"))
}
