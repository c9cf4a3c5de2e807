//! Review: an accepted candidate becomes a knowledge-base fact (TOML, with the
//! span as its source's quote), and every candidate can be linked to the
//! facts it supports or contradicts.
//!
//! A new fact is appended to a user file only after the whole knowledge base
//! (the shipped files plus that file with the fact) compiles without error,
//! so `hegemony kb check` accepts what review writes. The file is written to
//! a temporary file and renamed into place.

use std::path::Path;

use hegemony_kb::{Detail, FactKind, KbFile, KnowledgeBase, Layer, MembershipStatus};
use serde::Serialize;

use crate::candidate::{self, Candidate, Kind, RelationFamily, RelationKind, Unit};
use crate::store::{DocInfo, year_span};
use crate::{EvidenceError, Result};

/// How a candidate bears on a knowledge-base fact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    pub fact: String,
    /// `supports` or `contradicts`.
    pub relation: &'static str,
    pub why: String,
}

/// The kind of knowledge-base fact a candidate bears on.
fn kb_kind(c: &Candidate) -> Option<FactKind> {
    match (&c.detail, c.relation) {
        (candidate::Detail::Claim(_), _) => Some(FactKind::Claim),
        (candidate::Detail::Quantity(q), _) if q.unit == Unit::Troops => Some(FactKind::Presence),
        (candidate::Detail::Quantity(q), _) if q.unit == Unit::Percent => Some(FactKind::Dependence),
        (candidate::Detail::Relation(_), Some(r)) => Some(match r.family() {
            RelationFamily::Membership => FactKind::Membership,
            RelationFamily::Presence => FactKind::Presence,
            RelationFamily::Event => FactKind::Event,
            RelationFamily::Agreement | RelationFamily::Provision => FactKind::Agreement,
        }),
        _ => None,
    }
}

/// The year of the candidate's own date, when it is one year.
fn cand_year(c: &Candidate) -> Option<i32> {
    let (a, b) = year_span(c.detail.date()?);
    (a == b).then_some(a)
}

