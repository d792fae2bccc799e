//! Email settings, as the `[email]` section of the configuration holds them.

use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

/// A value that must never be printed: a password, or a URL that may hold one.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Secret {
        Secret(secret.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How email leaves the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransportKind {
    /// Each email written as an `.eml` file.
    File,
    /// Sent through an SMTP server.
    Smtp,
}

/// Transport security for SMTP (and for IMAP).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpTls {
    /// Plain text (a relay on the same host).
    None,
    /// Upgrade with STARTTLS.
    Starttls,
    /// TLS from the first byte.
    Tls,
}

/// Outgoing email.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailSettings {
    /// File or SMTP.
    pub transport: TransportKind,
    /// The sender, e.g. `Compact disputes <disputes@example.org>`.
    pub from: String,
    /// A folder whose template files replace the built-in ones of the same name.
    #[serde(default)]
    pub templates_dir: Option<PathBuf>,
    /// Attempts before an email is given up on and shown as failed.
    pub max_attempts: u32,
    /// The wait after the first failed attempt; it doubles with each further one.
    pub retry_base_secs: u64,
    /// The longest wait between attempts.
    pub retry_max_secs: u64,
    /// Emails claimed by one sweep.
    pub batch_size: u32,
    /// How long a sweep's claim on its emails lasts. A process that dies while sending
    /// leaves its claim behind; the emails go out again once it runs out, so it bounds how
    /// late an email can be after a crash. A sweep stops sending before its claim could
    /// run out mid-send, so another process never sends the same email at the same time.
    #[serde(default = "default_lease")]
    pub lease_secs: u64,
    /// How long a server process may go without its heartbeat before its claims on emails
    /// are taken by another (a process beats every third of this). After a crash, the
    /// emails the dead process held go out this long after, not a whole lease after.
    #[serde(default = "default_claim_stale")]
    pub claim_stale_secs: u64,
    /// Minutes over which news of messages and files on a case is gathered into one email
    /// for each person who may read it: at most one such email per person and case in this
    /// time.
    #[serde(default = "default_digest")]
    pub digest_minutes: u32,
    /// The file transport.
    pub file: FileSettings,
    /// The SMTP transport.
    pub smtp: SmtpSettings,
    /// Receiving replies.
    #[serde(default)]
    pub inbound: InboundSettings,
}

/// Receiving replies by email (README, "Replying by email"): off unless `listen` and
/// `domain` are both set.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InboundSettings {
    /// Where the SMTP/LMTP listener takes mail from the organisation's mail server, e.g.
    /// `127.0.0.1:2525`.
    #[serde(default)]
    pub listen: Option<String>,
    /// The domain of reply addresses (`case+TOKEN@domain`) and of the return path that
    /// bounces come back to (`bounces@domain`); the mail server forwards it to `listen`.
    #[serde(default)]
    pub domain: Option<String>,
    /// The largest email taken, in bytes: a longer one is refused while it is sent (the
    /// sending server tells its sender).
    #[serde(default = "default_inbound_max")]
    pub max_message_bytes: usize,
    /// The `authserv-id` of the mail server in front, whose `Authentication-Results` header
    /// alone is believed; when unset, the topmost such header is.
    #[serde(default)]
    pub authserv_id: Option<String>,
    /// Refusals answered to one address in an hour at most, so that a flood of forged
    /// email never becomes a flood of answers.
    #[serde(default = "default_answers_an_hour")]
    pub answers_an_hour: u32,
    /// A mailbox polled by IMAP instead of (or as well as) the listener, for a mail server
    /// that can deliver the reply domain to a mailbox but not hand it on by SMTP.
    #[serde(default)]
    pub imap: Option<ImapSettings>,
}

/// The mailbox replies are delivered to, polled by IMAP. Each email is deleted from it once
/// what became of it is committed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImapSettings {
    /// Server host.
    pub host: String,
    /// Server port.
    #[serde(default = "default_imap_port")]
    pub port: u16,
    /// Transport security: `tls` (from the first byte, port 993), `starttls`, or `none`
    /// (a server on the same host).
    #[serde(default = "default_imap_tls")]
    pub tls: SmtpTls,
    /// User name.
    pub username: String,
    /// Password, from the environment: `DISPUTES__EMAIL__INBOUND__IMAP__PASSWORD`.
    #[serde(default)]
    pub password: Option<Secret>,
    /// The mailbox (folder) read.
    #[serde(default = "default_imap_mailbox")]
    pub mailbox: String,
    /// Seconds between polls.
    #[serde(default = "default_imap_poll")]
    pub poll_secs: u64,
}

fn default_imap_port() -> u16 {
    993
}

fn default_imap_tls() -> SmtpTls {
    SmtpTls::Tls
}

fn default_imap_mailbox() -> String {
    "INBOX".to_owned()
}

fn default_imap_poll() -> u64 {
    60
}

impl Default for InboundSettings {
    fn default() -> InboundSettings {
        InboundSettings {
            listen: None,
            domain: None,
            max_message_bytes: default_inbound_max(),
            authserv_id: None,
            answers_an_hour: default_answers_an_hour(),
            imap: None,
        }
    }
}

impl InboundSettings {
    /// The reply domain, when replies are received at all (by the listener or a mailbox).
    pub fn reply_domain(&self) -> Option<&str> {
        if self.listen.is_none() && self.imap.is_none() {
            return None;
        }
        self.domain.as_deref().filter(|d| !d.is_empty())
    }
}

fn default_inbound_max() -> usize {
    25 * 1024 * 1024
}

fn default_answers_an_hour() -> u32 {
    3
}

/// The file transport.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    /// Where `.eml` files are written.
    pub dir: PathBuf,
}

/// The SMTP transport.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    /// Server host.
    pub host: String,
    /// Server port.
    pub port: u16,
    /// Transport security.
    pub tls: SmtpTls,
    /// User name, if the server wants one.
    #[serde(default)]
    pub username: Option<String>,
    /// Password, from the environment.
    #[serde(default)]
    pub password: Option<Secret>,
    /// Seconds to wait for the server before an attempt counts as failed.
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
}

fn default_timeout() -> u64 {
    30
}

fn default_lease() -> u64 {
    300
}

impl EmailSettings {
    /// How long a process may go without its heartbeat before its claims (on emails, and
    /// on idempotency keys in flight) are taken by another.
    pub fn claim_stale(&self) -> chrono::Duration {
        chrono::Duration::seconds(i64::try_from(self.claim_stale_secs).unwrap_or(15))
    }

    /// How often a process beats its heartbeat: every third of [`Self::claim_stale`], so a
    /// live process is never taken for dead.
    pub fn heartbeat_every(&self) -> std::time::Duration {
        std::time::Duration::from_secs((self.claim_stale_secs / 3).max(1))
    }
}

fn default_claim_stale() -> u64 {
    15
}

fn default_digest() -> u32 {
    15
}
