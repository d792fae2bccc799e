//! Email for disputes.
//!
//! Every action on a case queues, in its own transaction, an outbox row per person it
//! concerns (see `disputes_store` and `disputes_workflow::Audience`). This crate turns those
//! rows into email: [`content`] says what an email may say (never the case's confidential
//! text), [`render`] fills the templates of `config/templates/` (or an operator's own),
//! [`message`] gives each row a stable Message-ID, [`transport`] sends through SMTP or into
//! files, and the [`dispatcher`] claims due rows, sends them, and retries failures with
//! backoff until it gives up and shows them as failed. Emails about a person's own account
//! ([`account`]) are rendered here too, and sent by the service as they happen.

pub mod account;
pub mod config;
pub mod content;
pub mod dispatcher;
pub mod letter;
pub mod message;
pub mod preview;
pub mod render;
pub mod reply;
pub mod transport;
pub mod webhook;

pub use account::{AccountContext, AccountEmailKind};
pub use config::{EmailSettings, ImapSettings, InboundSettings, Secret, SmtpTls, TransportKind};
pub use content::{EmailContext, NextSteps, Template};
pub use dispatcher::{DispatchError, Dispatcher, Sweep};
pub use letter::{LetterContext, LetterKind, LetterRecommendation};
pub use render::{Rendered, Renderer, TemplateError};
pub use webhook::{WebhookSender, WebhookSettings};
