//! Request extractors that answer bad input with problem documents: malformed JSON is 400,
//! JSON of the wrong shape 422 naming the field, a body over the limit 413, a path that
//! cannot name anything 404.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use disputes_workflow::{FieldError, FieldErrorCode};
use serde::de::DeserializeOwned;

use crate::problem::{ApiError, says};
use crate::state::AppState;

/// A JSON body, read with errors that name the field at fault.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| {
                let v = v.trim().to_ascii_lowercase();
                v == "application/json" || (v.starts_with("application/") && v.ends_with("+json"))
            });
        if !is_json {
            return Err(ApiError::unsupported_media_type(says(
                "detail-send-json",
                Vec::new(),
            )));
        }
        let bytes = read_limited(request, state.settings.server.json_limit_bytes).await?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Reads a body of at most `limit` bytes; a longer one is 413, refused by its declared
/// length before it is read when it declares one.
pub async fn read_limited(request: Request, limit: usize) -> Result<Bytes, ApiError> {
    let too_large = || {
        ApiError::too_large(says(
            "detail-body-too-large-limit",
            vec![("limit", limit.to_string().into())],
        ))
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    axum::body::to_bytes(request.into_body(), limit)
        .await
        .map_err(|error| {
            if stalled(&error) {
                ApiError::body_timeout()
            } else {
                too_large()
            }
        })
}

/// Whether reading a body failed because it stopped arriving (see `server.body_read_timeout_secs`).
pub fn stalled(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if error.is::<tower_http::timeout::TimeoutError>() {
            return true;
        }
        cause = error.source();
    }
    false
}

/// Parses JSON, telling a syntax error (400) from a value of the wrong shape (422).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::bad_request(says(
                "detail-not-json",
                vec![("error", inner.to_string().into())],
            ))
        } else {
            ApiError::invalid(vec![shape_error(&path, "body", &inner.to_string())])
        }
    })?;
    deserializer.end().map_err(|e| {
        ApiError::bad_request(says(
            "detail-not-json",
            vec![("error", e.to_string().into())],
        ))
    })?;
    Ok(value)
}

/// The field error for serde's `message` about the value at `path` (`.` for the whole of
/// it, which is called `whole`). A missing field is placed on itself, with its code, rather
/// than on the object holding it (serde names it only in its words); an unknown one is
/// already at its own path, and gets its code.
pub(crate) fn shape_error(path: &str, whole: &str, message: &str) -> FieldError {
    let message = clean_message(message);
    let at = |name: &str| match path {
        "." => name.to_owned(),
        _ => format!("{path}.{name}"),
    };
    // The field's name, and what serde said after it (", expected one of ...").
    let named = |prefix: &str| {
        let (name, rest) = message.strip_prefix(prefix)?.split_once('`')?;
        (!name.is_empty()).then(|| (at(name), rest.to_owned()))
    };
    if let Some((field, _)) = named("missing field `") {
        FieldError::required(field)
    } else if let Some((field, expected)) = named("unknown field `") {
        // The path of an unknown field already ends with its name.
        let field = if path == "." { field } else { path.to_owned() };
        let listing = |fields: &str| vec![("fields", fields.into())];
        let (key, args) = if let Some(fields) = expected.strip_prefix(", expected one of ") {
            ("field-not-a-field-one-of", listing(fields))
        } else if let Some(fields) = expected.strip_prefix(", expected ") {
            ("field-not-a-field-expected", listing(fields))
        } else {
            ("field-not-a-field", Vec::new())
        };
        FieldError {
            code: FieldErrorCode::Unknown,
            ..crate::problem::field_problem(&field, key, args)
        }
    } else {
        let field = if path == "." {
            whole.to_owned()
        } else {
            path.to_owned()
        };
        // A piece of text refused by its own checks is worded again in the reader's language.
        match disputes_workflow::TextError::recognise(&message) {
            Some(refused) => refused.on(field),
            None => FieldError::new(field, message),
        }
    }
}

/// serde's messages end with " at line 1 column 42", which means nothing to a person.
fn clean_message(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

/// A query string, read with errors that name the parameter at fault.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let query = parts.uri.query().unwrap_or_default();
        let deserializer =
            serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
        serde_path_to_error::deserialize(deserializer)
            .map(ApiQuery)
            .map_err(|error| {
                let path = error.path().to_string();
                ApiError::invalid(vec![shape_error(
                    &path,
                    "query",
                    &error.into_inner().to_string(),
                )])
            })
    }
}

/// Path parameters; a value that cannot be parsed names nothing, so it is 404.
#[derive(Debug, Clone)]
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|_| ApiError::not_found())
    }
}

/// A JSON body that may be left out entirely (an action with no fields); absent is the
/// default value.
#[derive(Debug, Clone)]
pub struct ApiJsonOrEmpty<T>(pub T);

