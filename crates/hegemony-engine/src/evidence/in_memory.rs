//! Candidates from documents without a store: ingest's pipeline run on
//! bytes in memory, each document on its own (what `hegemony.spark.extract`
//! runs inside executors). The candidates are those `evidence ingest` would
//! store for the same bytes, numbered in the order the store lists them.

use hegemony_evidence::candidate::ReviewStatus;
use hegemony_evidence::ingest::extract_document;
use hegemony_evidence::{Candidate, Gazetteer, Kind};
use hegemony_kb::KnowledgeBase;

use super::CandidateView;
use crate::EngineError;

/// The candidates of one document (`name` as ingest would record it), with
/// their links to `kb` when given: `id` is the candidate's number in the
/// document (1, 2 …), `doc` 0, `version` 1, `passage` the passage's index.
pub fn document_candidates(
    name: &str,
    bytes: &[u8],
    gaz: &Gazetteer,
    kb: Option<&KnowledgeBase>,
) -> Result<Vec<CandidateView>, EngineError> {
    let found = extract_document(name, bytes, gaz)?;
    let mut out = Vec::with_capacity(found.candidates.len());
    for (i, (passage, c)) in found.candidates.into_iter().enumerate() {
        let mut f = c.found;
        // The document's date, as the store fills it in when it reads a candidate back.
        if f.detail.doc_date().is_none() {
            f.detail.set_doc_date(found.date.clone());
        }
        let relation = match f.kind {
            Kind::Relation => Some(f.value.parse().map_err(EngineError::Request)?),
            _ => None,
        };
        let candidate = Candidate {
            id: i as i64 + 1,
            doc: 0,
            version: 1,
            passage: passage as i64,
            kind: f.kind,
            start: f.start,
            end: f.end,
            span: c.span,
            text: c.text,
            value: f.value,
            relation,
            actors: f.actors,
            confidence: f.confidence,
            detail: f.detail,
            status: ReviewStatus::Pending,
            review: None,
        };
        out.push(match kb {
            Some(kb) => CandidateView::new(candidate, kb),
            None => CandidateView { candidate, links: vec![] },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_and_store_give_the_same_candidates_in_the_same_order() {
        let kb = KnowledgeBase::embedded().unwrap();
        let gaz = Gazetteer::build(Some(&kb));
        let text = "On 14 November 2016 Russia and Armenia signed an agreement on the joint group of forces.\n\n\
                    Moscow keeps 3,000 troops at the base in Gyumri, Armenia, until 2044.";
        let mem = document_candidates("a.txt", text.as_bytes(), &gaz, Some(&kb)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut ev = crate::evidence::Evidence::open(&dir.path().join("e.sqlite")).unwrap();
        ev.ingest("a.txt", text.as_bytes(), &gaz).unwrap();
        let stored = ev.candidates(&crate::evidence::CandidateQuery::default(), || &kb).unwrap().candidates;
        assert!(mem.len() > 5, "{}", mem.len());
        assert_eq!(mem.len(), stored.len());
        for (m, s) in mem.iter().zip(&stored) {
            let (m, s) = (&m.candidate, &s.candidate);
            assert_eq!(
                (m.start, m.end, m.kind, &m.value, &m.actors, &m.span, &m.text),
                (s.start, s.end, s.kind, &s.value, &s.actors, &s.span, &s.text)
            );
            assert_eq!((m.confidence, &m.detail), (s.confidence, &s.detail));
        }
        let links = |v: &[CandidateView]| v.iter().map(|c| c.links.len()).sum::<usize>();
        assert_eq!(links(&mem), links(&stored));
    }

    #[test]
    fn an_empty_document_is_an_error_naming_it() {
        let gaz = Gazetteer::build(None);
        let e = document_candidates("blank.txt", b"   \n", &gaz, None).unwrap_err().to_string();
        assert!(e.contains("blank.txt"), "{e}");
    }
}
