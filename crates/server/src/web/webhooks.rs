//! The facilitator's webhook pages: the registered endpoints and a form to register one
//! (its secret shown once, on the page that answers the form), and each endpoint's
//! deliveries, with a button to send one again and one to remove the endpoint.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::chrome::Page;
use super::form::{Fields, Form, FormView};
use crate::extract::ApiPath;
use crate::problem::ApiError;
use crate::state::AppState;
use crate::use_cases::webhooks::{
    NewWebhookView, WebhookRequest, deliveries, list, register, remove, resend,
};

/// `GET /admin/webhooks`.
pub(crate) async fn endpoints(
    State(state): State<AppState>,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let done = Form::parse(query.unwrap_or_default().as_bytes()).get("done");
    let banner =
        (done.as_deref() == Some("removed")).then(|| page.locale.t("webhooks-done-removed"));
    show(
        &state,
        &page,
        StatusCode::OK,
        FormView::default(),
        None,
        banner.as_deref(),
    )
    .await
}

/// `POST /admin/webhooks`: registers the endpoint and shows its secret, this once.
pub(crate) async fn create(
    State(state): State<AppState>,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let mut fields = Fields::new(&form);
    let request = WebhookRequest {
        url: fields.text("url", true).unwrap_or_default(),
        description: fields.text("description", false).unwrap_or_default(),
    };
    let errors = if fields.errors.is_empty() {
        match register(&state, viewer, request).await {
            Ok(created) => {
                return show(
                    &state,
                    &page,
                    StatusCode::OK,
                    FormView::default(),
                    Some(created),
                    None,
                )
                .await;
            }
            Err(refused) if refused.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                refused.field_errors().to_vec()
            }
            Err(error) => return Err(error),
        }
    } else {
        fields.errors
    };
    let view = FormView::refused_in(&page.locale, &form, &errors, "webhook-field");
    show(
        &state,
        &page,
        StatusCode::UNPROCESSABLE_ENTITY,
        view,
        None,
        None,
    )
    .await
}

async fn show(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    form: FormView,
    created: Option<NewWebhookView>,
    banner: Option<&str>,
) -> Result<Response, ApiError> {
    let endpoints = list(state, page.viewer()?).await?;
    page.render(
        status,
        "webhooks.html",
        page_context! {
            title => page.locale.t("webhooks-title"),
            section => "admin",
            endpoints,
            created,
            form,
            banner,
        },
    )
}

/// `GET /admin/webhooks/{id}`: the endpoint's latest deliveries.
pub(crate) async fn endpoint(
    State(state): State<AppState>,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let endpoint = list(&state, viewer)
        .await?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(ApiError::not_found)?;
    let deliveries = deliveries(&state, viewer, id).await?;
    let done = Form::parse(query.unwrap_or_default().as_bytes()).get("done");
    let banner = (done.as_deref() == Some("resent")).then(|| page.locale.t("webhook-done-resent"));
    page.ok(
        "webhook.html",
        page_context! {
            title => page.locale.text("webhook-title", &[("url", endpoint.url.clone().into())]),
            section => "admin",
            endpoint,
            deliveries,
            banner,
        },
    )
}

/// `POST /admin/webhooks/{id}/delete`: removes the endpoint and its deliveries.
pub(crate) async fn delete(
    State(state): State<AppState>,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    _form: Form,
) -> Result<Response, ApiError> {
    remove(&state, page.viewer()?, id).await?;
    Ok(Redirect::to("/admin/webhooks?done=removed").into_response())
}

/// `POST /admin/webhooks/{id}/deliveries/{delivery}/resend`.
pub(crate) async fn send_again(
    State(state): State<AppState>,
    page: Page,
    ApiPath((id, delivery)): ApiPath<(i64, i64)>,
    _form: Form,
) -> Result<Response, ApiError> {
    resend(&state, page.viewer()?, id, delivery).await?;
    Ok(Redirect::to(&format!("/admin/webhooks/{id}?done=resent")).into_response())
}
