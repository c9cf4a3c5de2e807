//! Evidence from documents.
pub mod extract;
pub mod gazetteer;
pub mod text;
