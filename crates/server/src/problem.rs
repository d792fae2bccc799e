//! Every error the API answers with, as an RFC 9457 problem document, decided in one place.
//!
//! A client sees a status, a short title, a sentence of detail and, for invalid fields, which
//! fields and why. It never sees a stack trace or an SQL message: those go to the log.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use disputes_i18n::{Arg, Lang, Locale};
use disputes_store::StoreError;
use disputes_workflow::{
    FieldError, FieldErrorCode, PanelBreach, Refusal, RefusalKind, Said, Word,
};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of a problem document.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// An error answer. Boxed: errors travel through every handler's `Result`, and the common
/// path should stay small.
#[derive(Debug, Clone)]
pub struct ApiError(Box<Details>);

#[derive(Debug, Clone)]
struct Details {
    status: StatusCode,
    /// Names the kind (`/problems/{slug}`) and its title in the catalogue (`problem-{slug}`).
    slug: &'static str,
    /// In English.
    detail: String,
    /// The catalogue entry the detail was written from, to write it in another language.
    said: Option<Said>,
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

/// What an error says of what happened: English written where it happened, or (to be said
/// in the reader's language) a catalogue entry.
#[derive(Debug, Clone)]
pub enum Detail {
    /// In English only.
    English(String),
    /// The catalogue's words.
    Said(Said),
}

impl From<&str> for Detail {
    fn from(english: &str) -> Detail {
        Detail::English(english.to_owned())
    }
}

impl From<String> for Detail {
    fn from(english: String) -> Detail {
        Detail::English(english)
    }
}

impl From<Said> for Detail {
    fn from(said: Said) -> Detail {
        Detail::Said(said)
    }
}

impl Detail {
    /// Its English (the API's), and the catalogue entry to say it in another language.
    fn worded(self) -> (String, Option<Said>) {
        match self {
            Detail::English(english) => (english, None),
            Detail::Said(said) => (worded(&Locale::built_in(Lang::En), &said), Some(said)),
        }
    }

    /// The same, as the problem of `field`.
    fn of_field(self, field: impl Into<String>) -> FieldError {
        match self.worded() {
            (english, None) => FieldError::new(field, english),
            (english, Some(said)) => FieldError::new(field, english).said(said.key, said.args),
        }
    }
}

/// The catalogue's `key` with `args`: a detail, or a field's problem, for every language.
pub(crate) fn says(key: &'static str, args: Vec<(&'static str, Word)>) -> Said {
    Said { key, args }
}

/// How many minutes `seconds` is, rounded up: how long to wait, in a detail.
pub(crate) fn minutes(seconds: u64) -> Word {
    seconds.div_ceil(60).into()
}

impl ApiError {
    fn new(status: StatusCode, slug: &'static str, detail: impl Into<Detail>) -> Self {
        let (detail, said) = detail.into().worded();
        ApiError(Box::new(Details {
            status,
            slug,
            said,
            detail,
            errors: Vec::new(),
            breaches: Vec::new(),
            retry_after: None,
            current_version: None,
            database_lost: false,
        }))
    }

