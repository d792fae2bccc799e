//! sea-orm entities, one module per table; their shape is checked against the migrated
//! schema of both databases by the store's tests. They are the crate's own: nothing outside
//! it sees a database type. Columns are described in the migrations.

// The derives generate public items with no documentation, in a private module.
#![allow(missing_docs, unreachable_pub)]

pub mod account_events;
pub mod api_tokens;
pub mod appeal_decisions;
pub mod attachments;
pub mod calendar_feeds;
pub mod case_counters;
pub mod case_events;
pub mod case_links;
pub mod case_principles;
pub mod case_records;
pub mod cases;
pub mod deadlines;
pub mod decisions;
pub mod idempotency_keys;
pub mod inbound_mail;
pub mod instances;
pub mod login_failures;
pub mod messages;
pub mod oidc_attempts;
pub mod organisations;
pub mod outbox;
pub mod panel_members;
pub mod panels;
pub mod password_resets;
pub mod people;
pub mod person_roles;
pub mod recommendations;
pub mod recovery_codes;
pub mod reply_addresses;
pub mod saved_views;
pub mod search_entries;
pub mod second_factors;
pub mod sessions;
pub mod stage_spans;
pub mod trusted_devices;
pub mod webhooks;