/// Facts of the same kind and parties (and year, when the candidate has one)
/// that the candidate supports, and those it contradicts: a membership status
/// the knowledge base does not have in that year, a troop figure outside the
/// knowledge base's range for that year.
pub fn links(c: &Candidate, kb: &KnowledgeBase) -> Vec<Link> {
    let Some(kind) = kb_kind(c) else { return vec![] };
    let year = cand_year(c);
    let org = match &c.detail {
        candidate::Detail::Relation(r) => r.org.as_deref().map(|s| s.trim_start_matches("org:").to_string()),
        _ => None,
    };
    let mut out = Vec::new();
    for f in kb.facts().iter().filter(|f| f.kind() == kind) {
        let parties_ok = !c.actors.is_empty() && c.actors.iter().all(|a| f.actors.contains(a));
        match (&f.detail, c.kind) {
            (Detail::Membership(m), Kind::Relation) => {
                let Some(org) = &org else { continue };
                if &m.org != org || c.actors.first().is_none_or(|s| *s != m.state) {
                    continue;
                }
                let want = c.relation.and_then(RelationKind::membership_status).unwrap_or(MembershipStatus::Withdrawn);
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
                let candidate::Detail::Quantity(q) = &c.detail else { continue };
                let n = q.amount;
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
                    && let Some(p) = c.relation.filter(|r| r.family() == RelationFamily::Provision)
                    && !a.provisions.iter().any(|x| x.kind.as_str() == p.name())
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
                        let sp = match &c.detail {
                            candidate::Detail::Claim(cl) => cl.speaker.as_str(),
                            _ => "",
                        };
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

/// The year of the candidate's document.
fn doc_year(c: &Candidate) -> Option<i32> {
    c.detail.doc_date().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok())
}

pub use crate::candidate::Edits;

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
    let a = Accepted::new(c, doc, e)?;
    let body = match (c.kind, a.relation.map(RelationKind::family)) {
        (Kind::Relation, Some(RelationFamily::Agreement | RelationFamily::Provision)) => a.agreement()?,
        (Kind::Relation, Some(RelationFamily::Membership)) => a.membership()?,
        (Kind::Relation, Some(RelationFamily::Presence)) => a.presence()?,
        (Kind::Relation, Some(RelationFamily::Event)) => a.event()?,
        (Kind::Claim, _) => a.claim()?,
        _ => {
            return Err(a.need(
                "only relations and claims become facts (actors, dates and quantities are parts of facts)",
                "accept the relation or claim that contains it, or mark this one with --reject",
            ));
        }
    };
    Ok((a.id.clone(), format!("{body}confidence = {}\n{}\n", a.confidence, a.source())))
}

/// An accepted candidate with the reviewer's edits applied: what every
/// kind of fact takes from it.
struct Accepted<'a> {
    c: &'a Candidate,
    doc: &'a DocInfo,
    edits: &'a Edits,
    /// The value (edited or not).
    value: String,
    /// The relation, when the candidate is one (an edited value names another).
    relation: Option<RelationKind>,
    /// Registry codes, checked.
    parties: Vec<String>,
    /// A single date (not a period), checked.
    date: Option<String>,
    id: String,
    confidence: f64,
}

impl<'a> Accepted<'a> {
    fn new(c: &'a Candidate, doc: &'a DocInfo, e: &'a Edits) -> Result<Accepted<'a>> {
        let mut a = Accepted {
            c,
            doc,
            edits: e,
            value: e.get("value").cloned().unwrap_or_else(|| c.value.clone()),
            relation: c.relation,
            parties: match e.get("parties") {
                Some(p) => p.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
                None => c.actors.clone(),
            },
            date: e.get("date").cloned().or_else(|| c.detail.date().map(str::to_string)).filter(|d| !d.contains('/')),
            id: String::new(),
            confidence: e
                .get("confidence")
                .and_then(|x| x.parse::<f64>().ok())
                .unwrap_or(((c.confidence * 100.0).round() / 100.0).min(0.9)),
        };
        if c.kind == Kind::Relation && e.contains_key("value") {
            a.relation = Some(a.value.parse().map_err(|err| a.need(&format!("value: {err}"), "give a known one"))?);
        }
        for p in &a.parties {
            hegemony_kb::canonical_state(p)
                .map_err(|err| a.need(&format!("party '{p}': {err}"), "fix it with --edit parties=RUS,ARM"))?;
        }
        if let Some(d) = &a.date {
            d.parse::<hegemony_core::PartialDate>()
                .map_err(|err| a.need(&format!("date '{d}': {err}"), "give --edit date=YYYY[-MM[-DD]]"))?;
        }
        a.id = e.get("id").cloned().unwrap_or_else(|| format!("ev-{}-{}-{}", doc.doc, c.id, a.value.replace('.', "-")));
        Ok(a)
    }

    /// Why the candidate cannot become a fact, and what to do.
    fn need(&self, what: &str, hint: &str) -> EvidenceError {
        let c = self.c;
        EvidenceError::Review(format!("candidate {} ({} '{}'): {what}; {hint}", c.id, c.kind.as_str(), c.value))
    }

    fn edit(&self, key: &str) -> Option<&str> {
        self.edits.get(key).map(String::as_str)
    }

    /// `[[table]]` and the id.
    fn header(&self, table: &str) -> String {
        format!("\n[[{table}]]\nid = {}\n", q(&self.id))
    }

    /// The edited title, else `default`.
    fn title(&self, default: String) -> String {
        q(self.edit("title").unwrap_or(&default))
    }

    /// The fact's source: the document, with the span as the quote.
    fn source(&self) -> String {
        let (c, doc) = (self.c, self.doc);
        let quote: String = c.span.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut src = vec![
            "kind = \"document\"".to_string(),
            format!("title = {}", q(doc.title.as_deref().unwrap_or(&doc.name))),
        ];
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
        format!("sources = [{{ {} }}]", src.join(", "))
    }

    /// A date the fact cannot do without.
    fn required_date(&self, what: &str, hint: &str) -> Result<String> {
        self.date.clone().ok_or_else(|| self.need(what, hint))
    }

    fn agreement(&self) -> Result<String> {
        let parties = &self.parties;
        if parties.len() < 2 {
            return Err(self.need("an agreement needs two parties", "add --edit parties=RUS,ARM"));
        }
        let mut t = self.header("agreement");
        t += &format!(
            "title = {}\n",
            self.title(format!("Agreement between {} (from evidence, title to verify)", parties.join(" and ")))
        );
        t += &format!("parties = {}\n", list(parties));
        if let Some(d) = &self.date {
            let field = if self.relation == Some(RelationKind::AgreementRatified) { "ratified" } else { "signed" };
            t += &format!("{field} = {}\n", q(d));
        }
        if let Some(p) = self.relation.and_then(RelationKind::provision) {
            t += &format!("provisions = [{}]\n", q(&p.as_str()));
        }
        Ok(t)
    }

    fn membership(&self) -> Result<String> {
        let org = self
            .edit("org")
            .map(str::to_string)
            .or_else(|| match &self.c.detail {
                candidate::Detail::Relation(r) => r.org.as_deref().map(|s| s.trim_start_matches("org:").to_string()),
                _ => None,
            })
            .ok_or_else(|| self.need("no organisation", "add --edit org=csto"))?;
        let state = self
            .edit("state")
            .map(str::to_string)
            .or_else(|| self.parties.first().cloned())
            .ok_or_else(|| self.need("no state", "add --edit state=ARM"))?;
        let d = self.required_date("a membership spell needs a date", "add --edit date=YYYY[-MM[-DD]]")?;
        let status = self.relation.and_then(RelationKind::membership_status).unwrap_or(MembershipStatus::Withdrawn);
        let mut t = self.header("membership");
        t += &format!(
            "state = {}\norg = {}\nspells = [{{ status = {}, from = {} }}]\n",
            q(&state),
            q(&org),
            q(status.as_str()),
            q(&d)
        );
        Ok(t)
    }

    fn presence(&self) -> Result<String> {
        let parties = &self.parties;
        if parties.len() < 2 {
            return Err(self.need("a presence needs the dominant and the host state", "add --edit parties=RUS,ARM"));
        }
        let mut t = self.header("presence");
        t += &format!("dominant = {}\nhost = {}\n", q(&parties[0]), q(&parties[1]));
        t += &format!("facility = {}\n", q(self.edit("facility").unwrap_or("base")));
        if let Some(d) = &self.date {
            t += &format!("since = {}\n", q(d));
        }
        Ok(t)
    }

    fn event(&self) -> Result<String> {
        let d = self.required_date("an event needs a date", "add --edit date=YYYY[-MM[-DD]]")?;
        let mut t = self.header("event");
        t +=
            &format!("title = {}\n", self.title(format!("{} ({}, from evidence)", self.value, self.parties.join("-"))));
        t += &format!(
            "event_type = {}\nactors = {}\ndate = {}\n",
            q(self.edit("event_type").unwrap_or("other")),
            list(&self.parties),
            q(&d)
        );
        Ok(t)
    }

    fn claim(&self) -> Result<String> {
        let said = match &self.c.detail {
            candidate::Detail::Claim(cl) => Some(cl),
            _ => None,
        };
        let speaker = self
            .edit("speaker")
            .map(str::to_string)
            .or_else(|| said.map(|cl| cl.speaker.clone()))
            .ok_or_else(|| self.need("no speaker", "add --edit speaker=\"Name\""))?;
        let d = self
            .date
            .clone()
            .or_else(|| self.doc.date.clone())
            .ok_or_else(|| self.need("a claim needs a date", "add --edit date=YYYY"))?;
        let stance = self.edit("stance").map(str::to_string).unwrap_or(self.value.clone());
        let affiliation = self
            .edit("affiliation")
            .map(str::to_string)
            .or_else(|| said.and_then(|cl| cl.affiliation.clone()))
            .filter(|a| !a.is_empty());
        let mut t = self.header("claim");
        t += &format!("speaker = {}\n", q(&speaker));
        if let Some(a) = affiliation {
            t += &format!("affiliation = {}\n", q(&a));
        }
        t += &format!("date = {}\nabout = {}\nstance = {}\n", q(&d), list(&self.parties), q(&stance));
        let names = self.parties.join("-");
        let text = self.edit("text").map(str::to_string).unwrap_or_else(|| {
            format!(
                "{speaker} comments on {} ({stance}); see the quoted passage.",
                if names.is_empty() { "the relation".into() } else { names.clone() }
            )
        });
        t += &format!("text = {}\n", q(&text));
        Ok(t)
    }
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
