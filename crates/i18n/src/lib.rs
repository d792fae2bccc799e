//! Every string a person reads, in English and Welsh.
//!
//! The words live in Project Fluent catalogues (`config/locales/{en,cy}/*.ftl`), built into
//! the binary; an operator may replace any entry with a file of their own. Dates are written
//! here too, because a Welsh date is not an English one with other words. Pages and emails
//! reach the catalogues through the templates' `t()` function ([`templates`]); Rust code
//! through a [`Locale`].

mod catalogue;
mod dates;
mod lang;
pub mod templates;

pub use catalogue::{Arg, BUILT_IN, Catalogue, CatalogueError, Locale, OwnWords, variables};
pub use lang::Lang;
