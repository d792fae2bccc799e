//! The service's documents (decision letters, case records) as PDF files.
//!
//! A document arrives as a small markup (see [`markup`]) that a template wrote; it is laid
//! out on A4 pages in DejaVu Sans, embedded, with every line's text selectable and
//! searchable, and tagged so that a screen reader reads headings, paragraphs and lists in
//! order (PDF/UA-1, checked by the PDF library as the file is written). No browser is
//! involved: the layout is this crate's own, line by line.

mod layout;
pub mod markup;
mod pdf;

pub use markup::{Block, parse};
pub use pdf::render;

/// A document to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its title, shown by PDF readers and required by PDF/UA.
    pub title: String,
    /// Its language, as a BCP 47 tag (`en-GB`).
    pub language: String,
    /// What each page's footer says before its number ("LEIC-2026-0001").
    pub footer: String,
    /// Its content, as markup.
    pub markup: String,
}

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The PDF library refused it (a PDF/UA rule broken, say).
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
}