    /// An error whose detail is the catalogue's `key` with `args`.
    fn said(
        status: StatusCode,
        slug: &'static str,
        key: &'static str,
        args: Vec<(&'static str, Word)>,
    ) -> Self {
        Self::new(status, slug, Said { key, args })
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

    /// The same problem, as a problem with `field` (a page showing a refusal beside the
    /// field it concerns), worded in any language as the detail is.
    pub fn as_field_problem(&self, field: impl Into<String>) -> FieldError {
        let detail = match &self.0.said {
            Some(said) => Detail::Said(said.clone()),
            None => Detail::English(self.0.detail.clone()),
        };
        detail.of_field(field)
    }

    /// What happened, in `locale`'s language where the service wrote it from the catalogue.
    pub fn detail_in(&self, locale: &Locale) -> String {
        match &self.0.said {
            Some(said) => worded(locale, said),
            None => self.0.detail.clone(),
        }
    }

    /// 400: the request could not be read.
    pub fn bad_request(detail: impl Into<Detail>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad-request", detail)
    }

    /// 401: not signed in.
    pub fn unauthorised() -> Self {
        Self::said(
            StatusCode::UNAUTHORIZED,
            "unauthorised",
            "detail-unauthorised",
            Vec::new(),
        )
    }

    /// 401: the sign-in details were not right. The same answer whatever was wrong.
    pub fn bad_credentials() -> Self {
        Self::said(
            StatusCode::UNAUTHORIZED,
            "bad-credentials",
            "detail-bad-credentials",
            Vec::new(),
        )
    }

    /// 403: signed in, but not allowed.
    pub fn forbidden(detail: impl Into<Detail>) -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", detail)
    }

    /// 404: unknown, or not visible to this caller.
    pub fn not_found() -> Self {
        Self::said(
            StatusCode::NOT_FOUND,
            "not-found",
            "detail-not-found",
            Vec::new(),
        )
    }

    /// 404 for an address the service does not have at all.
    pub fn no_route() -> Self {
        Self::said(
            StatusCode::NOT_FOUND,
            "no-route",
            "detail-no-route",
            Vec::new(),
        )
    }

    /// 409: the state does not allow it, or the version is stale, or a value is taken.
    pub fn conflict(detail: impl Into<Detail>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", detail)
    }

    /// 413: too large.
    pub fn too_large(detail: impl Into<Detail>) -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "too-large", detail)
    }

    /// 415: not JSON.
    pub fn unsupported_media_type(detail: impl Into<Detail>) -> Self {
        Self::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
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
        let mut error = Self::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", detail);
        error.0.errors = errors;
        error
    }

    /// 422 for one field.
    pub fn invalid_field(field: &str, message: impl Into<Detail>) -> Self {
        Self::invalid(vec![message.into().of_field(field)])
    }

    /// 429: too many attempts; try again after `seconds`.
    pub fn too_many(seconds: u64, detail: impl Into<Detail>) -> Self {
        let mut error = Self::new(StatusCode::TOO_MANY_REQUESTS, "too-many-attempts", detail);
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
        Self::said(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "detail-body-timeout",
            Vec::new(),
        )
    }

    /// 503: the database cannot be reached; try again soon.
    pub fn unavailable() -> Self {
        let mut error = Self::said(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "detail-unavailable",
            Vec::new(),
        );
        error.0.retry_after = Some(5);
        error
    }

    /// 500: a fault of the service's own (logged in full, answered in brief).
    pub fn internal() -> Self {
        Self::said(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "detail-internal",
            Vec::new(),
        )
    }

    /// 500 for a fault of the service's own whose `cause` is logged in full; the answer
    /// says no more than [`ApiError::internal`] does, so nothing of the service's insides
    /// reaches a client.
    pub fn internal_because(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "request failed inside the service");
        Self::internal()
    }

    /// An error answer for `status`, for responses produced outside the handlers (an
    /// unknown route, a method not allowed).
    pub fn for_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => Self::not_found(),
            StatusCode::METHOD_NOT_ALLOWED => Self::said(
                status,
                "method-not-allowed",
                "detail-method-not-allowed",
                Vec::new(),
            ),
            StatusCode::PAYLOAD_TOO_LARGE => {
                Self::said(status, "too-large", "detail-too-large", Vec::new())
            }
            StatusCode::REQUEST_TIMEOUT => {
                Self::said(status, "timeout", "detail-timeout", Vec::new())
            }
            s if s.is_server_error() => Self::internal(),
            s => Self::new(s, "error", s.to_string()),
        }
    }

    /// The same error with another sentence of detail.
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<Detail>) -> Self {
        (self.0.detail, self.0.said) = detail.into().worded();
        self
    }

    /// The status it answers with.
    pub fn status(&self) -> StatusCode {
        self.0.status
    }

    /// The document itself, its title and detail in `locale`'s language. A detail the
    /// service wrote from the catalogue is written in that language; one listing invalid
    /// fields names them there (each field's own message stays as the check wrote it); any
    /// other stays as written.
    pub fn problem(&self, locale: &Locale) -> Problem {
        let d = &self.0;
        let detail = match &d.said {
            Some(_) => self.detail_in(locale),
            None if !d.errors.is_empty() && locale.lang() != Lang::En => {
                let fields: Vec<&str> = d.errors.iter().map(|e| e.field.as_str()).collect();
                locale.text(
                    "detail-invalid-fields",
                    &[
                        ("count", fields.len().into()),
                        ("fields", fields.join(", ").into()),
                    ],
                )
            }
            None => d.detail.clone(),
        };
        Problem {
            kind: format!("/problems/{}", d.slug),
            title: locale.t(&format!("problem-{}", d.slug)),
            status: d.status.as_u16(),
            detail,
            errors: d
                .errors
                .iter()
                .map(|e| ProblemField {
                    field: e.field.clone(),
                    code: e.code,
                    message: e
                        .said
                        .as_ref()
                        .map_or_else(|| e.message.clone(), |said| worded(locale, said)),
                })
                .collect(),
            breaches: d.breaches.clone(),
            current_version: d.current_version,
        }
    }
}

/// The error an answer was made from, kept with the answer so that [`in_language`] can write
/// its document again in the language the request asks for.
#[derive(Debug, Clone)]
pub(crate) struct Written(pub(crate) ApiError);

