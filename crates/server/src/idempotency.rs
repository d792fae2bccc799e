//! `Idempotency-Key` on writes: the same key and request within a day gets the first
//! response again and changes nothing; the same key with a different request is refused.
//!
//! The case writes (raising, acting, marking a recommendation, a message, a file) complete
//! the key in their own transaction with what they did, so a retry after a crash, however
//! it fell, gets the write's answer or makes the write: never a second one, and never a
//! day of "still in flight". Other writes complete the key once they have answered.

use axum::Json;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use disputes_store::{Claim, KeyClaim, KeyedWrite, WriteOutcome};
use sha2::{Digest, Sha256};

use crate::auth::Viewer;
use crate::problem::{ApiError, PROBLEM_JSON, says};
use crate::state::AppState;
use crate::use_cases::views::{AttachmentView, MessageView};

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
            ApiError::bad_request(says("detail-idempotency-key", Vec::new())).into_response()
        })?;
    let limit = state.settings.server.attachment_limit_bytes + 64 * 1024;
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ApiError::too_large(says("detail-body-larger", Vec::new())).into_response())?;
    let mut hasher = Sha256::new();
    hasher.update(parts.method.as_str());
    hasher.update([0]);
    hasher.update(parts.uri.to_string());
    hasher.update([0]);
    hasher.update(&bytes);
    let request_hash = hex::encode(hasher.finalize());
    let person = viewer.person().id;
    let atomic = parts
        .extensions
        .get::<MatchedPath>()
        .and_then(|route| atomic_write(route.as_str()));
    let now = state.clock.now();
    let claim = state
        .store
        .claim_idempotency_key(KeyClaim {
            person,
            key: &key,
            request_hash: &request_hash,
            at: now,
            atomic: atomic.is_some(),
            instance: &state.instance,
            abandoned_before: now - Duration::seconds(ABANDONED_AFTER_SECS),
            stale_before: chrono::Utc::now() - state.settings.email.claim_stale(),
        })
        .await
        .map_err(|e| ApiError::from(e).into_response())?;
    if let Claim::Taken(saved) = claim {
        return Err(if saved.request_hash != request_hash {
            ApiError::invalid_field(
                "Idempotency-Key",
                says("field-idempotency-key-reused", Vec::new()),
            )
            .into_response()
        } else if saved.status == 0 {
            ApiError::conflict(says("detail-idempotency-busy", Vec::new())).into_response()
        } else if saved.body.is_empty()
            && let Some(outcome) = saved.outcome
        {
            match answer_again(state, &viewer, &outcome, saved.status).await {
                Ok(response) => replayed(response),
                Err(error) => error.into_response(),
            }
        } else {
            replay(saved.status, saved.body)
        });
    }

    let mut parts = parts;
    if let Some(status) = atomic {
        parts.extensions.insert(KeyedWrite {
            person,
            key: key.clone(),
            status: status.as_u16(),
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

/// A claim still in flight this long after it was made belongs to a request no longer
/// running: every request ends within a minute ([`crate::app`]'s timeout). (A claim whose
/// process has died is taken over sooner, once its heartbeat is stale.)
const ABANDONED_AFTER_SECS: i64 = 120;

/// The status a case write answers with, for the routes whose writes complete their key
/// in their own transaction.
fn atomic_write(route: &str) -> Option<StatusCode> {
    match route {
        "/api/v1/cases"
        | "/api/v1/cases/{reference}/messages"
        | "/api/v1/cases/{reference}/attachments" => Some(StatusCode::CREATED),
        "/api/v1/cases/{reference}/actions/{action}"
        | "/api/v1/recommendations/{id}/actions/{action}" => Some(StatusCode::OK),
        _ => None,
    }
}

/// The answer a case write would have given, rebuilt from what it recorded with its key:
/// for a retry after the write happened but its answer was lost.
async fn answer_again(
    state: &AppState,
    viewer: &Viewer,
    outcome: &WriteOutcome,
    status: u16,
) -> Result<Response, ApiError> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    Ok(match outcome {
        WriteOutcome::Case { reference, version } => {
            let stored = state.store.case_at(reference, *version).await?;
            crate::api::cases::case_response(state, viewer, stored, status).await?
        }
        WriteOutcome::Message { reference, id } => {
            let message = state.store.message(reference, *id).await?;
            (status, Json(MessageView::from(message))).into_response()
        }
        WriteOutcome::Attachment { reference, id } => {
            let file = state.store.attachment_info(reference, *id).await?;
            (status, Json(AttachmentView::from(file))).into_response()
        }
    })
}

/// Marks an answer as a replay of an earlier one.
fn replayed(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

fn replay(status: u16, body: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = (status, body).into_response();
    let content_type = if status.is_success() {
        "application/json"
    } else {
        PROBLEM_JSON
    };
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    replayed(response)
}
