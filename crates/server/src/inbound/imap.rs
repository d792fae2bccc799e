//! Polling a mailbox by IMAP (`email.inbound.imap`): for a mail server that can deliver the
//! reply domain to a mailbox but not hand it on by SMTP. Each email is taken as the listener
//! takes one, and deleted from the mailbox only once what became of it is committed: a
//! process that stops in between finds it again, and the store keeps it once.

use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use async_imap::Client;
use disputes_notify::{ImapSettings, SmtpTls};
use futures_util::TryStreamExt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio::sync::watch;

use crate::state::AppState;
use crate::use_cases::replies::{self, mail};

/// Emails taken in one poll at most; the rest wait for the next.
const BATCH: usize = 50;
/// How long connecting, and each exchange, may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Polls the mailbox every `poll_secs` until `shutdown` turns true.
pub async fn poll(state: AppState, settings: ImapSettings, mut shutdown: watch::Receiver<bool>) {
    let every = Duration::from_secs(settings.poll_secs.max(1));
    tracing::info!(host = %settings.host, mailbox = %settings.mailbox, "polling for replies");
    loop {
        match tokio::time::timeout(TIMEOUT * 5, once(&state, &settings)).await {
            Ok(Ok(0)) => {}
            Ok(Ok(taken)) => tracing::info!(taken, "emails taken from the mailbox"),
            Ok(Err(error)) => tracing::warn!(%error, "the mailbox could not be read"),
            Err(_) => tracing::warn!("the mailbox did not answer in time"),
        }
        tokio::select! {
            () = tokio::time::sleep(every) => {}
            _ = shutdown.changed() => return,
        }
    }
}

/// Signs in and opens the mailbox as a poll would, taking nothing: how many emails it
/// holds (`disputes doctor`).
pub async fn check(settings: &ImapSettings) -> Result<u32, String> {
    let check = async {
        match connect(settings).await? {
            Connected::Plain(client) => held(settings, client).await,
            Connected::Tls(client) => held(settings, *client).await,
        }
    };
    tokio::time::timeout(TIMEOUT, check)
        .await
        .map_err(|_| format!("{}: no answer in time", settings.host))?
}

async fn held<T>(settings: &ImapSettings, client: Client<T>) -> Result<u32, String>
where
    T: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let mut session = open(settings, client).await?;
    let exists = session
        .select(&settings.mailbox)
        .await
        .map_err(|e| format!("{}: {e}", settings.mailbox))?
        .exists;
    let _ = session.logout().await;
    Ok(exists)
}

/// A connection greeted, in the clear or over TLS.
enum Connected {
    Plain(Client<TcpStream>),
    Tls(Box<Client<tokio_rustls::client::TlsStream<TcpStream>>>),
}

/// Connects as `settings` say and reads the greeting.
async fn connect(settings: &ImapSettings) -> Result<Connected, String> {
    let address = (settings.host.as_str(), settings.port);
    let tcp = tokio::time::timeout(TIMEOUT, TcpStream::connect(address))
        .await
        .map_err(|_| "connecting timed out".to_owned())?
        .map_err(|e| format!("connecting: {e}"))?;
    Ok(match settings.tls {
        SmtpTls::None => {
            let mut client = Client::new(tcp);
            greeting(&mut client).await?;
            Connected::Plain(client)
        }
        SmtpTls::Tls => {
            let tls = secure(&settings.host, tcp).await?;
            let mut client = Client::new(tls);
            greeting(&mut client).await?;
            Connected::Tls(Box::new(client))
        }
        SmtpTls::Starttls => {
            let mut client = Client::new(tcp);
            greeting(&mut client).await?;
            client
                .run_command_and_check_ok("STARTTLS", None)
                .await
                .map_err(|e| format!("STARTTLS: {e}"))?;
            let tls = secure(&settings.host, client.into_inner()).await?;
            Connected::Tls(Box::new(Client::new(tls)))
        }
    })
}

/// One poll: takes what the mailbox holds.
async fn once(state: &AppState, settings: &ImapSettings) -> Result<usize, String> {
    match connect(settings).await? {
        Connected::Plain(client) => take(state, settings, client).await,
        Connected::Tls(client) => take(state, settings, *client).await,
    }
}

