//! Where emails go: an SMTP server (plain, STARTTLS or TLS; optional credentials) or `.eml`
//! files in a folder (the embedded default, for trying the service).
//!
//! A sweep sends its emails in a [`Session`]: one SMTP connection, used for one email after
//! another, so a backlog is not slowed by a handshake per email. Every attempt is bounded
//! by the timeout, and a connection that fails or times out is closed and never used again:
//! an attempt abandoned mid-conversation cannot leave late replies for the next email to
//! read as its own. The next email opens a new connection.

use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};

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

/// An SMTP server and how to reach it.
#[derive(Clone)]
pub struct SmtpServer {
    host: String,
    port: u16,
    tls: SmtpTls,
    credentials: Option<Credentials>,
    /// How long any attempt (connecting, or sending one email) may take.
    timeout: Duration,
}

/// A configured transport.
#[derive(Clone)]
pub enum Mailer {
    /// Through an SMTP server.
    Smtp(SmtpServer),
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
                if smtp.tls != SmtpTls::None {
                    TlsParameters::new(smtp.host.clone())
                        .map_err(|e| fail(format!("email.smtp.host: {e}")))?;
                }
                Ok(Mailer::Smtp(SmtpServer {
                    host: smtp.host.clone(),
                    port: smtp.port,
                    tls: smtp.tls,
                    credentials: match (&smtp.username, &smtp.password) {
                        (Some(user), Some(password)) => {
                            Some(Credentials::new(user.clone(), password.expose().to_owned()))
                        }
                        _ => None,
                    },
                    timeout: Duration::from_secs(smtp.timeout_secs),
                }))
            }
        }
    }

    /// Checks that email can go where the settings send it, sending none: for SMTP, a
    /// conversation with the server as far as a send would go before its first address
    /// (connecting, greeting, TLS and signing in as configured), then `RSET` and `QUIT`.
    /// Writing emails to files is refused: it emails nobody. Says what answered.
    pub async fn check(&self) -> Result<String, SendError> {
        match self {
            Mailer::Smtp(server) => {
                let mut connection = tokio::time::timeout(server.timeout, server.connect())
                    .await
                    .map_err(|_| {
                        SendError::transient(format!(
                            "no answer within {} s",
                            server.timeout.as_secs()
                        ))
                    })??;
                let reset = tokio::time::timeout(
                    server.timeout,
                    connection.command(lettre::transport::smtp::commands::Rset),
                )
                .await;
                let _ = tokio::time::timeout(server.timeout, connection.quit()).await;
                match reset {
                    Ok(Ok(_)) => Ok(format!(
                        "{}:{} answered ({}{}), and accepted RSET",
                        server.host,
                        server.port,
                        match server.tls {
                            SmtpTls::None => "no TLS",
                            SmtpTls::Starttls => "STARTTLS",
                            SmtpTls::Tls => "TLS",
                        },
                        if server.credentials.is_some() {
                            ", signed in"
                        } else {
                            ""
                        }
                    )),
                    Ok(Err(error)) => Err(failed(&error)),
                    Err(_) => Err(SendError::transient("RSET was not answered in time")),
                }
            }
            Mailer::File(_) => Err(SendError::permanent(
                "email.transport is \"file\": emails are written to a folder and nobody \
                 receives them; set email.transport = \"smtp\" and email.smtp",
            )),
        }
    }

    /// A session for sending several emails one after another.
    pub fn session(&self) -> Session<'_> {
        Session {
            mailer: self,
            connection: None,
        }
    }
}

/// Emails sent one after another over one connection (for SMTP).
pub struct Session<'a> {
    mailer: &'a Mailer,
    /// The open connection, if the last attempt left it usable.
    connection: Option<AsyncSmtpConnection>,
}

impl Session<'_> {
    /// Sends one message. The attempt, with connecting when there is no usable connection,
    /// ends after the timeout; a failed or abandoned connection is closed and not reused.
    pub async fn send(&mut self, message: Message) -> Result<(), SendError> {
        let server = match self.mailer {
            Mailer::File(file) => {
                return file
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| SendError::transient(e.to_string()));
            }
            Mailer::Smtp(server) => server,
        };
        let timeout = server.timeout;
        let attempt = async {
            let mut connection = match self.connection.take() {
                Some(connection) if !connection.has_broken() => connection,
                _ => server.connect().await?,
            };
            connection
                .send(message.envelope(), &message.formatted())
                .await
                .map_err(|e| failed(&e))?;
            self.connection = Some(connection);
            Ok(())
        };
        match tokio::time::timeout(timeout, attempt).await {
            Ok(sent) => sent,
            // The connection, dropped mid-attempt, goes with it.
            Err(_) => Err(SendError::transient(format!(
                "the mail server did not answer within {} seconds",
                timeout.as_secs()
            ))),
        }
    }

    /// Ends the session, saying goodbye to the server if the connection is still good.
    pub async fn close(mut self) {
        if let (Some(mut connection), Mailer::Smtp(server)) = (self.connection.take(), self.mailer)
        {
            let _ = tokio::time::timeout(server.timeout, connection.quit()).await;
        }
    }
}

impl SmtpServer {
    /// A new connection: greeted, encrypted as configured, signed in if there are
    /// credentials.
    ///
    /// Over plain TCP (and STARTTLS) the socket sends each write at once (`TCP_NODELAY`):
    /// an email's body and its closing dot are two writes, and with Nagle's algorithm the
    /// dot would wait for the server's delayed acknowledgement of the body, some 40 ms per
    /// email. (Implicit TLS connects through lettre's own socket.)
    async fn connect(&self) -> Result<AsyncSmtpConnection, SendError> {
        let hello = ClientId::default();
        let parameters = || {
            TlsParameters::new(self.host.clone())
                .map_err(|e| SendError::permanent(format!("email.smtp.host: {e}")))
        };
        let mut connection = match self.tls {
            SmtpTls::Tls => AsyncSmtpConnection::connect_tokio1(
                (self.host.as_str(), self.port),
                Some(self.timeout),
                &hello,
                Some(parameters()?),
                None,
            )
            .await
            .map_err(|e| failed(&e))?,
            SmtpTls::None | SmtpTls::Starttls => {
                let stream = tokio::net::TcpStream::connect((self.host.as_str(), self.port))
                    .await
                    .map_err(|e| {
                        SendError::transient(format!("cannot reach the mail server: {e}"))
                    })?;
                stream.set_nodelay(true).map_err(|e| {
                    SendError::transient(format!("cannot set up the connection: {e}"))
                })?;
                AsyncSmtpConnection::connect_with_transport(Box::new(stream), &hello)
                    .await
                    .map_err(|e| failed(&e))?
            }
        };
        if self.tls == SmtpTls::Starttls {
            connection
                .starttls(parameters()?, &hello)
                .await
                .map_err(|e| failed(&e))?;
        }
        if let Some(credentials) = &self.credentials {
            connection
                .auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .await
                .map_err(|e| failed(&e))?;
        }
        Ok(connection)
    }
}

/// An SMTP error, as permanent as the server said it was.
fn failed(error: &lettre::transport::smtp::Error) -> SendError {
    SendError {
        permanent: error.is_permanent(),
        message: error.to_string(),
    }
}
