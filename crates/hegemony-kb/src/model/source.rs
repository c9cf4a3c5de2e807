//! Where a fact comes from.

use hegemony_core::PartialDate;
use serde::{Deserialize, Serialize};

use super::opt_pdate;

/// Where a fact comes from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// document, treaty, dataset, web, publication, unverified.
    pub kind: String,
    /// Id of a `[[source]]` catalogue entry this source was resolved from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Title of the document, treaty or dataset.
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Author.
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Publisher.
    pub publisher: Option<String>,
    #[serde(with = "opt_pdate", default, skip_serializing_if = "Option::is_none")]
    /// Date of publication or signature.
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Where it is on the web.
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The file, relative to the checkout's parent (`shared/documents/…`).
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Page(s) in the document.
    pub page: Option<String>,
    /// Rows of a dataset file, e.g. "lines 6540-6541".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<String>,
    /// The exact quoted span, copied from the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// A remark (for an unverified source: what is to verify).
    pub note: Option<String>,
}

impl Source {
    /// One line for people: "title (author, date)".
    pub fn short(&self) -> String {
        let mut s = self.title.clone().unwrap_or_else(|| self.note.clone().unwrap_or_else(|| self.kind.clone()));
        let mut bits = Vec::new();
        if let Some(a) = self.author.as_ref().or(self.publisher.as_ref()) {
            bits.push(a.clone());
        }
        if let Some(d) = self.date {
            bits.push(d.to_string());
        }
        if let Some(f) = &self.file {
            bits.push(f.clone());
        }
        if !bits.is_empty() {
            s.push_str(&format!(" ({})", bits.join(", ")));
        }
        if self.kind == "unverified" {
            s = format!("unverified: {s}");
        }
        s
    }
}
