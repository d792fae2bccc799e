//! An SMTP and LMTP listener (RFC 5321, RFC 2033), for the organisation's mail server to
//! hand over the emails sent to reply addresses. It speaks just enough of either to be a
//! mail server's next hop: no relaying, no authentication, no TLS (it listens on the
//! mail server's own network, usually the loopback).
//!
//! An email is answered `250` only once the [`Handler`] says it is committed: a process
//! killed mid-delivery leaves the sending server without an answer, and it tries again.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};

/// The longest command line taken (RFC 5321 allows 512; extensions make it longer).
const COMMAND_MAX: usize = 2048;
/// The longest line of an email's text taken (RFC 5321 says 1000; be generous).
const LINE_MAX: usize = 64 * 1024;
/// Recipients of one email at most.
const RECIPIENTS_MAX: usize = 100;
/// Sessions served at once.
const SESSIONS_MAX: usize = 64;
/// How long a client may be silent between commands, and while sending an email.
const IDLE: Duration = Duration::from_secs(300);

/// What the listener asks of the service.
pub trait Handler: Send + Sync + 'static {
    /// Whether mail for `recipient` is taken here: `Ok` to take it, `Err` with the reply to
    /// give otherwise.
    fn accepts(
        &self,
        recipient: &str,
    ) -> impl std::future::Future<Output = Result<(), Reply>> + Send;

    /// Takes the email `raw`, from the envelope sender `from` (empty for a bounce), for
    /// `recipient`: `Ok` only once whatever became of it is committed.
    fn deliver(
        &self,
        from: &str,
        recipient: &str,
        raw: &[u8],
    ) -> impl std::future::Future<Output = Result<(), Reply>> + Send;
}

/// An SMTP reply: a code, an enhanced status code, and words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The three-digit code.
    pub code: u16,
    /// The enhanced status code (RFC 3463).
    pub status: &'static str,
    /// What it says.
    pub text: String,
}

impl Reply {
    /// A reply of `code` and `status` saying `text`.
    pub fn new(code: u16, status: &'static str, text: impl Into<String>) -> Reply {
        Reply {
            code,
            status,
            text: text.into(),
        }
    }

    /// A failure to try again later: the database did not answer, say.
    pub fn try_later(text: impl Into<String>) -> Reply {
        Reply::new(451, "4.3.0", text)
    }

    fn line(&self) -> String {
        format!("{} {} {}\r\n", self.code, self.status, self.text)
    }
}

/// Serves `listener` with `handler` until `shutdown` turns true, taking emails of at most
/// `max_bytes`.
pub async fn serve<H: Handler>(
    listener: TcpListener,
    handler: Arc<H>,
    max_bytes: usize,
    mut shutdown: watch::Receiver<bool>,
) {
    let sessions = Arc::new(Semaphore::new(SESSIONS_MAX));
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|name| name.trim().to_owned())
        .unwrap_or_else(|_| "localhost".to_owned());
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = shutdown.changed() => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(error) => {
                tracing::warn!(%error, "the mail listener could not accept a connection");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let Ok(permit) = sessions.clone().try_acquire_owned() else {
            let mut stream = stream;
            let busy = Reply::new(421, "4.3.2", "Too many connections; try again later");
            let _ = stream.write_all(busy.line().as_bytes()).await;
            continue;
        };
        let handler = handler.clone();
        let host = host.clone();
        tokio::spawn(async move {
            let (reader, writer) = stream.into_split();
            let session = Session {
                handler: &*handler,
                host: &host,
                max_bytes,
            };
            if let Err(error) = session.run(reader, writer).await {
                tracing::debug!(%error, %peer, "mail session ended");
            }
            drop(permit);
        });
    }
}

/// One client's conversation.
struct Session<'a, H> {
    handler: &'a H,
    host: &'a str,
    max_bytes: usize,
}

/// The email being given in a session.
#[derive(Default)]
struct Transaction {
    from: Option<String>,
    recipients: Vec<String>,
}

/// Why a session ended early.
#[derive(Debug, thiserror::Error)]
enum Ended {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("the client was silent too long")]
    Idle,
    #[error("the client closed the connection")]
    Closed,
}

/// One line read: its bytes without the line ending, or too long to keep.
enum Line {
    Text(Vec<u8>),
    TooLong,
}

