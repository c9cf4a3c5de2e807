//! The knowledge-base TOML of an accepted candidate, with the reviewer's
//! edits and the span as its source's quote.

use hegemony_kb::MembershipStatus;

use crate::candidate::{self, Candidate, Edits, Kind, RelationFamily, RelationKind};
use crate::store::DocInfo;
use crate::{EvidenceError, Result};

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
        let quote = c.text.clone();
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
