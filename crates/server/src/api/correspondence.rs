//! Messages, attachments, and the email log of a case.

use axum::Json;
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use disputes_store::{Attachment, Message, MessageVisibility, NewAttachment, StoredCase};
use disputes_workflow::Role;
use disputes_workflow::visibility::can_see_panel_messages;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::views::{AttachmentView, MessageView};
use crate::auth::Viewer;
use crate::authz::CaseAccess;
use crate::extract::{ApiJson, ApiPath};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;

/// A message to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    /// What it says.
    pub body: String,
    /// `parties` (everyone who can see the case) or `panel` (panels, chair, facilitator).
    #[serde(default = "parties")]
    #[schema(value_type = String)]
    pub visibility: MessageVisibility,
}

fn parties() -> MessageVisibility {
    MessageVisibility::Parties
}

/// Adds a message to a case (anyone who can see it; `panel` messages only those who may
/// read them).
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/messages",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    request_body = MessageRequest,
    responses(
        (status = 201, body = MessageView),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn add_message(
    State(state): State<AppState>,
    CaseAccess {
        viewer,
        case: stored,
    }: CaseAccess,
    ApiJson(request): ApiJson<MessageRequest>,
) -> Result<(StatusCode, Json<MessageView>), ApiError> {
    let message = post_message(&state, &viewer, &stored, request).await?;
    Ok((StatusCode::CREATED, Json(message.into())))
}

/// Adds `request` to `stored` as `viewer`: the API's way and the case page's.
pub async fn post_message(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    request: MessageRequest,
) -> Result<Message, ApiError> {
    if request.visibility == MessageVisibility::Panel
        && !can_see_panel_messages(&stored.case, viewer.person())
    {
        return Err(ApiError::forbidden(
            "Only the panels, the subgroup chair and the facilitator may write panel messages.",
        ));
    }
    let body = disputes_workflow::Text::parse(request.body)
        .map_err(|e| ApiError::invalid_field("body", e.to_string()))?;
    Ok(state
        .store
        .add_message(
            &stored.reference,
            viewer.person().id,
            request.visibility,
            body,
            state.clock.now(),
        )
        .await?)
}

/// The case's messages, oldest first (panel messages only for those who may read them).
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/messages",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    responses((status = 200, body = Vec<MessageView>), (status = 404, body = Problem))
)]
pub async fn list_messages(
    State(state): State<AppState>,
    CaseAccess {
        viewer,
        case: stored,
    }: CaseAccess,
) -> Result<Json<Vec<MessageView>>, ApiError> {
    let with_panel = can_see_panel_messages(&stored.case, viewer.person());
    let messages = state.store.messages(&stored.reference, with_panel).await?;
    Ok(Json(messages.into_iter().map(Into::into).collect()))
}

/// The kinds of file a case may carry. Never HTML, SVG or scripts: nothing a browser would
/// run.
const ACCEPTED_TYPES: &[(&str, &[u8])] = &[
    ("application/pdf", b"%PDF"),
    ("image/png", b"\x89PNG"),
    ("image/jpeg", b"\xFF\xD8\xFF"),
    ("image/gif", b"GIF8"),
    ("text/plain", b""),
    ("text/csv", b""),
    ("application/msword", b""),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK",
    ),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        b"PK",
    ),
    ("application/vnd.oasis.opendocument.text", b"PK"),
    ("application/vnd.oasis.opendocument.spreadsheet", b"PK"),
];

/// Checks a file's declared type against the accepted kinds and its first bytes.
pub fn check_file(content_type: &str, content: &[u8]) -> Result<(), ApiError> {
    let base = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let Some((_, magic)) = ACCEPTED_TYPES.iter().find(|(t, _)| *t == base) else {
        return Err(ApiError::invalid_field(
            "file",
            format!("{base} files are not accepted; send PDF, images, text or office documents"),
        ));
    };
    let looks_right = if base.starts_with("text/") {
        std::str::from_utf8(content).is_ok_and(|text| {
            let lower = text.to_ascii_lowercase();
            !lower.contains("<html") && !lower.contains("<script")
        })
    } else {
        content.starts_with(magic)
    };
    if !looks_right {
        return Err(ApiError::invalid_field(
            "file",
            format!("the file's contents are not {base}"),
        ));
    }
    Ok(())
}

/// A file name safe to store and to offer back: no folders, no control characters.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .take(200)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "attachment".to_owned()
    } else {
        cleaned
    }
}

