//! The workflow's behaviour as its users meet it, in one test binary.
// Tests state their expectations by panicking; the lints against it guard the product code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod audience;
mod calendar_published;
mod calendar_releases;
mod cast;
mod content;
mod deadlines;
mod properties;
mod rules;
mod settings_file;
mod transition_table;
mod visibility;
