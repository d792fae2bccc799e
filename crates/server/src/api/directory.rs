//! Organisations and people over HTTP: managed by the facilitator, read by those who need
//! them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use disputes_store::OrganisationChanges;
use disputes_workflow::{OrganisationId, PersonId, Role};

use crate::auth::SignedIn;
use crate::authz::{Facilitator, Overseer};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::problem::{ApiError, Problem};
use crate::state::AppState;
use crate::use_cases::directory::{
    NewOrganisationRequest, NewUserRequest, OrganisationPatch, Paging, UserPatch, add_organisation,
    add_person, change_person, check_grouping, check_name, done,
};
use crate::use_cases::views::{OrganisationView, PageView, UserView};

/// Adds a signatory organisation (facilitator).
#[utoipa::path(
    post,
    path = "/api/v1/organisations",
    tag = "directory",
    request_body = NewOrganisationRequest,
    responses(
        (status = 201, body = OrganisationView),
        (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn create_organisation(
    State(state): State<AppState>,
    Facilitator(_viewer): Facilitator,
    ApiJson(request): ApiJson<NewOrganisationRequest>,
) -> Result<(StatusCode, Json<OrganisationView>), ApiError> {
    let created = add_organisation(&state, request).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// The signatory organisations, by name (anyone signed in: raising a case means choosing one).
#[utoipa::path(
    get,
    path = "/api/v1/organisations",
    tag = "directory",
    params(Paging),
    responses((status = 200, body = PageView<OrganisationView>), (status = 401, body = Problem))
)]
pub async fn list_organisations(
    State(state): State<AppState>,
    SignedIn(_viewer): SignedIn,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<PageView<OrganisationView>>, ApiError> {
    let page = state.store.organisations(paging.request()).await?;
    Ok(Json(PageView::of(page, Into::into)))
}

/// One organisation.
#[utoipa::path(
    get,
    path = "/api/v1/organisations/{id}",
    tag = "directory",
    params(("id" = i64, Path, description = "The organisation's id")),
    responses((status = 200, body = OrganisationView), (status = 404, body = Problem))
)]
pub async fn get_organisation(
    State(state): State<AppState>,
    SignedIn(_viewer): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<OrganisationView>, ApiError> {
    Ok(Json(
        state.store.organisation(OrganisationId(id)).await?.into(),
    ))
}

/// Changes an organisation (facilitator).
#[utoipa::path(
    patch,
    path = "/api/v1/organisations/{id}",
    tag = "directory",
    params(("id" = i64, Path, description = "The organisation's id")),
    request_body = OrganisationPatch,
    responses(
        (status = 200, body = OrganisationView),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn update_organisation(
    State(state): State<AppState>,
    Facilitator(_viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
    ApiJson(patch): ApiJson<OrganisationPatch>,
) -> Result<Json<OrganisationView>, ApiError> {
    let mut errors = Vec::new();
    if let Some(name) = &patch.name {
        check_name("name", name, &mut errors);
    }
    if let Some(grouping) = &patch.grouping {
        check_grouping(&state, grouping, &mut errors);
    }
    done(errors)?;
    let changed = state
        .store
        .update_organisation(
            OrganisationId(id),
            OrganisationChanges {
                name: patch.name,
                sector: patch.sector,
                grouping: patch.grouping,
                signatory_since: patch.signatory_since,
            },
        )
        .await?;
    Ok(Json(changed.into()))
}

/// Adds a person (facilitator).
#[utoipa::path(
    post,
    path = "/api/v1/users",
    tag = "directory",
    request_body = NewUserRequest,
    responses(
        (status = 201, body = UserView),
        (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn create_user(
    State(state): State<AppState>,
    Facilitator(_viewer): Facilitator,
    ApiJson(request): ApiJson<NewUserRequest>,
) -> Result<(StatusCode, Json<UserView>), ApiError> {
    let created = add_person(&state, request).await?;
    Ok((StatusCode::CREATED, Json(created.into())))
}

/// People, by name (the facilitator, and the chair who chooses panels).
#[utoipa::path(
    get,
    path = "/api/v1/users",
    tag = "directory",
    params(Paging),
    responses((status = 200, body = PageView<UserView>), (status = 403, body = Problem))
)]
pub async fn list_users(
    State(state): State<AppState>,
    Overseer(_viewer): Overseer,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<PageView<UserView>>, ApiError> {
    let page = state.store.people(paging.request()).await?;
    Ok(Json(PageView::of(page, Into::into)))
}

/// One person (the facilitator, the chair, or the person themselves; to anyone else they
/// do not exist).
#[utoipa::path(
    get,
    path = "/api/v1/users/{id}",
    tag = "directory",
    params(("id" = i64, Path, description = "The person's id")),
    responses((status = 200, body = UserView), (status = 404, body = Problem))
)]
pub async fn get_user(
    State(state): State<AppState>,
    SignedIn(viewer): SignedIn,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<UserView>, ApiError> {
    if viewer.person().id.0 != id && !viewer.has_any(&[Role::Facilitator, Role::Chair]) {
        return Err(ApiError::not_found());
    }
    Ok(Json(state.store.person(PersonId(id)).await?.into()))
}

/// Changes a person (facilitator). Deactivating them, or setting a new password, ends
/// their sessions.
#[utoipa::path(
    patch,
    path = "/api/v1/users/{id}",
    tag = "directory",
    params(("id" = i64, Path, description = "The person's id")),
    request_body = UserPatch,
    responses(
        (status = 200, body = UserView),
        (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem),
    )
)]
pub async fn update_user(
    State(state): State<AppState>,
    Facilitator(viewer): Facilitator,
    ApiPath(id): ApiPath<i64>,
    ApiJson(patch): ApiJson<UserPatch>,
) -> Result<Json<UserView>, ApiError> {
    Ok(Json(
        change_person(&state, viewer.record.person.id, PersonId(id), patch)
            .await?
            .into(),
    ))
}