/// A problem with `field` worded by the catalogue's `key` with `args`: its message in the
/// built-in English (for the API), and the key, for a page or a problem document in another
/// language to word it there.
pub(crate) fn field_problem(
    field: &str,
    key: &'static str,
    args: Vec<(&'static str, Word)>,
) -> FieldError {
    Detail::Said(Said { key, args }).of_field(field)
}

/// What a problem says in `locale`'s words, from the catalogue entry it was written from.
pub(crate) fn worded(locale: &Locale, said: &Said) -> String {
    let args: Vec<(&str, Arg)> = said
        .args
        .iter()
        .map(|(name, value)| (*name, word(locale, value)))
        .collect();
    locale.text(said.key, &args)
}

/// A value of an entry as `locale`'s language writes it. A name keeps the English the API
/// has always given it, in English; another language has it from the catalogue (or keeps
/// the English where the catalogue lacks it).
fn word(locale: &Locale, value: &Word) -> Arg {
    match value {
        Word::Text(text) => Arg::from(text),
        Word::Number(count) => Arg::from(*count),
        Word::Date(date) => Arg::from(locale.long_date(*date)),
        Word::Named { key, english } => {
            if locale.lang() == Lang::En || !locale.has(key) {
                Arg::from(english)
            } else {
                Arg::from(locale.t(key))
            }
        }
        Word::Said(said) => Arg::from(worded(locale, said)),
    }
}

/// The language a request's `Accept-Language` prefers: Welsh when it prefers Welsh, else
/// English. For what the API writes in words: problem documents and CSV headers.
pub(crate) fn asked_language(headers: &axum::http::HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default()
}

/// Middleware: writes every problem document in the language the request's
/// `Accept-Language` prefers (English unless it prefers Welsh), with the service's
/// catalogue, and says which (`Content-Language`).
pub(crate) async fn in_language(
    State(state): State<crate::state::AppState>,
    request: Request,
    next: Next,
) -> Response {
    let lang = asked_language(request.headers());
    let mut response = next.run(request).await;
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == PROBLEM_JSON.as_bytes());
    let Some(Written(error)) = response.extensions_mut().remove::<Written>() else {
        return response;
    };
    if !is_problem {
        return response;
    }
    let body = serde_json::to_vec(&error.problem(&state.locale(lang))).unwrap_or_default();
    *response.body_mut() = Body::from(body);
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_LENGTH);
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    headers.append(header::VARY, HeaderValue::from_static("accept-language"));
    response
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body =
            serde_json::to_vec(&self.problem(&Locale::built_in(Lang::En))).unwrap_or_default();
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
        response.extensions_mut().insert(Written(self));
        response
    }
}

impl From<Refusal> for ApiError {
    fn from(refusal: Refusal) -> Self {
        match (refusal.kind(), refusal.said()) {
            (RefusalKind::State, Some(said)) => ApiError::conflict(said),
            (RefusalKind::Actor, Some(said)) => ApiError::forbidden(said),
            (RefusalKind::State, None) => ApiError::conflict(refusal.to_string()),
            (RefusalKind::Actor, None) => ApiError::forbidden(refusal.to_string()),
            (RefusalKind::Invalid, _) => match refusal {
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
                    error.0.breaches = breaches;
                    error
                }
                other => ApiError::invalid_field("request", other.to_string()),
            },
        }
    }
}

/// The conflicts the store words (in English, holding no catalogue), each with the catalogue
/// entry that says the same in every language. A test checks that the store still says
/// each, and that the English catalogue says it the same.
const STORE_CONFLICTS: &[(&str, &str)] = &[
    (
        "an organisation with that name already exists",
        "detail-organisation-name-taken",
    ),
    (
        "someone already has that email address",
        "detail-email-taken",
    ),
    (
        "this person has been erased and cannot be changed",
        "detail-person-erased",
    ),
    (
        "this person has already been erased",
        "detail-person-erased-already",
    ),
    (
        "an authenticator is already set up for this person",
        "detail-authenticator-set-up-already",
    ),
    (
        "this delivery is waiting to be sent already",
        "detail-delivery-waiting",
    ),
    ("that value is already taken", "detail-value-taken"),
    ("the idempotency key is busy", "detail-idempotency-key-busy"),
];

