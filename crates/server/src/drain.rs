//! Answers given before a request's body was read.
//!
//! Many refusals come before the body is looked at: not signed in (401), a case out of
//! reach (404), a step not the person's (403). Left unread, a body still arriving makes the
//! connection useless: the server closes it with the client still sending, and the client
//! may see the connection reset instead of the answer. So the body is lent to the handler,
//! and whatever it leaves unread is read and thrown away before the answer goes out, up
//! to the largest body the service takes and while it keeps arriving: the client reads the
//! answer, and can send its next request on the same connection. A body longer than that
//! ends the connection, and the answer says so (`Connection: close`).

use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// The request body, lent to the handler and taken back when it answers.
struct Lent(Arc<Mutex<Option<Body>>>);

impl HttpBody for Lent {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let mut body = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        match body.as_mut() {
            Some(body) => Pin::new(body).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        let body = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        body.as_ref().is_none_or(HttpBody::is_end_stream)
    }

    fn size_hint(&self) -> http_body::SizeHint {
        let body = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        body.as_ref().map(HttpBody::size_hint).unwrap_or_default()
    }
}

/// Middleware: reads and discards, up to `limit` bytes, whatever of the request's body the
/// handler left unread, before its answer goes out.
pub async fn drain_unread_body(limit: usize, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let shared = Arc::new(Mutex::new(Some(body)));
    let lent = Body::new(Lent(shared.clone()));
    let mut response = next.run(Request::from_parts(parts, lent)).await;
    let left = shared.lock().unwrap_or_else(PoisonError::into_inner).take();
    if let Some(body) = left
        && !body.is_end_stream()
        && !discard(body, limit).await
    {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Reads `body` to its end and throws it away; `false` if it is longer than `limit` or
/// fails (stops arriving, say).
async fn discard(mut body: Body, limit: usize) -> bool {
    let mut seen = 0_usize;
    loop {
        match std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
            None => return true,
            Some(Ok(frame)) => {
                seen += frame.data_ref().map_or(0, Bytes::len);
                if seen > limit {
                    return false;
                }
            }
            Some(Err(_)) => return false,
        }
    }
}
