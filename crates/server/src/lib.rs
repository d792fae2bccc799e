//! The `disputes` service: the HTTP API over the store and the workflow, the web pages
//! people use ([`web`]), sign-in and access control, operations endpoints, and the command
//! line.
//!
//! A request passes the middleware in [`app`] (request id, tracing, metrics, security
//! headers, a problem document for every error), is signed in by [`auth`], and reaches a
//! handler in [`api`], which checks what the person may see and do before asking the store
//! (and through it the workflow) to act.

pub mod api;
pub mod app;
pub mod auth;
pub mod authz;
pub mod cli;
pub mod clock;
pub mod config;
pub mod csv;
pub(crate) mod deadline_words;
pub mod demo;
pub mod doctor;
pub mod drain;
pub mod extract;
pub mod idempotency;
#[cfg(test)]
mod in_process;
pub mod inbound;
pub(crate) mod labels;
pub mod listen;
pub mod ops;
pub mod outage;
pub mod problem;
pub mod ready;
pub mod scheduler;
pub mod state;
pub mod telemetry;
pub mod use_cases;
pub mod web;
