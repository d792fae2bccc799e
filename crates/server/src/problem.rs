//! Every error the API answers with, as an RFC 9457 problem document, decided in one place.
//!
//! A client sees a status, a short title, a sentence of detail and, for invalid fields, which
//! fields and why. It never sees a stack trace or an SQL message: those go to the log.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use disputes_store::StoreError;
use disputes_workflow::{FieldError, FieldErrorCode, PanelBreach, Refusal, RefusalKind};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of a problem document.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error answer. Boxed: errors travel through every handler's `Result`, and the common
/// path should stay small.
#[derive(Debug)]
pub struct ApiError(Box<Details>);

#[derive(Debug)]
struct Details {
    status: StatusCode,
    slug: &'static str,
    title: &'static str,
    detail: String,
    errors: Vec<FieldError>,
    breaches: Vec<PanelBreach>,
    retry_after: Option<u64>,
    current_version: Option<u32>,
    database_lost: bool,
}

/// A field that could not be used.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    /// The field, as the request named it (`notice.effective_on`, `member_ids[1]`).
    pub field: String,
    /// `required` (left out), `unknown` (not a field of this request) or `invalid`.
    pub code: FieldErrorCode,
    /// What is wrong.
    pub message: String,
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What happened this time.
    pub detail: String,
    /// Invalid fields, for validation errors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
    /// The panel rules a proposed panel breaks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<Object>)]
    pub breaches: Vec<PanelBreach>,
    /// The case's current version, when an action was refused as stale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<u32>,
}

impl ApiError {
    fn new(
        status: StatusCode,
        slug: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        ApiError(Box::new(Details {
            status,
            slug,
            title,
            detail: detail.into(),
            errors: Vec::new(),
            breaches: Vec::new(),
            retry_after: None,
            current_version: None,
            database_lost: false,
        }))
    }

    /// The fields at fault, for a 422.
    pub fn field_errors(&self) -> &[FieldError] {
        &self.0.errors
    }

    /// The panel rules broken, for a refused panel.
    pub fn breaches(&self) -> &[PanelBreach] {
        &self.0.breaches
    }

    /// What happened, in a sentence.
    pub fn detail(&self) -> &str {
        &self.0.detail
    }