/// A conflict the store reported, in the catalogue's words where it is one of
/// [`STORE_CONFLICTS`].
fn store_conflict(detail: String) -> Detail {
    match STORE_CONFLICTS
        .iter()
        .find(|(english, _)| *english == detail)
    {
        Some((_, key)) => says(key, Vec::new()).into(),
        None => detail.into(),
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => ApiError::not_found(),
            StoreError::Refused(refusal) => refusal.into(),
            StoreError::Stale { expected, current } => {
                let mut answer = ApiError::said(
                    StatusCode::CONFLICT,
                    "stale-version",
                    "detail-stale-version",
                    vec![("expected", expected.into())],
                );
                answer.0.current_version = current;
                answer
            }
            StoreError::Conflict(detail) => ApiError::conflict(store_conflict(detail)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use disputes_workflow::{ActionKind, Role};

    /// The catalogue keys the code names as string literals (`"detail-…"`, `"field-…"`,
    /// `"workflow-…"` and the like), in the server's and the workflow's sources.
    fn keys_in_sources() -> Vec<String> {
        let roots = [
            concat!(env!("CARGO_MANIFEST_DIR"), "/src"),
            concat!(env!("CARGO_MANIFEST_DIR"), "/../workflow/src"),
        ];
        let mut files: Vec<std::path::PathBuf> = roots.iter().map(Into::into).collect();
        let mut keys = Vec::new();
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            for literal in source.split('"').skip(1).step_by(2) {
                let keyed = [
                    "detail-",
                    "field-",
                    "workflow-",
                    "problem-",
                    "reply-reason-",
                    "record-",
                ]
                .iter()
                .any(|prefix| literal.starts_with(prefix));
                let plain = literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if keyed && plain && !literal.ends_with('-') {
                    keys.push(literal.to_owned());
                }
            }
        }
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn every_key_the_code_words_a_problem_with_is_in_both_languages() {
        let keys = keys_in_sources();
        assert!(keys.iter().any(|k| k == "detail-form-expired"), "{keys:?}");
        assert!(
            keys.iter().any(|k| k == "workflow-state-closed"),
            "{keys:?}"
        );
        for lang in Lang::ALL {
            let locale = Locale::built_in(lang);
            let missing: Vec<&String> = keys.iter().filter(|k| !locale.has(k)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
    }

    #[test]
    fn the_names_a_refusal_gives_are_in_both_languages() {
        for lang in Lang::ALL {
            let locale = Locale::built_in(lang);
            for kind in ActionKind::ALL {
                assert!(locale.has(&format!("action-{}", kind.as_str())), "{kind:?}");
            }
            for role in Role::ALL {
                assert!(locale.has(&format!("role-{}", role.as_str())), "{role:?}");
            }
            for kind in crate::use_cases::files::KINDS {
                for extension in kind.extensions.iter().take(1) {
                    assert!(locale.has(&format!("file-kind-{extension}")), "{extension}");
                }
            }
        }
    }

    #[test]
    fn a_refusal_of_the_state_keeps_its_english_and_is_said_in_welsh() {
        let refusal = Refusal::NotInThisState {
            action: ActionKind::Acknowledge,
            state: "closed",
            reason: says("workflow-state-closed", Vec::new()),
        };
        let error = ApiError::from(refusal.clone());
        assert_eq!(error.status(), StatusCode::CONFLICT);
        assert_eq!(error.detail(), refusal.to_string());
        assert_eq!(
            error.problem(&Locale::built_in(Lang::En)).detail,
            "cannot acknowledge the disagreement while the case is closed: the case is closed"
        );
        assert_eq!(
            error.problem(&Locale::built_in(Lang::Cy)).detail,
            "ni ellir cymryd y cam “Cydnabod yr anghytundeb” tra bo'r achos yn y cyflwr \
             “Ar gau”: mae'r achos ar gau"
        );
    }

    #[test]
    fn the_stores_conflicts_are_said_as_the_store_says_them_and_in_welsh() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../store/src");
        let mut sources = String::new();
        let mut folders = vec![std::path::PathBuf::from(root)];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    sources.push_str(&std::fs::read_to_string(path).unwrap());
                }
            }
        }
        let english = Locale::built_in(Lang::En);
        let welsh = Locale::built_in(Lang::Cy);
        for (words, key) in STORE_CONFLICTS {
            assert!(
                sources.contains(&format!("\"{words}\"")),
                "the store no longer says {words:?}"
            );
            assert_eq!(english.t(key), *words);
            assert!(welsh.has(key), "{key}");
            let error = ApiError::from(StoreError::Conflict((*words).to_owned()));
            assert_eq!(error.detail(), *words);
            assert_ne!(error.detail_in(&welsh), *words);
        }
    }

    #[test]
    fn a_wait_is_counted_in_whole_minutes_in_each_language() {
        let error = ApiError::too_many(
            61,
            says("detail-codes-throttled", vec![("minutes", minutes(61))]),
        );
        assert_eq!(
            error.detail(),
            "Too many wrong codes. Try again in 2 minutes."
        );
        let one = ApiError::too_many(
            60,
            says("detail-codes-throttled", vec![("minutes", minutes(60))]),
        );
        assert_eq!(one.detail(), "Too many wrong codes. Try again in 1 minute.");
        assert_eq!(
            one.detail_in(&Locale::built_in(Lang::Cy)),
            "Gormod o godau anghywir. Rhowch gynnig arall arni ymhen 1 munud."
        );
    }
}
