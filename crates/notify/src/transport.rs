//! Where emails go: an SMTP server (plain, STARTTLS or TLS; optional credentials) or `.eml`
//! files in a folder (the embedded default, for trying the service).
//!
//! Each email goes over a connection of its own. A pool would save a handshake per email,
//! but an attempt abandoned at its timeout would put a connection back mid-conversation,
//! and the next email would read the last one's late replies as its own.

use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::{EmailSettings, SmtpTls, TransportKind};

/// Why a send failed, and whether trying again could help.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    /// The server refused for good (a 5xx reply: no such mailbox, say).
    pub permanent: bool,
    /// What went wrong.
    pub message: String,
}

impl SendError {
    /// A failure no retry will mend.
    pub fn permanent(message: impl Into<String>) -> SendError {
        SendError {
            permanent: true,
            message: message.into(),
        }
    }

    /// A failure worth trying again later.
    pub fn transient(message: impl Into<String>) -> SendError {
        SendError {
            permanent: false,
            message: message.into(),
        }
    }
}

/// A configured transport.
#[derive(Clone)]
pub enum Mailer {
    /// Through an SMTP server, giving up on an attempt after the timeout.
    Smtp(AsyncSmtpTransport<Tokio1Executor>, Duration),
    /// Into a folder.
    File(AsyncFileTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Mailer::Smtp(..) => "Mailer::Smtp",
            Mailer::File(_) => "Mailer::File",
        })
    }
}

impl Mailer {
    /// The transport the settings describe.
    pub fn new(settings: &EmailSettings) -> Result<Mailer, SendError> {
        let fail = SendError::permanent;
        match settings.transport {
            TransportKind::File => {
                std::fs::create_dir_all(&settings.file.dir).map_err(|e| {
                    fail(format!(
                        "cannot create the mail folder {}: {e}",
                        settings.file.dir.display()
                    ))
                })?;
                Ok(Mailer::File(AsyncFileTransport::new(&settings.file.dir)))
            }
            TransportKind::Smtp => {
                let smtp = &settings.smtp;
                let tls = match smtp.tls {
                    SmtpTls::None => Tls::None,
                    SmtpTls::Starttls | SmtpTls::Tls => {
                        let parameters = TlsParameters::new(smtp.host.clone())
                            .map_err(|e| fail(format!("email.smtp.host: {e}")))?;
                        if smtp.tls == SmtpTls::Tls {
                            Tls::Wrapper(parameters)
                        } else {
                            Tls::Required(parameters)
                        }
                    }
                };
                let mut builder =
                    AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.clone())
                        .port(smtp.port)
                        .tls(tls)
                        .timeout(Some(Duration::from_secs(smtp.timeout_secs)));
                if let (Some(user), Some(password)) = (&smtp.username, &smtp.password) {
                    builder = builder
                        .credentials(Credentials::new(user.clone(), password.expose().to_owned()));
                }
                Ok(Mailer::Smtp(
                    builder.build(),
                    Duration::from_secs(smtp.timeout_secs),
                ))
            }
        }
    }

    /// Sends one message.
    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            // The transport's own timeout covers connecting only; a server that takes the
            // connection and then says nothing would hold the sweep for ever.
            Mailer::Smtp(smtp, timeout) => {
                match tokio::time::timeout(*timeout, smtp.send(message)).await {
                    Ok(sent) => sent.map(|_| ()).map_err(|e| SendError {
                        permanent: e.is_permanent(),
                        message: e.to_string(),
                    }),
                    Err(_) => Err(SendError::transient(format!(
                        "the mail server did not answer within {} seconds",
                        timeout.as_secs()
                    ))),
                }
            }
            Mailer::File(file) => file
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::transient(e.to_string())),
        }
    }
}
