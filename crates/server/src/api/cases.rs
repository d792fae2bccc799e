//! Cases over HTTP: raising, listing, reading, acting (with `If-Match` and the case's
//! ETag), and the timeline.

use axum::Extension;
use axum::Json;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use disputes_store::{KeyedWrite, StoredCase};
use disputes_workflow::{ActionKind, EventBody};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{SignedIn, Viewer};
use crate::authz::{CaseAccess, Member, Overseer};
use crate::extract::{ApiJson, ApiJsonOrEmpty, ApiPath, ApiQuery, IfMatch};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::actions::{ActionRequest, action};
use crate::use_cases::cases::{
    CaseListQuery, NewCaseRequest, Taken, apply, case_view, list, list_csv, may_act, raise,
};
use crate::use_cases::links::{LinkRequest, LinkedPanels, convene_on_linked, link, unlink};
use crate::use_cases::views::{CaseLinkView, CaseSummaryView, CaseView, PageView};

/// The full view of a case for `viewer`, with their allowed actions and an ETag.
pub async fn case_response(
    state: &AppState,
    viewer: &Viewer,
    stored: StoredCase,
    status: StatusCode,
) -> Result<Response, ApiError> {
    let version = stored.case.version;
    let view = case_view(state, viewer, stored).await?;
    let mut response = (status, Json(view)).into_response();
    response.headers_mut().insert(
        header::ETAG,
        HeaderValue::from_str(&format!("\"{version}\"")).map_err(|_| ApiError::internal())?,
    );
    Ok(response)
}

/// Raises a disagreement for the caller's organisation (a `member`).
#[utoipa::path(
    post,
    path = "/api/v1/cases",
    tag = "cases",
    request_body = NewCaseRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe")),
    responses(
        (status = 201, body = CaseView),
        (status = 403, body = Problem), (status = 422, body = Problem),
        (status = 429, description = "Too many disagreements raised by this person in 24 hours; `Retry-After` says when to try again", body = Problem),
    )
)]
pub async fn create_case(
    State(state): State<AppState>,
    Member(viewer): Member,
    key: Option<Extension<KeyedWrite>>,
    ApiJson(request): ApiJson<NewCaseRequest>,
) -> Result<Response, ApiError> {
    let stored = raise(&state, &viewer, request, key.as_deref()).await?;
    case_response(&state, &viewer, stored, StatusCode::CREATED).await
}

/// The cases the caller may see, narrowed and ordered (newest first unless `sort` says
/// otherwise). As CSV, every one the query narrows to, with `Accept: text/csv`.
#[utoipa::path(
    get,
    path = "/api/v1/cases",
    tag = "cases",
    params(CaseListQuery),
    responses(
        (status = 200, description = "A page of them as JSON, or all of them as CSV", content(
            (PageView<CaseSummaryView> = "application/json"),
            (String = "text/csv"),
        )),
        (status = 401, body = Problem),
    )
)]
pub async fn list_cases(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<CaseListQuery>,
) -> Result<Response, ApiError> {
    if crate::csv::wanted(&headers) {
        let locale = state.locale(crate::problem::asked_language(&headers));
        let body = list_csv(&state, &viewer, query, &locale).await?;
        return Ok(crate::csv::download(body, "cases.csv"));
    }
    Ok(Json(list(&state, &viewer, query).await?).into_response())
}

/// One case, with what the caller may do now.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}",
    tag = "cases",
    params(("reference" = String, Path, description = "e.g. DEMO-2026-0001")),
    responses(
        (status = 200, body = CaseView, headers(("ETag" = String, description = "The case's version"))),
        (status = 404, body = Problem),
    )
)]
pub async fn get_case(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
) -> Result<Response, ApiError> {
    case_response(&state, &viewer, case, StatusCode::OK).await
}

/// Takes an action on a case. The workflow decides: not in this state is 409, not for
/// this person 403, bad fields 422. `If-Match` makes it act only on the version the
/// caller saw.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/actions/{action}",
    tag = "cases",
    params(
        ("reference" = String, Path, description = "The case"),
        ("action" = ActionKind, Path, description = "The action, e.g. acknowledge"),
        ("If-Match" = Option<String>, Header, description = "The version acted on, e.g. \"3\""),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe"),
    ),
    request_body(content = ActionRequest, description = "The action's fields, as its schema in `oneOf` gives them; `action` may be left out (the address names it), and so may the whole body for an action with no fields"),
    responses(
        (status = 200, body = CaseView),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn act(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiPath((_, action_name)): ApiPath<(String, String)>,
    IfMatch(expected): IfMatch,
    key: Option<Extension<KeyedWrite>>,
    body: Request,
) -> Result<Response, ApiError> {
    let kind: ActionKind = action_name.parse().map_err(|_| ApiError::not_found())?;
    may_act(&state, &viewer, &case, kind)?;
    // Only now is the body read: someone who may not act learns nothing from it.
    let ApiJsonOrEmpty(request) =
        ApiJsonOrEmpty::<ActionRequest>::from_request(body, &state).await?;
    let (action, note) = action(&state, kind, request).await?;
    let taken = Taken {
        action,
        note,
        expected,
    };
    act_on(&state, &viewer, &case, taken, key.as_deref()).await
}

/// Applies a built action for `viewer` and answers with the case.
pub async fn act_on(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    taken: Taken,
    key: Option<&KeyedWrite>,
) -> Result<Response, ApiError> {
    let stored = apply(state, viewer, stored, taken, key).await?;
    case_response(state, viewer, stored, StatusCode::OK).await
}

/// An event of the timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventView {
    /// Its number in the case's trail, from 1.
    pub seq: u32,
    /// `raised`, or the action's name.
    pub kind: String,
    /// Who acted: a person's id, or none for the service itself.
    pub actor_id: Option<i64>,
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// The state before.
    pub from_state: Option<String>,
    /// The state after.
    pub to_state: String,
    /// The note kept with it.
    pub note: Option<String>,
    /// The action's fields, or the case as raised.
    #[schema(value_type = Object)]
    pub data: serde_json::Value,
    /// Its hash in the audit chain.
    pub hash: String,
}

