//! Emails about a person's own account rather than a case: a password-reset link, and the
//! notices sent when something that guards their sign-in changes, so that a change they did
//! not make does not go unnoticed.
//!
//! These are sent at once by the service (a reset link is secret, so it is never written to
//! the outbox), in the same templates and layout as the case emails.

use serde::Serialize;

/// Which account email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountEmailKind {
    /// A link to set a new password.
    PasswordReset,
    /// The password was just set through a reset link.
    PasswordChanged,
    /// An authenticator app was set up.
    SecondFactorAdded,
    /// The authenticator was removed; `detail` says by whom.
    SecondFactorRemoved,
    /// An API token was made; `detail` is its name.
    TokenCreated,
}

impl AccountEmailKind {
    /// Every kind, for checking the templates at start-up.
    pub const ALL: [AccountEmailKind; 5] = [
        AccountEmailKind::PasswordReset,
        AccountEmailKind::PasswordChanged,
        AccountEmailKind::SecondFactorAdded,
        AccountEmailKind::SecondFactorRemoved,
        AccountEmailKind::TokenCreated,
    ];
}

/// Everything an account email's template may use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountContext {
    /// The Compact's name.
    pub compact: String,
    /// The recipient's name.
    pub recipient: String,
    /// Which email.
    pub kind: AccountEmailKind,
    /// Where to go: the reset link, or the account page.
    pub link: String,
    /// A reset link's life, in minutes.
    pub minutes: u32,
    /// What else the email names: who removed the authenticator, the token's name.
    pub detail: String,
}

/// One sample of each account email.
pub fn samples() -> Vec<AccountContext> {
    AccountEmailKind::ALL
        .into_iter()
        .map(|kind| AccountContext {
            compact: "Leicestershire Compact".to_owned(),
            recipient: "Jo Patel".to_owned(),
            kind,
            link: "https://disputes.example.org/account".to_owned(),
            minutes: 60,
            detail: "Monthly report".to_owned(),
        })
        .collect()
}

/// Why an account email was not sent.
#[derive(Debug, thiserror::Error)]
pub enum AccountEmailError {
    /// `email.from` is not an address.
    #[error("email.from: {0}")]
    From(String),
    /// A template failed.
    #[error(transparent)]
    Template(#[from] crate::render::TemplateError),
    /// The message could not be built (the recipient's address, say).
    #[error(transparent)]
    Message(#[from] crate::message::MessageError),
    /// The mail server or folder refused it.
    #[error(transparent)]
    Transport(#[from] crate::transport::SendError),
}

/// Sends the account email `context` describes to `to_email` now, in `lang`, through the
/// transport `settings` describe; `key` names it in its Message-ID.
pub async fn send(
    settings: &crate::EmailSettings,
    renderer: &crate::Renderer,
    (context, lang): (&AccountContext, disputes_i18n::Lang),
    to_email: &str,
    key: &str,
) -> Result<(), AccountEmailError> {
    let from: lettre::message::Mailbox = settings
        .from
        .parse()
        .map_err(|e: lettre::address::AddressError| AccountEmailError::From(e.to_string()))?;
    let rendered = renderer.account(context, lang)?;
    let routing = crate::message::Routing::default();
    let message = crate::message::build(
        &from,
        &context.recipient,
        to_email,
        key,
        &rendered,
        &routing,
    )?;
    let mailer = crate::transport::Mailer::new(settings)?;
    let mut session = mailer.session();
    let sent = session.send(message).await;
    session.close().await;
    Ok(sent?)
}
