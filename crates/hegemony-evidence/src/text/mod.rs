//! From bytes to text: decoding (with refusals for binary files), the text
//! layer of HTML, normalisation with a map back to the original, and
//! passages. The format is told from the content in [`crate::format`]; PDFs
//! are read in [`crate::pdf`], DOCX in [`crate::docx`]. This module uses
//! none of them: they use its types ([`DecodeError`], [`Meta`]).
//!
//! Offsets are **character offsets** (Unicode scalar values) into the
//! document's *original text*: the file itself for plain text, the text layer
//! (tags and scripts removed, entities decoded) for HTML, the extracted text
//! layer for PDF, the paragraphs' text for DOCX. The original text is
//! stored, so every offset can be checked against it.

mod decode;
mod entities;
mod html;
mod mapped;
mod normalise;
mod passage;
mod reflow;

pub use decode::{DecodeError, decode};
pub use entities::decode_entities;
pub use html::html_to_text;
pub use mapped::Mapped;
pub use normalise::{Normalised, normalise};
pub use passage::{Passage, passages};

/// What a reader found about a document besides its text: from HTML markup
/// (`<title>`, `<meta>`), a PDF's Info dictionary or a DOCX's core properties.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The title.
    pub title: Option<String>,
    /// The author(s), as written.
    pub author: Option<String>,
    /// The publisher or site.
    pub publisher: Option<String>,
    /// The date of publication, as written.
    pub date: Option<String>,
}
