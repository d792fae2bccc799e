//! Receiving email: the SMTP/LMTP listener at `email.inbound.listen`, and the mailbox polled
//! by IMAP at `email.inbound.imap`, each handing every email to the replies use case
//! (`use_cases::replies`), which records, refuses or sets it aside.

pub mod imap;
pub mod smtp;

use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;

use self::smtp::{Handler, Reply};
use crate::state::AppState;
use crate::use_cases::replies::{self, Unknown};

/// The service, as the listener's handler.
struct Replies(AppState);

impl Handler for Replies {
    async fn accepts(&self, recipient: &str) -> Result<(), Reply> {
        match replies::accepts(&self.0, recipient).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(Unknown::OtherDomain)) => {
                Err(Reply::new(550, "5.7.1", "Relaying is not done here"))
            }
            Ok(Err(Unknown::NoSuchAddress)) => {
                Err(Reply::new(550, "5.1.1", "No such reply address"))
            }
            Err(error) => {
                tracing::warn!(%error, "a reply address could not be looked up");
                Err(Reply::try_later("The service cannot take email just now"))
            }
        }
    }

    async fn deliver(&self, from: &str, recipient: &str, raw: &[u8]) -> Result<(), Reply> {
        replies::receive(&self.0, from, recipient, raw)
            .await
            .map_err(|error| {
                tracing::warn!(%error, "a received email could not be kept");
                Reply::try_later("The service cannot keep email just now; try again later")
            })
    }
}

/// Takes `email.inbound.listen`, when replies are received: the listener to serve.
pub async fn bind(
    inbound: &disputes_notify::InboundSettings,
) -> Result<Option<TcpListener>, String> {
    let Some(listen) = inbound.listen.as_deref() else {
        return Ok(None);
    };
    TcpListener::bind(listen)
        .await
        .map(Some)
        .map_err(|e| format!("cannot listen for email on {listen} (email.inbound.listen): {e}"))
}

/// Serves `listener` until `shutdown` turns true.
pub async fn serve(state: AppState, listener: TcpListener, shutdown: watch::Receiver<bool>) {
    let max = state.settings.email.inbound.max_message_bytes;
    if let Ok(address) = listener.local_addr() {
        tracing::info!(%address, "receiving email");
    }
    smtp::serve(listener, Arc::new(Replies(state)), max, shutdown).await;
}
