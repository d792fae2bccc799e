//! A small SMTP receiver for the tests: it speaks enough SMTP for a real client (lettre) to
//! deliver to it, keeps what it receives, can refuse chosen recipients, and can be stopped
//! and started again on the same port to play an outage, or hang before answering.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// An email as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope sender (the return path): empty for the null path `<>`.
    pub from: String,
    /// The envelope recipients.
    pub to: Vec<String>,
    /// The message, headers and body, with quoted-printable soft breaks and escapes undone
    /// (everywhere: an `=` and two hex digits in a part that is not quoted-printable is
    /// undone too, so search [`Received::readable`] for links that carry such text).
    pub data: String,
    /// The message as it came.
    pub raw: String,
    /// When the receiver took it.
    pub at: Instant,
}

impl Received {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_lowercase());
        self.data
            .lines()
            .take_while(|l| !l.is_empty())
            .find(|l| l.to_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_owned())
    }

    pub fn message_id(&self) -> String {
        self.header("Message-ID").unwrap_or_default()
    }

    /// What a person reads: the subject, and the text and HTML bodies decoded as a mail
    /// client decodes them, whatever their transfer encoding.
    pub fn readable(&self) -> String {
        let Some(message) = mail_parser::MessageParser::default().parse(self.raw.as_bytes()) else {
            return self.data.clone();
        };
        [
            message.subject().map(str::to_owned),
            message.body_text(0).map(|t| t.into_owned()),
            message.body_html(0).map(|t| t.into_owned()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n")
    }
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    reject: Mutex<HashSet<String>>,
    hung: AtomicBool,
}

/// The receiver.
pub struct Smtp {
    pub port: u16,
    shared: Arc<Shared>,
    listener: Option<JoinHandle<()>>,
    connections: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Smtp {
    /// Starts on a free port.
    pub async fn start() -> Smtp {
        let mut smtp = Smtp {
            port: 0,
            shared: Arc::default(),
            listener: None,
            connections: Arc::default(),
        };
        smtp.listen().await;
        smtp
    }

    async fn listen(&mut self) {
        let listener = loop {
            match TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], self.port))).await {
                Ok(listener) => break listener,
                // The port may take a moment to come free after a stop.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        };
        self.port = listener.local_addr().unwrap().port();
        let shared = self.shared.clone();
        let connections = self.connections.clone();
        self.listener = Some(tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let shared = shared.clone();
                let task = tokio::spawn(async move {
                    let _ = serve(stream, &shared).await;
                });
                connections.lock().unwrap().push(task);
            }
        }));
    }

    /// Stops listening and drops every open connection: the server is down.
    pub fn stop(&mut self) {
        if let Some(listener) = self.listener.take() {
            listener.abort();
        }
        for task in self.connections.lock().unwrap().drain(..) {
            task.abort();
        }
    }

    /// Listens again on the same port.
    pub async fn restart(&mut self) {
        self.stop();
        self.listen().await;
    }

    /// Refuses mail for `address` with a permanent error.
    pub fn reject(&self, address: &str) {
        self.shared
            .reject
            .lock()
            .unwrap()
            .insert(address.to_lowercase());
    }

    /// Accepts mail for `address` again: its owner fixed the mailbox.
    pub fn accept(&self, address: &str) {
        self.shared
            .reject
            .lock()
            .unwrap()
            .remove(&address.to_lowercase());
    }

    /// Takes connections but says nothing on them until `answer`: a mail server that hangs.
    pub fn hang(&self) {
        self.shared.hung.store(true, Ordering::SeqCst);
    }

    /// Answers again, on the connections it held too.
    pub fn answer(&self) {
        self.shared.hung.store(false, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Waits (up to `seconds`) until `ready` holds of what has been received.
    pub async fn wait_for(
        &self,
        seconds: u64,
        ready: impl Fn(&[Received]) -> bool,
    ) -> Vec<Received> {
        for _ in 0..seconds * 10 {
            let received = self.received();
            if ready(&received) {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.received()
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Speaks SMTP on one connection.
async fn serve(stream: tokio::net::TcpStream, shared: &Shared) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    while shared.hung.load(Ordering::SeqCst) {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    write.write_all(b"220 test receiver ready\r\n").await?;
    let mut to = Vec::new();
    let mut from = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_uppercase();
        if upper.starts_with("EHLO") {
            write
                .write_all(b"250-test receiver\r\n250 8BITMIME\r\n")
                .await?;
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("MAIL FROM") {
            to.clear();
            from = command
                .split_once('<')
                .and_then(|(_, rest)| rest.split_once('>'))
                .map(|(a, _)| a.to_lowercase())
                .unwrap_or_default();
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("RCPT TO") {
            let address = command
                .split_once('<')
                .and_then(|(_, rest)| rest.split_once('>'))
                .map(|(a, _)| a.to_lowercase())
                .unwrap_or_default();
            if shared.reject.lock().unwrap().contains(&address) {
                write.write_all(b"550 5.1.1 no such mailbox\r\n").await?;
            } else {
                to.push(address);
                write.write_all(b"250 OK\r\n").await?;
            }
        } else if upper.starts_with("DATA") {
            write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
            let mut data = String::new();
            loop {
                line.clear();
                if lines.read_line(&mut line).await? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                data.push_str(unstuffed);
            }
            shared.received.lock().unwrap().push(Received {
                from: from.clone(),
                to: to.clone(),
                data: decode_quoted_printable(&data),
                raw: data.clone(),
                at: Instant::now(),
            });
            write.write_all(b"250 OK queued\r\n").await?;
        } else if upper.starts_with("RSET") {
            to.clear();
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            write.write_all(b"502 not implemented\r\n").await?;
        }
    }
}

/// Undoes quoted-printable soft line breaks and escapes, so tests can search the text.
fn decode_quoted_printable(data: &str) -> String {
    let joined = data.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'=' && i + 2 < bytes.len())
            .then(|| std::str::from_utf8(&bytes[i + 1..i + 3]).ok())
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let Some(byte) = escaped {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