    /// 400: the request could not be read.
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "bad-request",
            "The request could not be read",
            detail,
        )
    }

    /// 401: not signed in.
    pub fn unauthorised() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorised",
            "Sign in first",
            "This needs a signed-in session or a bearer token.",
        )
    }

    /// 401: the sign-in details were not right. The same answer whatever was wrong.
    pub fn bad_credentials() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "bad-credentials",
            "Those sign-in details are not right",
            "The email address or the password is not right.",
        )
    }

    /// 403: signed in, but not allowed.
    pub fn forbidden(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "You may not do this",
            detail,
        )
    }

    /// 404: unknown, or not visible to this caller.
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Not found",
            "There is nothing here.",
        )
    }

    /// 404 for an address the service does not have at all.
    pub fn no_route() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "no-route",
            "Not found",
            "There is no such address.",
        )
    }

    /// 409: the state does not allow it, or the version is stale, or a value is taken.
    pub fn conflict(detail: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", "Not possible now", detail)
    }

    /// 413: too large.
    pub fn too_large(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "Too large",
            detail,
        )
    }

    /// 415: not JSON.
    pub fn unsupported_media_type(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            detail,
        )
    }

    /// 422: well-formed but invalid, field by field.
    pub fn invalid(errors: Vec<FieldError>) -> Self {
        let detail = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ");
        let mut error = Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            "Some fields cannot be used",
            detail,
        );
        error.0.errors = errors;
        error
    }

    /// 422 for one field.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> Self {
        Self::invalid(vec![FieldError::new(field, message)])
    }

    /// 429: too many attempts; try again after `seconds`.
    pub fn too_many(seconds: u64, detail: impl Into<String>) -> Self {
        let mut error = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-attempts",
            "Too many attempts",
            detail,
        );
        error.0.retry_after = Some(seconds);
        error
    }

    /// How many seconds to wait before trying again, when the answer says.
    pub fn retry_after(&self) -> Option<u64> {
        self.0.retry_after
    }

    /// 408: the request's body stopped arriving. The same problem as any request that took
    /// too long, saying why.
    pub fn body_timeout() -> Self {
        Self::for_status(StatusCode::REQUEST_TIMEOUT)
            .with_detail("The request's body stopped arriving before it was complete.")
    }

    /// 503: the database cannot be reached; try again soon.
    pub fn unavailable() -> Self {
        let mut error = Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Temporarily unavailable",
            "The service cannot reach its database. Try again in a moment.",
        );
        error.0.retry_after = Some(5);
        error
    }

    /// 500: a fault of the service's own (logged in full, answered in brief).
    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong",
            "The service could not complete this request. It has been logged.",
        )
    }

    /// An error answer for `status`, for responses produced outside the handlers (an
    /// unknown route, a method not allowed).
    pub fn for_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => Self::not_found(),
            StatusCode::METHOD_NOT_ALLOWED => Self::new(
                status,
                "method-not-allowed",
                "Method not allowed",
                "This address does not accept that method.",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => Self::too_large("The request body is too large."),
            StatusCode::REQUEST_TIMEOUT => Self::new(
                status,
                "timeout",
                "Request timed out",
                "The request took too long.",
            ),
            s if s.is_server_error() => Self::internal(),
            s => Self::new(s, "error", "The request cannot be answered", s.to_string()),
        }
    }

    /// The same error with another sentence of detail.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.0.detail = detail.into();
        self
    }

    /// The status it answers with.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The document itself.
    pub fn problem(&self) -> Problem {
        let d = &self.0;
        Problem {
            kind: format!("/problems/{}", d.slug),
            title: d.title.to_owned(),
            status: d.status.as_u16(),
            detail: d.detail.clone(),
            errors: d
                .errors
                .iter()
                .map(|e| ProblemField {
                    field: e.field.clone(),
                    code: e.code,
                    message: e.message.clone(),
                })
                .collect(),
            breaches: d.breaches.clone(),
            current_version: d.current_version,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.problem()).unwrap_or_default();
        let mut response = (self.0.status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        if let Some(seconds) = self.0.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if self.0.status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        // A body refused as too large is left unread, so the connection is closed after the
        // answer; saying so keeps the client from sending its next request down it.
        if self.0.status == StatusCode::PAYLOAD_TOO_LARGE {
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        if self.0.database_lost {
            response
                .extensions_mut()
                .insert(crate::outage::DatabaseLost);
        }
        response
    }
}

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        match refusal.kind() {
            RefusalKind::State => ApiError::conflict(refusal.to_string()),
            RefusalKind::Actor => ApiError::forbidden(refusal.to_string()),
            RefusalKind::Invalid => match refusal {
                Refusal::Invalid(errors) => ApiError::invalid(errors),
                Refusal::PanelRefused(breaches) => {
                    let mut error = ApiError::invalid(vec![FieldError::new(
                        "member_ids",
                        breaches
                            .iter()
                            .map(|b| b.explanation.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    )]);
                    error.0.slug = "panel-refused";
                    error.0.title = "The panel breaks the panel rules";
                    error.0.breaches = breaches;
                    error
                }
                other => ApiError::invalid_field("request", other.to_string()),
            },
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::Refused(refusal) => refusal.into(),
            StoreError::Stale { expected, current } => {
                let mut answer = ApiError::conflict(format!(
                    "The case has changed since version {expected}; reload it and try again."
                ));
                answer.0.slug = "stale-version";
                answer.0.current_version = current;
                answer
            }
            StoreError::Conflict(detail) => ApiError::conflict(detail),
            StoreError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "database unavailable");
                let mut answer = ApiError::unavailable();
                answer.0.database_lost = true;
                answer
            }
            StoreError::Database(cause) => {
                tracing::error!(error = %cause, "database error");
                ApiError::unavailable()
            }
            StoreError::Corrupt(detail) => {
                tracing::error!(detail = %detail, "stored data cannot be read");
                ApiError::internal()
            }
            StoreError::Config(detail) => {
                tracing::error!(detail = %detail, "store misconfigured");
                ApiError::internal()
            }
        }
    }
}
