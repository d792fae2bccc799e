//! Operations endpoints: liveness, readiness and metrics.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::problem::{ApiError, says};
use crate::state::AppState;

/// The process is up.
pub async fn healthz() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// The database answers and its schema is current: ready for traffic.
pub async fn readyz(State(state): State<AppState>) -> Response {
    if let Some(away) = state.outage.down_for() {
        return ApiError::unavailable()
            .with_detail(says(
                "detail-database-away",
                vec![("seconds", away.as_secs().into())],
            ))
            .into_response();
    }
    let ready = async {
        state.store.ping().await?;
        state.store.pending_migrations().await
    };
    match ready.await {
        Ok(0) => Json(json!({ "status": "ready" })).into_response(),
        Ok(pending) => {
            let mut error = ApiError::unavailable();
            error = error.with_detail(says(
                "detail-migrations-pending",
                vec![("count", pending.into())],
            ));
            error.into_response()
        }
        Err(error) => {
            tracing::warn!(%error, "not ready");
            ApiError::unavailable().into_response()
        }
    }
}

/// Prometheus metrics.
pub async fn metrics(State(state): State<AppState>) -> Response {
    match &state.metrics {
        Some(handle) => {
            let mut response = handle.render().into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; version=0.0.4"),
            );
            response
        }
        None => ApiError::not_found().into_response(),
    }
}