async fn read_line<R: AsyncRead + Unpin>(
    reader: &mut BufReader<R>,
    max: usize,
) -> Result<Line, Ended> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buffer = tokio::time::timeout(IDLE, reader.fill_buf())
            .await
            .map_err(|_| Ended::Idle)??;
        if buffer.is_empty() {
            return Err(Ended::Closed);
        }
        let (taken, done) = match buffer.iter().position(|b| *b == b'\n') {
            Some(at) => (at + 1, true),
            None => (buffer.len(), false),
        };
        if line.len() + taken <= max + 2 {
            line.extend_from_slice(&buffer[..taken]);
        } else {
            too_long = true;
        }
        reader.consume(taken);
        if done {
            break;
        }
    }
    if too_long {
        return Ok(Line::TooLong);
    }
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    Ok(Line::Text(line))
}

/// The address in `<...>` after a command's `FROM:`/`TO:`, and the parameters after it.
fn path(argument: &str) -> Option<(String, &str)> {
    let argument = argument.trim_start();
    let rest = argument.strip_prefix('<')?;
    let end = rest.find('>')?;
    let address = rest[..end].trim();
    // A source route (`<@a,@b:user@c>`) names the mailbox after its colon.
    let address = address.rsplit(':').next().unwrap_or_default();
    Some((address.to_owned(), rest[end + 1..].trim()))
}

