//! The whole HTTP application: the API, the operations endpoints, and the middleware every
//! request passes through.

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::trace::TraceLayer;

use crate::auth::authenticate;
use crate::problem::{ApiError, says};
use crate::state::AppState;
use crate::{api, idempotency, ops, telemetry, web};

/// The request id header, set on every request and echoed on every response.
pub const REQUEST_ID: &str = "x-request-id";

/// Builds the application for `state`.
pub fn router(state: AppState) -> Router {
    let (api, openapi) = api::router().split_for_parts();
    let openapi = std::sync::Arc::new(api::document(&openapi));
    let body_limit = state.settings.server.attachment_limit_bytes + 64 * 1024;
    let body_timeout = Duration::from_secs(state.settings.server.body_read_timeout_secs);
    let api = api
        .route(
            "/api/v1/openapi.json",
            get(move || {
                let openapi = openapi.clone();
                async move { axum::Json(openapi.as_ref().clone()) }
            }),
        )
        .layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::idempotency,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::auth::origin::same_origin,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), authenticate));

    let request_id = HeaderName::from_static(REQUEST_ID);
    Router::new()
        .merge(api)
        .merge(web::router(state.clone()))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::outage::guard,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            crate::drain::drain_unread_body(body_limit, request, next)
        }))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            refuse_declared_oversize(body_limit, request, next)
        }))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            web::html_errors_outside,
        ))
        .layer(middleware::from_fn(telemetry::carry_request_id))
        .layer(middleware::from_fn(telemetry::record))
        .layer(
            ServiceBuilder::new()
                .layer(middleware::from_fn(drop_unsafe_request_id))
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http().make_span_with(|request: &Request| {
                        let id = request
                            .headers()
                            .get(REQUEST_ID)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default();
                        // The route, not the path, names the span: a collector groups
                        // spans by name, and paths hold case references.
                        let route = request
                            .extensions()
                            .get::<MatchedPath>()
                            .map_or("unmatched", MatchedPath::as_str);
                        tracing::info_span!(
                            "request",
                            otel.name = %format_args!("{} {route}", request.method()),
                            otel.kind = "server",
                            otel.status_code = tracing::field::Empty,
                            request.id = %id,
                            method = %request.method(),
                            path = %loggable_path(request, route),
                            http.route = route,
                            http.response.status_code = tracing::field::Empty,
                            person = tracing::field::Empty,
                        )
                    }),
                )
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(security_header(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
                .layer(security_header(header::REFERRER_POLICY, "same-origin"))
                .layer(security_header(header::X_FRAME_OPTIONS, "DENY"))
                // Answers carry private case details: no shared cache or back button keeps
                // them. (The stylesheet and script say otherwise for themselves.)
                .layer(security_header(header::CACHE_CONTROL, "no-store"))
                .layer(security_header(
                    header::CONTENT_SECURITY_POLICY,
                    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
                ))
                .layer(middleware::from_fn_with_state(
                    state.clone(),
                    crate::problem::in_language,
                ))
                .layer(middleware::from_fn(problems_for_bare_errors))
                .layer(CatchPanicLayer::custom(|_| {
                    tracing::error!("a request handler panicked");
                    ApiError::internal().into_response()
                }))
                .layer(TimeoutLayer::with_status_code(
                    axum::http::StatusCode::REQUEST_TIMEOUT,
                    Duration::from_secs(60),
                ))
                .layer(RequestBodyTimeoutLayer::new(body_timeout)),
        )
        .with_state(state)
}

/// An address the service does not have: a problem document under `/api`, a page
/// elsewhere.
async fn not_found(state: axum::extract::State<AppState>, request: Request) -> Response {
    if request.uri().path().starts_with("/api/") {
        ApiError::no_route().into_response()
    } else {
        web::not_found(state, request).await
    }
}

/// The longest request id taken from a client.
const REQUEST_ID_MAX: usize = 64;

/// Drops a client's `X-Request-Id` unless it is a plain token (letters, digits, `-`, `_`,
/// `.`, `:`, at most 64): it is written into every log line of the request, and a line
/// break or a forged field in it would forge log lines. A fresh id replaces it.
async fn drop_unsafe_request_id(mut request: Request, next: Next) -> Response {
    let safe = request.headers().get(REQUEST_ID).is_none_or(|value| {
        let bytes = value.as_bytes();
        (1..=REQUEST_ID_MAX).contains(&bytes.len())
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
    });
    if !safe {
        request.headers_mut().remove(REQUEST_ID);
    }
    next.run(request).await
}

/// The path a request's span records: the path itself, but for a route whose path holds a
/// secret (a calendar feed's address), the route, so that no log holds the secret.
fn loggable_path<'a>(request: &'a Request, route: &'a str) -> &'a str {
    if route.contains("{secret}") {
        route
    } else {
        request.uri().path()
    }
}

fn security_header(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
}

/// Refuses a body whose declared length is over `limit` at once, rather than after reading
/// it (or waiting for it).
async fn refuse_declared_oversize(limit: usize, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return ApiError::too_large(says(
            "detail-body-too-large-limit",
            vec![("limit", limit.to_string().into())],
        ))
        .into_response();
    }
    next.run(request).await
}

/// Gives error responses made outside the handlers (405, 408, a panic) a problem document,
/// so that every error a client sees has the same shape.
async fn problems_for_bare_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    // Bare: no body type at all, or the plain text axum's own rejections carry. A problem
    // document, JSON, or an error page is left as it is.
    let bare = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    if (status.is_client_error() || status.is_server_error()) && bare {
        let mut replacement = ApiError::for_status(status).into_response();
        for (name, value) in response.headers() {
            if name == header::ALLOW || name == header::RETRY_AFTER {
                replacement.headers_mut().insert(name, value.clone());
            }
        }
        return replacement;
    }
    response
}
