//! Errors on pages: the same decisions as the API's (one `ApiError`), shown as a page. Not
//! signed in goes to the sign-in page and back; anything else is a page that says what
//! happened in plain words, with the status the API would give.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::chrome::Page;
use crate::auth::Viewer;
use crate::problem::{ApiError, PROBLEM_JSON, Written};
use crate::state::AppState;

/// Middleware for the pages: turns an error answer into an error page.
pub(crate) async fn html_errors(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let viewer = request.extensions().get::<Viewer>().cloned();
    let headers = request.headers().clone();
    let is_get = request.method() == axum::http::Method::GET;
    let target = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned());
    let response = next.run(request).await;
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    // A problem document, or a bare error (axum's own rejections are plain text), becomes a
    // page; a page already made is left alone.
    let replaceable = content_type.is_empty()
        || content_type == PROBLEM_JSON
        || content_type.starts_with("text/plain");
    if !(status.is_client_error() || status.is_server_error()) || !replaceable {
        return response;
    }
    if status == StatusCode::UNAUTHORIZED {
        let back = if is_get { target } else { "/".to_owned() };
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("next", &back)
            .finish();
        return Redirect::to(&format!("/login?{query}")).into_response();
    }
    // What the error said about the connection and about trying again still holds.
    let mut kept = HeaderMap::new();
    for name in [header::RETRY_AFTER, header::CONNECTION, header::ALLOW] {
        if let Some(value) = response.headers().get(&name) {
            kept.insert(name, value.clone());
        }
    }
    let lost = response
        .extensions()
        .get::<crate::outage::DatabaseLost>()
        .copied();
    let error = response
        .extensions()
        .get::<Written>()
        .map_or_else(|| ApiError::for_status(status), |w| w.0.clone());
    if status == StatusCode::NOT_FOUND {
        return not_found_page(&state, viewer, &headers, &target);
    }
    let mut page = error_page(
        &state,
        (viewer, &headers, &target),
        status,
        Said::Error(&error),
        kept,
    );
    // The outage guard around the pages learns from a page's failure as from the API's.
    if let Some(lost) = lost {
        page.extensions_mut().insert(lost);
    }
    page
}

/// What an error page says.
#[derive(Clone, Copy)]
enum Said<'a> {
    /// The error's title and detail.
    Error(&'a ApiError),
    /// That the page is not there (or not this person's to see).
    NotFound,
}

fn error_page(
    state: &AppState,
    (viewer, headers, here): (Option<Viewer>, &HeaderMap, &str),
    status: StatusCode,
    said: Said<'_>,
    kept: HeaderMap,
) -> Response {
    let rendered = Page::new(state, viewer, headers, here).and_then(|page| {
        let (title, detail) = match said {
            Said::Error(error) => {
                let problem = error.problem(&page.locale);
                (problem.title, problem.detail)
            }
            Said::NotFound => (
                page.locale.t("page-not-found"),
                page.locale.t("page-not-found-detail"),
            ),
        };
        page.render(
            status,
            "error.html",
            page_context! { status => status.as_u16(), title, detail },
        )
    });
    let mut response = rendered.unwrap_or_else(|_| ApiError::for_status(status).into_response());
    response.headers_mut().extend(kept);
    response
}

/// Middleware around the whole service: errors answered before a request reaches the
/// pages (a body refused by its declared size, say) are shown as pages too, on the pages'
/// addresses; the API and the operations endpoints keep their problem documents.
pub(crate) async fn html_errors_outside(
    state: State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let machine = path.starts_with("/api/") || ["/healthz", "/readyz", "/metrics"].contains(&path);
    if machine {
        next.run(request).await
    } else {
        html_errors(state, request, next).await
    }
}

/// The page for an address the service does not have.
pub(crate) async fn not_found(State(state): State<AppState>, request: Request) -> Response {
    let viewer = request.extensions().get::<Viewer>().cloned();
    let here = request
        .uri()
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
    not_found_page(&state, viewer, request.headers(), &here)
}

/// The same page for what does not exist and for what this person may not see, so that
/// the page says nothing of which it was.
fn not_found_page(
    state: &AppState,
    viewer: Option<Viewer>,
    headers: &HeaderMap,
    here: &str,
) -> Response {
    error_page(
        state,
        (viewer, headers, here),
        StatusCode::NOT_FOUND,
        Said::NotFound,
        HeaderMap::new(),
    )
}
