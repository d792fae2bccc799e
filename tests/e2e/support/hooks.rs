//! A webhook receiver for the tests: it takes POSTs on any path of a free port of
//! 127.0.0.1, verifies each with the Standard Webhooks reference library (not the
//! service's own signing), and keeps what arrived. `/flaky` refuses the first attempt of
//! each delivery with a 500; `/down` refuses everything while it is down.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;

/// A delivery as it arrived.
#[derive(Debug, Clone)]
pub struct Arrived {
    /// The path it was POSTed to.
    pub path: String,
    /// Its `webhook-id`.
    pub id: String,
    /// Its body, as JSON.
    pub body: serde_json::Value,
    /// Its body, as sent.
    pub raw: String,
    /// Its headers.
    pub headers: HeaderMap,
    /// What the receiver answered.
    pub answered: u16,
}

#[derive(Default)]
struct Shared {
    arrived: Mutex<Vec<Arrived>>,
    down: AtomicBool,
}

/// The receiver, listening until dropped.
pub struct Receiver {
    pub base: String,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let shared = Arc::new(Shared::default());
        let app = Router::new()
            .route("/{path}", post(receive))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Receiver { base, shared, task }
    }

    /// Whether `/down` refuses deliveries.
    pub fn set_down(&self, down: bool) {
        self.shared.down.store(down, Ordering::SeqCst);
    }

    /// Everything that arrived so far, in order.
    pub fn arrived(&self) -> Vec<Arrived> {
        self.shared.arrived.lock().unwrap().clone()
    }

    /// Waits up to `limit` until `found` picks something out of what arrived.
    pub async fn wait_for<T>(
        &self,
        limit: Duration,
        found: impl Fn(&[Arrived]) -> Option<T>,
    ) -> Option<T> {
        let until = Instant::now() + limit;
        loop {
            if let Some(value) = found(&self.arrived()) {
                return Some(value);
            }
            if Instant::now() > until {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn receive(
    State(shared): State<Arc<Shared>>,
    Path(path): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let id = headers
        .get("webhook-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let mut arrived = shared.arrived.lock().unwrap();
    let answered = match path.as_str() {
        "flaky" if !arrived.iter().any(|a| a.id == id) => StatusCode::INTERNAL_SERVER_ERROR,
        "down" if shared.down.load(Ordering::SeqCst) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::NO_CONTENT,
    };
    arrived.push(Arrived {
        path,
        id,
        body: serde_json::from_slice(&body).unwrap_or_default(),
        raw: String::from_utf8_lossy(&body).into_owned(),
        headers,
        answered: answered.as_u16(),
    });
    answered
}

/// Whether `arrived` is signed with `secret`, as the Standard Webhooks reference library
/// checks it (the signature, and a timestamp within five minutes).
pub fn verified(arrived: &Arrived, secret: &str) -> bool {
    let Ok(webhook) = standardwebhooks::Webhook::new(secret) else {
        return false;
    };
    webhook
        .verify(arrived.raw.as_bytes(), &arrived.headers)
        .is_ok()
}
