//! End-to-end tests: the real `disputes` binary, over HTTP, on SQLite and on PostgreSQL.

// Tests state their expectations by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    missing_docs,
    unreachable_pub
)]

mod support;

mod authz;
mod bad_input;
mod calendar;
mod connections;
mod doctor;
mod email;
mod faults;
mod hostile;
mod identity;
mod oidc;
mod operations;
mod package;
mod pages;
mod records;
mod replies;
mod security;
mod sign_in;
mod tour;
mod traces;
mod webhooks;
mod welsh;