/// Signs in as `settings` say.
async fn open<T>(
    settings: &ImapSettings,
    client: Client<T>,
) -> Result<async_imap::Session<T>, String>
where
    T: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let password = settings.password.as_ref().map_or("", |p| p.expose());
    client
        .login(&settings.username, password)
        .await
        .map_err(|(e, _)| format!("signing in as {}: {e}", settings.username))
}

/// Reads the server's greeting.
async fn greeting<T>(client: &mut Client<T>) -> Result<(), String>
where
    T: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    match client.read_response().await {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err("the server closed the connection".to_owned()),
        Err(e) => Err(format!("greeting: {e}")),
    }
}

/// TLS over `tcp` to `host`, checked against the Mozilla roots.
async fn secure(
    host: &str,
    tcp: TcpStream,
) -> Result<tokio_rustls::client::TlsStream<TcpStream>, String> {
    disputes_notify::webhook::install_tls();
    let roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    let config = rustls::ClientConfig::builder()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = rustls::pki_types::ServerName::try_from(host.to_owned())
        .map_err(|e| format!("{host}: {e}"))?;
    tokio_rustls::TlsConnector::from(Arc::new(config))
        .connect(name, tcp)
        .await
        .map_err(|e| format!("TLS: {e}"))
}

/// Signs in, takes up to [`BATCH`] emails, and deletes those kept.
async fn take<T>(
    state: &AppState,
    settings: &ImapSettings,
    client: Client<T>,
) -> Result<usize, String>
where
    T: AsyncRead + AsyncWrite + Unpin + Debug + Send,
{
    let mut session = open(settings, client).await?;
    session
        .select(&settings.mailbox)
        .await
        .map_err(|e| format!("{}: {e}", settings.mailbox))?;
    let mut uids: Vec<u32> = session
        .uid_search("UNDELETED")
        .await
        .map_err(|e| format!("searching: {e}"))?
        .into_iter()
        .collect();
    uids.sort_unstable();
    let domain = state
        .settings
        .email
        .inbound
        .domain
        .clone()
        .unwrap_or_default();
    let ours = |address: &str| replies::mailbox(address, &domain).is_some();
    let mut taken = Vec::new();
    for uid in uids.into_iter().take(BATCH) {
        let fetched: Vec<_> = session
            .uid_fetch(uid.to_string(), "(UID BODY.PEEK[])")
            .await
            .map_err(|e| format!("fetching: {e}"))?
            .try_collect()
            .await
            .map_err(|e| format!("fetching: {e}"))?;
        let Some(raw) = fetched.iter().find_map(|f| f.body()).map(<[u8]>::to_vec) else {
            continue;
        };
        let (from, recipient) = mail::envelope_of(&raw, ours);
        // A database that does not answer leaves this email and the rest for the next poll.
        if let Err(error) = replies::receive(state, &from, &recipient, &raw).await {
            tracing::warn!(%error, "an email from the mailbox could not be kept");
            break;
        }
        taken.push(uid.to_string());
    }
    if !taken.is_empty() {
        let set = taken.join(",");
        let _: Vec<_> = session
            .uid_store(&set, "+FLAGS.SILENT (\\Deleted)")
            .await
            .map_err(|e| format!("deleting: {e}"))?
            .try_collect()
            .await
            .map_err(|e| format!("deleting: {e}"))?;
        // With UIDPLUS, only what was taken goes; without it, every message marked deleted
        // in the mailbox (which should be the service's own).
        let exact = session
            .capabilities()
            .await
            .is_ok_and(|caps| caps.has_str("UIDPLUS"));
        let expunged: Result<Vec<_>, _> = if exact {
            match session.uid_expunge(&set).await {
                Ok(stream) => stream.try_collect().await,
                Err(e) => Err(e),
            }
        } else {
            match session.expunge().await {
                Ok(stream) => stream.try_collect().await,
                Err(e) => Err(e),
            }
        };
        expunged.map_err(|e| format!("expunging: {e}"))?;
    }
    let _ = session.logout().await;
    Ok(taken.len())
}
