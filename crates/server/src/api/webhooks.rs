//! Webhooks over HTTP: the facilitator registers endpoints, which every case event is then
//! delivered to, signed; lists them and their deliveries; removes them; sends a delivery
//! again.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use crate::authz::Facilitator;
use crate::extract::{ApiJson, ApiPath};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::webhooks::{self, DeliveryView, NewWebhookView, WebhookRequest, WebhookView};

/// Registers an endpoint (the facilitator): every case event from now on is POSTed to it,
/// signed by the Standard Webhooks scheme with the secret in the answer, which is shown
/// this once.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    request_body = WebhookRequest,
    responses(
        (status = 201, body = NewWebhookView),
        (status = 403, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn create_webhook(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiJson(request): ApiJson<WebhookRequest>,
) -> Result<(StatusCode, Json<NewWebhookView>), ApiError> {
    let created = webhooks::register(&state, &viewer, request).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The registered endpoints, without their secrets (the facilitator).
#[utoipa::path(
    get,
    path = "/api/v1/webhooks",
    tag = "webhooks",
    responses((status = 200, body = Vec<WebhookView>), (status = 403, body = Problem))
)]
pub async fn list_webhooks(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
) -> Result<Json<Vec<WebhookView>>, ApiError> {
    Ok(Json(webhooks::list(&state, &viewer).await?))
}

/// Removes an endpoint and its deliveries, sent or waiting (the facilitator).
#[utoipa::path(
    delete,
    path = "/api/v1/webhooks/{id}",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, body = Problem), (status = 404, body = Problem),
    )
)]
pub async fn delete_webhook(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    webhooks::remove(&state, &viewer, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// An endpoint's latest deliveries (at most 100), newest first (the facilitator).
#[utoipa::path(
    get,
    path = "/api/v1/webhooks/{id}/deliveries",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The endpoint")),
    responses(
        (status = 200, body = Vec<DeliveryView>),
        (status = 403, body = Problem), (status = 404, body = Problem),
    )
)]
pub async fn list_deliveries(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<Vec<DeliveryView>>, ApiError> {
    Ok(Json(webhooks::deliveries(&state, &viewer, id).await?))
}

/// Sends a delivery again, with the same `webhook-id` (the facilitator): one given up on,
/// or one its receiver lost. 409 while it is still waiting to be sent.
#[utoipa::path(
    post,
    path = "/api/v1/webhooks/{id}/deliveries/{delivery}/resend",
    tag = "webhooks",
    params(
        ("id" = i64, Path, description = "The endpoint"),
        ("delivery" = i64, Path, description = "The delivery"),
    ),
    responses(
        (status = 202, description = "Queued to be sent again"),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
    )
)]
pub async fn resend_delivery(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath((id, delivery)): ApiPath<(i64, i64)>,
) -> Result<StatusCode, ApiError> {
    webhooks::resend(&state, &viewer, id, delivery).await?;
    Ok(StatusCode::ACCEPTED)
}
