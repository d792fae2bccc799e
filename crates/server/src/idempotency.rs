//! `Idempotency-Key` on writes: the same key and request within a day gets the first
//! response again and changes nothing; the same key with a different request is refused.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use disputes_store::Claim;
use sha2::{Digest, Sha256};

use crate::auth::Viewer;
use crate::problem::{ApiError, PROBLEM_JSON};
use crate::state::AppState;

/// The header clients send.
pub const HEADER: &str = "idempotency-key";

/// Responses larger than this are not kept (none of the API's are).
const MAX_KEPT: usize = 4 * 1024 * 1024;

/// Middleware for the API's POST routes (after [`crate::auth::authenticate`]).
pub async fn idempotency(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match handle(&state, request, next).await {
        Ok(response) | Err(response) => response,
    }
}

async fn handle(state: &AppState, request: Request, next: Next) -> Result<Response, Response> {
    let key = request
        .headers()
        .get(HEADER)
        .map(|v| v.to_str().map(str::to_owned));
    let viewer = request.extensions().get::<Viewer>().cloned();
    let (Some(key), Some(viewer), true) = (key, viewer, request.method() == Method::POST) else {
        return Ok(next.run(request).await);
    };
    let key = key
        .ok()
        .filter(|k| !k.is_empty() && k.len() <= 200 && k.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| {
            ApiError::bad_request("An Idempotency-Key is 1 to 200 visible ASCII characters.")
                .into_response()
        })?;
    let limit = state.settings.server.attachment_limit_bytes + 64 * 1024;
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
        ApiError::too_large("The request body is larger than this service accepts.").into_response()
    })?;
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str());
    hasher.update([0]);
    hasher.update(parts.uri.to_string());
    hasher.update([0]);
    hasher.update(&bytes);
    let request_hash = hex::encode(hasher.finalize());
    let person = viewer.person().id;
    let claim = state
        .store
        .claim_idempotency_key(person, &key, &request_hash, state.clock.now())
        .await
        .map_err(|e| ApiError::from(e).into_response())?;
    if let Claim::Taken(saved) = claim {
        return Err(if saved.request_hash != request_hash {
            ApiError::invalid_field(
                "Idempotency-Key",
                "was already used for a different request",
            )
            .into_response()
        } else if saved.status == 0 {
            ApiError::conflict("A request with this Idempotency-Key is still being answered.")
                .into_response()
        } else {
            replay(saved.status, saved.body)
        });
    }

    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let status = response.status();
    if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
        // Worth retrying: give the key back.
        if let Err(error) = state.store.release_idempotency_key(person, &key).await {
            tracing::warn!(%error, "could not release an idempotency key");
        }
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_KEPT)
        .await
        .map_err(|_| ApiError::internal().into_response())?;
    let text = String::from_utf8_lossy(&bytes);
    if let Err(error) = state
        .store
        .complete_idempotency_key(person, &key, status.as_u16(), &text)
        .await
    {
        tracing::warn!(%error, "could not keep the response to an idempotency key");
    }
    Ok(Response::from_parts(parts, Body::from(bytes)))
}

fn replay(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = (status, body).into_response();
    let content_type = if status.is_success() {
        "application/json"
    } else {
        PROBLEM_JSON
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}
