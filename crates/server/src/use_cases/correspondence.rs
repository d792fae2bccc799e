//! Messages and files on a case: who may write for whom (the panel-only choice is never
//! the default for someone who may make it), and receiving an upload under the file rules.

use axum::extract::Multipart;
use axum::http::StatusCode;
use disputes_store::{
    Attachment, KeyedWrite, Message, NewAttachment, Shared, StoredCase, Visibility,
};
use disputes_workflow::visibility::{PanelScope, can_write_panel_notes, panel_scopes};
use disputes_workflow::{FieldError, FieldErrorCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::files;
use crate::auth::{Viewer, csrf};
use crate::problem::{ApiError, field_problem, says};
use crate::state::AppState;

/// Who a message or file is for, as its writer chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Everyone who can see the case.
    Parties,
    /// The panel of the case's current stage, the subgroup chair and the facilitator.
    Panel,
}

/// A message to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    /// What it says.
    pub body: String,
    /// `parties` (everyone who can see the case) or `panel` (the panel of the case's
    /// current stage, the subgroup chair and the facilitator). Whoever may write for the
    /// panel must choose, every time; for anyone else it can only be `parties`, the
    /// default.
    #[serde(default)]
    pub visibility: Option<Audience>,
}

/// What `viewer` wrote, for whom: 403 when they chose the panel and may not write for it;
/// the field's problem (to report with the others, as 422) when they may and did not say.
pub fn chosen_visibility(
    stored: &StoredCase,
    viewer: &Viewer,
    chosen: Option<Audience>,
) -> Result<Result<Visibility, FieldError>, ApiError> {
    let may_write_for_panel = can_write_panel_notes(&stored.case, viewer.person());
    Ok(match (chosen, may_write_for_panel) {
        (Some(Audience::Panel), false) => {
            return Err(ApiError::forbidden(says(
                "detail-panel-writers",
                Vec::new(),
            )));
        }
        (Some(Audience::Panel), true) => {
            Ok(Visibility::Panel(PanelScope::for_writing(&stored.case)))
        }
        (Some(Audience::Parties), _) | (None, false) => Ok(Visibility::Parties),
        (None, true) => Err(FieldError {
            code: FieldErrorCode::Required,
            ..field_problem("visibility", "field-visibility-required", Vec::new())
        }),
    })
}

/// Adds `request` to `stored` as `viewer`: the API's way and the case page's. `key` is the
/// request's idempotency key, completed with the message.
pub async fn post_message(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    request: MessageRequest,
    key: Option<&KeyedWrite>,
) -> Result<Message, ApiError> {
    let visibility = chosen_visibility(stored, viewer, request.visibility)?;
    let body = disputes_workflow::Text::parse(request.body).map_err(|e| e.on("body"));
    let (body, visibility) = match (body, visibility) {
        (Ok(body), Ok(visibility)) => (body, visibility),
        (body, visibility) => {
            let errors = [body.err(), visibility.err()].into_iter().flatten();
            return Err(ApiError::invalid(errors.collect()));
        }
    };
    Ok(state
        .store
        .add_message(
            stored,
            viewer.person().id,
            visibility,
            body,
            state.clock.now(),
            key,
        )
        .await?)
}

/// Shares `viewer`'s own panel-only message or file on `stored` with everyone on the case:
/// the way to widen a reply by email, recorded for the panel only. Not found unless it is
/// theirs and for the panel only.
pub async fn share(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    shared: Shared,
) -> Result<(), ApiError> {
    Ok(state
        .store
        .share_with_parties(stored, shared, viewer.person().id, state.clock.now())
        .await?)
}

/// The panel scopes `viewer` reads on `stored`.
pub fn readable_scopes(stored: &StoredCase, viewer: &Viewer) -> Vec<PanelScope> {
    panel_scopes(&stored.case, viewer.person())
}

/// A file as sent, before it is checked.
struct Upload {
    name: String,
    content: Vec<u8>,
}

/// Reads the fields of `multipart` (`file`, `visibility`, and, with `token`, a field `csrf`
/// of that value: the case page's upload form) and attaches the file to `stored` for
/// `viewer`, checking its size, name and kind; `key`, the request's idempotency key, is
/// completed with it.
pub async fn receive_file(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    mut multipart: Multipart,
    token: Option<&str>,
    key: Option<&KeyedWrite>,
) -> Result<Attachment, ApiError> {
    let limit = state.settings.server.attachment_limit_bytes;
    let too_large = || {
        ApiError::too_large(says(
            "detail-attachment-too-large",
            vec![("limit", limit.to_string().into())],
        ))
    };
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::bad_request(e.body_text())
        }
    };
    let mut token_seen = token.is_none();
    let mut upload = None;
    let mut chosen = None;
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some(csrf::TOKEN_FIELD) if token.is_some() => {
                let sent = field.text().await.map_err(unreadable)?;
                token_seen = token.is_some_and(|expected| csrf::same_token(expected, &sent));
            }
            // The page's form sends its token first: nothing else is read without it.
            _ if !token_seen => return Err(csrf::expired()),
            Some("visibility") => {
                let text = field.text().await.map_err(unreadable)?;
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                let audience = serde_json::from_value(serde_json::Value::from(text));
                chosen = Some(audience.map_err(|_| {
                    ApiError::invalid_field(
                        "visibility",
                        says("field-parties-or-panel", Vec::new()),
                    )
                })?);
            }
            Some("file") if upload.is_none() => {
                let name = files::clean_name(field.file_name().unwrap_or("attachment"));
                let content = field.bytes().await.map_err(unreadable)?;
                if content.len() > limit {
                    return Err(too_large());
                }
                upload = Some(Upload {
                    name,
                    content: content.to_vec(),
                });
            }
            _ => {}
        }
    }
    if !token_seen {
        return Err(csrf::expired());
    }
    let visibility = chosen_visibility(stored, viewer, chosen)?;
    let mut errors = Vec::new();
    let file = match upload {
        None => {
            errors.push(FieldError::required("file"));
            None
        }
        Some(upload) if upload.content.is_empty() => {
            errors.push(field_problem("file", "field-file-empty", Vec::new()));
            None
        }
        Some(upload) => match files::check(&upload.name, &upload.content) {
            Ok(kind) => Some((upload, kind)),
            Err(error) => {
                errors.extend(error.field_errors().iter().cloned());
                None
            }
        },
    };
    let visibility = visibility.map_err(|e| errors.push(e)).ok();
    let (Some((upload, kind)), Some(visibility)) = (file, visibility) else {
        return Err(ApiError::invalid(errors));
    };
    Ok(state
        .store
        .add_attachment(
            stored,
            NewAttachment {
                uploaded_by: viewer.person().id,
                file_name: upload.name,
                content_type: kind.content_type.to_owned(),
                content: upload.content,
                visibility,
            },
            state.clock.now(),
            key,
        )
        .await?)
}