/// The case's timeline, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{reference}/events",
    tag = "cases",
    params(("reference" = String, Path, description = "The case")),
    responses((status = 200, body = Vec<EventView>), (status = 404, body = Problem))
)]
pub async fn events(
    State(state): State<AppState>,
    CaseAccess { case, viewer }: CaseAccess,
) -> Result<Json<Vec<EventView>>, ApiError> {
    let events = state.store.events(&case.reference).await?;
    Ok(Json(
        events
            .into_iter()
            .map(|stored| {
                let event = stored.event;
                let (data, note) = match &event.body {
                    EventBody::Raised { case, .. } => (serde_json::to_value(case), None),
                    // The reason for an erasure is the facilitator's; the parties see the rule.
                    EventBody::Redacted { redaction } => (
                        serde_json::to_value(redaction).map(|mut value| {
                            if !viewer
                                .record
                                .person
                                .has(disputes_workflow::Role::Facilitator)
                                && let Some(fields) = value.as_object_mut()
                            {
                                fields.remove("reason");
                            }
                            value
                        }),
                        None,
                    ),
                    EventBody::Acted { action, note } => (
                        serde_json::to_value(action),
                        note.as_ref().map(ToString::to_string),
                    ),
                };
                EventView {
                    seq: event.seq,
                    kind: event.name().to_owned(),
                    actor_id: event.actor.person().map(|p| p.id.0),
                    at: event.at,
                    from_state: event.from_state.as_ref().map(|s| s.name().to_owned()),
                    to_state: event.to_state.name().to_owned(),
                    note,
                    data: data.unwrap_or_default(),
                    hash: stored.hash,
                }
            })
            .collect(),
    ))
}

/// Links the case to another (the subgroup chair or the facilitator): `same_decision` when
/// one decision caused both, `related` when they bear on each other. Linking again changes
/// the kind. Answers with the case's links.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/links",
    tag = "cases",
    params(("reference" = String, Path, description = "The case")),
    request_body = LinkRequest,
    responses(
        (status = 201, body = Vec<CaseLinkView>),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn link_case(
    State(state): State<AppState>,
    CaseAccess { case, .. }: CaseAccess,
    Overseer(viewer): Overseer,
    ApiJson(request): ApiJson<LinkRequest>,
) -> Result<(StatusCode, Json<Vec<CaseLinkView>>), ApiError> {
    let links = link(&state, &viewer, &case, request).await?;
    Ok((StatusCode::CREATED, Json(links)))
}

/// Convenes the case's panel on each case linked to it that is waiting for one (the
/// subgroup chair): one panel for the cases one decision caused. Each linked case is
/// convened as `convene_panel` would convene it alone; those that cannot take the panel are
/// left, each with the reason. 409 when the case has no panel yet.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{reference}/links/convene_panel",
    tag = "cases",
    params(("reference" = String, Path, description = "The case whose panel it is")),
    responses(
        (status = 200, body = LinkedPanels),
        (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem),
    )
)]
pub async fn convene_panel_on_linked(
    State(state): State<AppState>,
    CaseAccess { case, .. }: CaseAccess,
    Overseer(viewer): Overseer,
) -> Result<Json<LinkedPanels>, ApiError> {
    Ok(Json(convene_on_linked(&state, &viewer, &case).await?))
}

/// Removes the link between the case and another (the subgroup chair or the facilitator).
#[utoipa::path(
    delete,
    path = "/api/v1/cases/{reference}/links/{other}",
    tag = "cases",
    params(
        ("reference" = String, Path, description = "The case"),
        ("other" = String, Path, description = "The case it is linked to"),
    ),
    responses(
        (status = 204, description = "Unlinked"),
        (status = 403, body = Problem), (status = 404, body = Problem),
    )
)]
pub async fn unlink_case(
    State(state): State<AppState>,
    CaseAccess { case, .. }: CaseAccess,
    Overseer(viewer): Overseer,
    ApiPath((_, other)): ApiPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    unlink(&state, &viewer, &case, &other).await?;
    Ok(StatusCode::NO_CONTENT)
}
