//! Taking connections: a bounded number at a time, each given a limited time to send its
//! request's head, and all finished gracefully on shutdown.
//!
//! `axum::serve` would keep a connection that sends half a request and stalls for as long
//! as the client likes, with no bound on how many: a few hundred such clients would hold
//! the service's memory and file handles while it still answered everyone else, and
//! nothing would ever close them. Here a connection that has not sent a whole request head
//! within `server.header_read_timeout_secs` (or sits idle that long between requests) is
//! closed, and at most `server.max_connections` are open at once; beyond that, new ones
//! wait in the kernel's queue until one closes. (Bodies have their own limit, the
//! `RequestBodyTimeoutLayer` of [`crate::app`].)

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How connections are bounded.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// How long a connection has to send a request's head, and may sit idle between
    /// requests.
    pub header_read: Duration,
    /// How many connections are served at once.
    pub max_connections: usize,
}

/// Serves `router` on `listener` within `limits` until `shutdown` resolves; then stops
/// taking connections and waits for those open to finish their requests in flight.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file handles, say: wait a moment rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = router
            .clone()
            .map_request(move |request: axum::http::Request<Incoming>| {
                let mut request = request.map(Body::new);
                request.extensions_mut().insert(ConnectInfo(peer));
                request
            })
            .map_err(|never: Infallible| never);
        let connection = hyper::server::conn::http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read)
            .serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
        let watched = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = watched.await {
                tracing::debug!(%error, %peer, "connection ended");
            }
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