impl<H: Handler> Session<'_, H> {
    async fn run<R, W>(&self, reader: R, mut writer: W) -> Result<(), Ended>
    where
        R: AsyncRead + Unpin,
        W: AsyncWrite + Unpin,
    {
        let mut reader = BufReader::new(reader);
        let greeting = format!("220 {} ESMTP disputes ready\r\n", self.host);
        writer.write_all(greeting.as_bytes()).await?;
        let mut lmtp = false;
        let mut greeted = false;
        let mut transaction = Transaction::default();
        loop {
            let line = match read_line(&mut reader, COMMAND_MAX).await? {
                Line::Text(line) => String::from_utf8_lossy(&line).into_owned(),
                Line::TooLong => {
                    let reply = Reply::new(500, "5.5.6", "Line too long");
                    writer.write_all(reply.line().as_bytes()).await?;
                    continue;
                }
            };
            let (verb, argument) = line.split_once(' ').unwrap_or((&line, ""));
            let reply = match verb.to_ascii_uppercase().as_str() {
                "EHLO" | "LHLO" => {
                    lmtp = verb.eq_ignore_ascii_case("LHLO");
                    greeted = true;
                    transaction = Transaction::default();
                    let lines = format!(
                        "250-{} greets {}\r\n250-SIZE {}\r\n250-8BITMIME\r\n\
                         250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250 SMTPUTF8\r\n",
                        self.host,
                        argument.trim(),
                        self.max_bytes
                    );
                    writer.write_all(lines.as_bytes()).await?;
                    continue;
                }
                "HELO" => {
                    greeted = true;
                    transaction = Transaction::default();
                    Reply::new(250, "2.0.0", self.host.to_owned())
                }
                "MAIL" if !greeted => Reply::new(503, "5.5.1", "Say EHLO first"),
                "MAIL" if transaction.from.is_some() => {
                    Reply::new(503, "5.5.1", "A sender is already given")
                }
                "MAIL" => self.mail(argument, &mut transaction),
                "RCPT" if transaction.from.is_none() => {
                    Reply::new(503, "5.5.1", "Say MAIL FROM first")
                }
                "RCPT" => self.recipient(argument, &mut transaction).await,
                "DATA" if transaction.recipients.is_empty() => {
                    Reply::new(503, "5.5.1", "No valid recipients")
                }
                "DATA" => {
                    writer
                        .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                        .await?;
                    let raw = self.data(&mut reader).await?;
                    let taken = std::mem::take(&mut transaction);
                    let replies = self.deliver(taken, raw, lmtp).await;
                    for reply in replies {
                        writer.write_all(reply.line().as_bytes()).await?;
                    }
                    continue;
                }
                "RSET" => {
                    transaction = Transaction::default();
                    Reply::new(250, "2.0.0", "OK")
                }
                "NOOP" => Reply::new(250, "2.0.0", "OK"),
                "VRFY" => Reply::new(252, "2.5.0", "Cannot verify; send and see"),
                "HELP" => Reply::new(214, "2.0.0", "See RFC 5321"),
                "QUIT" => {
                    let bye = Reply::new(221, "2.0.0", "Bye");
                    writer.write_all(bye.line().as_bytes()).await?;
                    return Ok(());
                }
                _ => Reply::new(500, "5.5.2", "Command not recognised"),
            };
            writer.write_all(reply.line().as_bytes()).await?;
        }
    }

    /// `MAIL FROM:<address> [SIZE=n]`.
    fn mail(&self, argument: &str, transaction: &mut Transaction) -> Reply {
        let Some(argument) = strip_keyword(argument, "FROM:") else {
            return Reply::new(501, "5.5.4", "Syntax: MAIL FROM:<address>");
        };
        let Some((from, parameters)) = path(argument) else {
            return Reply::new(501, "5.1.7", "Syntax: MAIL FROM:<address>");
        };
        let declared = parameters.split_whitespace().find_map(|parameter| {
            let (name, value) = parameter.split_once('=')?;
            name.eq_ignore_ascii_case("SIZE")
                .then(|| value.parse::<usize>().ok())
                .flatten()
        });
        if declared.is_some_and(|size| size > self.max_bytes) {
            return Reply::new(
                552,
                "5.3.4",
                format!("Emails may be at most {} bytes", self.max_bytes),
            );
        }
        transaction.from = Some(from);
        Reply::new(250, "2.1.0", "OK")
    }

    /// `RCPT TO:<address>`.
    async fn recipient(&self, argument: &str, transaction: &mut Transaction) -> Reply {
        let Some((to, _)) = strip_keyword(argument, "TO:").and_then(path) else {
            return Reply::new(501, "5.1.3", "Syntax: RCPT TO:<address>");
        };
        if transaction.recipients.len() >= RECIPIENTS_MAX {
            return Reply::new(452, "4.5.3", "Too many recipients");
        }
        match self.handler.accepts(&to).await {
            Ok(()) => {
                transaction.recipients.push(to);
                Reply::new(250, "2.1.5", "OK")
            }
            Err(reply) => reply,
        }
    }

    /// The email's text, dot-unstuffed; none when it was longer than allowed (read to its
    /// end all the same, so the conversation can go on).
    async fn data<R: AsyncRead + Unpin>(
        &self,
        reader: &mut BufReader<R>,
    ) -> Result<Option<Vec<u8>>, Ended> {
        let mut raw = Vec::new();
        let mut too_long = false;
        loop {
            let line = match read_line(reader, LINE_MAX).await? {
                Line::Text(line) => line,
                Line::TooLong => {
                    too_long = true;
                    continue;
                }
            };
            if line == b"." {
                break;
            }
            let line = line.strip_prefix(b".").unwrap_or(&line);
            if raw.len() + line.len() + 2 > self.max_bytes {
                too_long = true;
            }
            if !too_long {
                raw.extend_from_slice(line);
                raw.extend_from_slice(b"\r\n");
            }
        }
        Ok((!too_long).then_some(raw))
    }

    /// Hands the email to the handler for each recipient: one reply for all (SMTP), which
    /// asks the sender to try again if any delivery failed for now, or one each (LMTP).
    async fn deliver(
        &self,
        transaction: Transaction,
        raw: Option<Vec<u8>>,
        lmtp: bool,
    ) -> Vec<Reply> {
        let Some(raw) = raw else {
            let reply = Reply::new(
                552,
                "5.3.4",
                format!("Emails may be at most {} bytes", self.max_bytes),
            );
            let count = if lmtp {
                transaction.recipients.len()
            } else {
                1
            };
            return vec![reply; count];
        };
        let from = transaction.from.unwrap_or_default();
        let mut replies = Vec::with_capacity(transaction.recipients.len());
        for recipient in &transaction.recipients {
            let reply = match self.handler.deliver(&from, recipient, &raw).await {
                Ok(()) => Reply::new(250, "2.0.0", "Delivered"),
                Err(reply) => reply,
            };
            replies.push(reply);
        }
        if lmtp {
            return replies;
        }
        let worst = replies
            .iter()
            .find(|r| r.code >= 400 && r.code < 500)
            .or_else(|| replies.iter().find(|r| r.code >= 500))
            .cloned();
        vec![worst.unwrap_or_else(|| Reply::new(250, "2.0.0", "Delivered"))]
    }
}

/// `argument` after `keyword` (any case), if it starts with it.
fn strip_keyword<'a>(argument: &'a str, keyword: &str) -> Option<&'a str> {
    let argument = argument.trim_start();
    let head = argument.get(..keyword.len())?;
    head.eq_ignore_ascii_case(keyword)
        .then(|| &argument[keyword.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_read_with_their_parameters() {
        assert_eq!(
            path("<jo@example.org> SIZE=100"),
            Some(("jo@example.org".to_owned(), "SIZE=100"))
        );
        assert_eq!(path("<>"), Some((String::new(), "")));
        assert_eq!(
            path("<@relay.example:jo@example.org>"),
            Some(("jo@example.org".to_owned(), ""))
        );
        assert_eq!(path("jo@example.org"), None);
        assert_eq!(strip_keyword("from:<a@b>", "FROM:"), Some("<a@b>"));
        assert_eq!(strip_keyword("TO", "FROM:"), None);
    }
}