/// Attaches a file (multipart, field `file`) to a case.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/attachments",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    request_body(content_type = "multipart/form-data", description = "A field `file` with the file"),
    responses(
        (status = 201, body = AttachmentView),
        (status = 404, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn add_attachment(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<(StatusCode, Json<AttachmentView>), ApiError> {
    let multipart = multipart
        .map_err(|_| ApiError::unsupported_media_type("Send the file as multipart/form-data."))?;
    let added = receive_file(&state, &viewer, &case.reference, multipart, None).await?;
    Ok((StatusCode::CREATED, Json(added.into())))
}

/// Reads the field `file` of `multipart` and attaches it to the case `reference` for
/// `viewer`, checking its size and kind. With `token`, the form must first send a field
/// `csrf` of that value (the case page's upload form).
pub async fn receive_file(
    state: &AppState,
    viewer: &Viewer,
    reference: &str,
    mut multipart: Multipart,
    token: Option<&str>,
) -> Result<Attachment, ApiError> {
    let limit = state.settings.server.attachment_limit_bytes;
    let too_large = || ApiError::too_large(format!("Attachments may be at most {limit} bytes."));
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::bad_request(e.body_text())
        }
    };
    let mut token_seen = token.is_none();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match (field.name(), token) {
            (Some("csrf"), Some(expected)) => {
                let sent = field.text().await.map_err(unreadable)?;
                token_seen = crate::web::same_token(expected, &sent);
                continue;
            }
            (Some("file"), _) => {}
            _ => continue,
        }
        if !token_seen {
            return Err(crate::web::expired());
        }
        let file_name = clean_file_name(field.file_name().unwrap_or("attachment"));
        let content_type = field
            .content_type()
            .unwrap_or("application/octet-stream")
            .to_owned();
        let content = field.bytes().await.map_err(unreadable)?;
        if content.len() > limit {
            return Err(too_large());
        }
        if content.is_empty() {
            return Err(ApiError::invalid_field("file", "is empty: choose a file"));
        }
        check_file(&content_type, &content)?;
        return Ok(state
            .store
            .add_attachment(
                reference,
                NewAttachment {
                    uploaded_by: viewer.person().id,
                    file_name,
                    content_type,
                    content: content.to_vec(),
                },
                state.clock.now(),
            )
            .await?);
    }
    if !token_seen {
        return Err(crate::web::expired());
    }
    Err(ApiError::invalid_field("file", "is required"))
}

/// The case's attachments.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/attachments",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    responses((status = 200, body = Vec<AttachmentView>), (status = 404, body = Problem))
)]
pub async fn list_attachments(
    State(state): State<AppState>,
    CaseAccess { case, .. }: CaseAccess,
) -> Result<Json<Vec<AttachmentView>>, ApiError> {
    let list = state.store.attachments(&case.reference).await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

/// Downloads an attachment: always as a download, never shown inline.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/attachments/{id}",
    tag = "correspondence",
    params(
        ("reference" = String, Path, description = "The case"),
        ("id" = i64, Path, description = "The attachment"),
    ),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = Problem))
)]
pub async fn get_attachment(
    State(state): State<AppState>,
    CaseAccess { case, .. }: CaseAccess,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> Result<Response, ApiError> {
    let (info, bytes) = state.store.attachment(&case.reference, id).await?;
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    let content_type = HeaderValue::from_str(&info.content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, content_type);
    let ascii: String = info
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    Ok(response)
}

/// An email in the case's log.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationView {
    /// Its id.
    pub id: i64,
    /// What it is about.
    pub kind: String,
    /// The event it reports.
    pub event_seq: Option<u32>,
    /// Who it is for.
    pub recipient_id: Option<i64>,
    /// Where it goes.
    pub recipient_email: String,
    /// The email's Message-ID, the same at every attempt: the key to find it in a mail
    /// server's logs, and what a receiver uses to drop a repeat.
    pub message_id: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    /// Attempts so far.
    pub attempts: u32,
    /// When the next attempt is due.
    pub next_attempt_at: chrono::DateTime<chrono::Utc>,
    /// What went wrong last.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it went.
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The emails queued and sent for a case (facilitator).
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/notifications",
    tag = "correspondence",
    params(("reference" = String, Path, description = "The case")),
    responses((status = 200, body = Vec<NotificationView>), (status = 403, body = Problem), (status = 404, body = Problem))
)]
pub async fn notifications(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
) -> Result<Json<Vec<NotificationView>>, ApiError> {
    viewer.require(&[Role::Facilitator])?;
    let log = state.store.notifications(&case.reference).await?;
    let from: Option<lettre::message::Mailbox> = state.settings.email.from.parse().ok();
    Ok(Json(
        log.into_iter()
            .map(|n| NotificationView {
                message_id: from.as_ref().map_or_else(String::new, |from| {
                    disputes_notify::message::message_id(&n.message_key, from)
                }),
                id: n.id,
                kind: n.kind,
                event_seq: n.event_seq,
                recipient_id: n.recipient_id.map(|p| p.0),
                recipient_email: n.recipient_email,
                status: n.status,
                attempts: n.attempts,
                next_attempt_at: n.next_attempt_at,
                last_error: n.last_error,
                created_at: n.created_at,
                sent_at: n.sent_at,
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_kinds_of_file_are_accepted() {
        assert!(check_file("application/pdf", b"%PDF-1.7 ...").is_ok());
        assert!(check_file("application/pdf", b"<html>").is_err());
        assert!(check_file("text/html", b"<p>hi</p>").is_err());
        assert!(check_file("image/svg+xml", b"<svg/>").is_err());
        assert!(check_file("text/plain", b"<script>alert(1)</script>").is_err());
        assert!(
            check_file(
                "text/plain; charset=utf-8",
                "Notes, with accents: é".as_bytes()
            )
            .is_ok()
        );
    }

    #[test]
    fn file_names_lose_their_folders_and_control_characters() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\Users\\x\\letter.pdf"), "letter.pdf");
        assert_eq!(clean_file_name("a\u{0}b\"c.txt"), "abc.txt");
        assert_eq!(clean_file_name(".."), "attachment");
    }
}

/// Sends a failed email again (facilitator). Only a failed email may be: one delivered would
/// reach its receiver as a repeat.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/notifications/{id}/resend",
    tag = "correspondence",
    params(
        ("reference" = String, Path, description = "The case"),
        ("id" = i64, Path, description = "The email, from the case's notifications"),
    ),
    responses(
        (status = 202, description = "Queued to be sent again"),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
    )
)]
pub async fn resend(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiPath((_, id)): ApiPath<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    viewer.require(&[Role::Facilitator])?;
    state
        .store
        .resend_email(&case.reference, id, state.clock.now())
        .await?;
    Ok(StatusCode::ACCEPTED)
}