impl<T: DeserializeOwned + Default> FromRequest<AppState> for ApiJsonOrEmpty<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, ApiError> {
        let has_type = request.headers().contains_key(header::CONTENT_TYPE);
        if !has_type {
            let bytes = read_limited(request, state.settings.server.json_limit_bytes).await?;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Ok(ApiJsonOrEmpty(T::default()));
            }
            return Err(ApiError::unsupported_media_type(says(
                "detail-send-json",
                Vec::new(),
            )));
        }
        ApiJson::<T>::from_request(request, state)
            .await
            .map(|ApiJson(value)| ApiJsonOrEmpty(value))
    }
}

/// The `If-Match` version of an action: act only if the case is still at it.
#[derive(Debug, Clone, Copy)]
pub struct IfMatch(pub Option<u32>);

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        let Some(value) = parts.headers.get(header::IF_MATCH) else {
            return Ok(IfMatch(None));
        };
        let text = value.to_str().unwrap_or_default().trim();
        if text == "*" {
            return Ok(IfMatch(None));
        }
        text.trim_start_matches("W/")
            .trim_matches('"')
            .parse()
            .map(|v| IfMatch(Some(v)))
            .map_err(|_| ApiError::bad_request(says("detail-if-match", Vec::new())))
    }
}

/// Civil dates as requests carry them: read with serde's own date parsing, then refused
/// (naming the field, 422) outside the years the service takes
/// ([`disputes_workflow::dates`]). For `#[serde(deserialize_with = ...)]`.
pub mod date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer};

    /// A date.
    pub fn plausible<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let date = NaiveDate::deserialize(deserializer)?;
        disputes_workflow::dates::plausible(date).map_err(serde::de::Error::custom)
    }

    /// A date that may be left out.
    pub fn optional<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        Option::<NaiveDate>::deserialize(deserializer)?
            .map(disputes_workflow::dates::plausible)
            .transpose()
            .map_err(serde::de::Error::custom)
    }

    /// A date that may be left out (unchanged), `null` (cleared) or given.
    pub fn patch<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<NaiveDate>>, D::Error> {
        optional(deserializer).map(Some)
    }

    /// The problem of a date outside the years the service takes
    /// ([`disputes_workflow::dates::YEARS`]), worded for every language.
    pub(crate) fn implausible(field: &str) -> disputes_workflow::FieldError {
        let years = disputes_workflow::dates::YEARS;
        crate::problem::field_problem(
            field,
            "form-problem-date-range",
            vec![
                ("from", years.start().to_string().into()),
                ("to", years.end().to_string().into()),
            ],
        )
    }

    /// Refuses the dates of a type the service does not own (the workflow's), naming each
    /// one out of range.
    pub fn check(dates: &[(&str, Option<NaiveDate>)]) -> Result<(), crate::problem::ApiError> {
        let errors: Vec<disputes_workflow::FieldError> = dates
            .iter()
            .filter(|(_, date)| {
                date.is_some_and(|d| disputes_workflow::dates::plausible(d).is_err())
            })
            .map(|(field, _)| implausible(field))
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(crate::problem::ApiError::invalid(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use disputes_workflow::FieldErrorCode;

    #[test]
    fn a_missing_or_unknown_field_is_placed_on_itself_with_its_code() {
        let missing = shape_error(".", "body", "missing field `title` at line 1 column 2");
        assert_eq!(missing, FieldError::required("title"));
        let unknown = shape_error(
            "notice.efective_on",
            "body",
            "unknown field `efective_on`, expected one of `notified_on`, `effective_on`",
        );
        assert_eq!(unknown.field, "notice.efective_on");
        assert_eq!(unknown.code, FieldErrorCode::Unknown);
        assert_eq!(
            unknown.message,
            "is not a field of this request, expected one of `notified_on`, `effective_on`"
        );
        let wrong = shape_error("per_page", "query", "invalid digit found in string");
        assert_eq!(
            wrong,
            FieldError::new("per_page", "invalid digit found in string")
        );
        let whole = shape_error(".", "body", "invalid type: string \"x\", expected struct");
        assert_eq!(whole.field, "body");
        assert_eq!(whole.code, FieldErrorCode::Invalid);
    }

    #[test]
    fn a_text_refused_by_its_own_checks_is_said_in_the_readers_language() {
        let long = shape_error(
            "reason",
            "body",
            "must be at most 2000 characters at line 1 column 9000",
        );
        assert_eq!(long.message, "must be at most 2000 characters");
        let welsh = disputes_i18n::Locale::built_in(disputes_i18n::Lang::Cy);
        let said = long.said.as_ref().unwrap();
        assert_eq!(
            crate::problem::worded(&welsh, said),
            "rhaid iddo fod yn 2000 nod ar y mwyaf"
        );
        let control = shape_error("title", "body", "must not contain control characters");
        assert_eq!(
            crate::problem::worded(&welsh, control.said.as_ref().unwrap()),
            "rhaid iddo beidio â chynnwys nodau rheoli"
        );
    }
}
