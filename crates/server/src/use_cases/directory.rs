//! Organisations and people: the facilitator's additions and changes, each field checked
//! and named when at fault, and the paging every directory list shares.

use chrono::NaiveDate;
use disputes_i18n::Lang;
use disputes_store::{
    NewOrganisation, NewPerson, Organisation, PageRequest, PersonChanges, PersonRecord,
};
use disputes_workflow::{FieldError, OrganisationId, PersonId, Role, Roles, Sector, TextError};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::auth::password;
use crate::extract::date;
use crate::problem::{ApiError, field_problem};
use crate::state::AppState;

/// Which page of a list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Paging {
    /// From 1.
    pub page: Option<u64>,
    /// Items per page, at most 100.
    pub per_page: Option<u64>,
}

impl Paging {
    /// As the store's request.
    pub fn request(&self) -> PageRequest {
        PageRequest::new(self.page.unwrap_or(1), self.per_page.unwrap_or(50))
    }
}

/// A new signatory organisation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOrganisationRequest {
    /// Its name, unique in the Compact.
    pub name: String,
    /// `vcs` or `psa`.
    pub sector: Sector,
    /// One of the Compact's groupings.
    pub grouping: String,
    /// When it signed the Compact.
    #[serde(default, deserialize_with = "date::optional")]
    pub signatory_since: Option<NaiveDate>,
}

/// Changes to an organisation; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganisationPatch {
    /// A new name.
    #[serde(default)]
    pub name: Option<String>,
    /// A new sector.
    #[serde(default)]
    pub sector: Option<Sector>,
    /// A new grouping.
    #[serde(default)]
    pub grouping: Option<String>,
    /// A new signing date, or `null` to clear it.
    #[serde(default, deserialize_with = "date::patch")]
    #[schema(value_type = Option<NaiveDate>)]
    pub signatory_since: Option<Option<NaiveDate>>,
}

pub(crate) fn check_name(field: &str, name: &str, errors: &mut Vec<FieldError>) {
    let length = name.trim().chars().count();
    if length == 0 || length > 200 {
        errors.push(field_problem(field, "field-name-length", Vec::new()));
    } else if name.chars().any(char::is_control) {
        errors.push(TextError::ControlCharacter.on(field));
    }
}

pub(crate) fn check_grouping(state: &AppState, grouping: &str, errors: &mut Vec<FieldError>) {
    if !state
        .settings
        .compact
        .groupings
        .iter()
        .any(|g| g == grouping)
    {
        errors.push(field_problem(
            "grouping",
            "field-grouping-choice",
            vec![(
                "groupings",
                state.settings.compact.groupings.join(", ").into(),
            )],
        ));
    }
}

pub(crate) fn done(errors: Vec<FieldError>) -> Result<(), ApiError> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(errors))
    }
}

/// What is wrong with a new organisation, before the store is asked.
pub fn organisation_problems(
    state: &AppState,
    request: &NewOrganisationRequest,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_name("name", &request.name, &mut errors);
    check_grouping(state, &request.grouping, &mut errors);
    errors
}

/// Checks and adds an organisation: the API's way and the administration page's.
pub async fn add_organisation(
    state: &AppState,
    request: NewOrganisationRequest,
) -> Result<Organisation, ApiError> {
    done(organisation_problems(state, &request))?;
    Ok(state
        .store
        .create_organisation(
            NewOrganisation {
                name: request.name,
                sector: request.sector,
                grouping: request.grouping,
                signatory_since: request.signatory_since,
            },
            state.clock.now(),
        )
        .await?)
}

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    /// The email address they sign in with.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their organisation.
    pub organisation_id: i64,
    /// Their roles.
    pub roles: Vec<Role>,
    /// Their first password (at least `auth.password_min_length` characters).
    pub password: String,
    /// The language of their pages and emails: `en` (the default) or `cy`.
    #[serde(default)]
    pub language: Lang,
}

/// Changes to an account; absent fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    /// A new email address.
    #[serde(default)]
    pub email: Option<String>,
    /// A new name.
    #[serde(default)]
    pub name: Option<String>,
    /// Another organisation.
    #[serde(default)]
    pub organisation_id: Option<i64>,
    /// A new set of roles.
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    /// Whether they may sign in; `false` also ends their sessions.
    #[serde(default)]
    pub active: Option<bool>,
    /// A new password; also ends their sessions.
    #[serde(default)]
    pub password: Option<String>,
    /// The language of their pages and emails: `en` or `cy`.
    #[serde(default)]
    pub language: Option<Lang>,
}

/// One plain email address, and nothing around it ([`disputes_workflow::names::check_email`]).
pub fn check_email(field: &str, email: &str, errors: &mut Vec<FieldError>) {
    if let Err(key) = disputes_workflow::names::check_email(email) {
        errors.push(field_problem(field, key, Vec::new()));
    }
}

pub(crate) fn roles(list: &[Role], errors: &mut Vec<FieldError>) -> Roles {
    if list.is_empty() {
        errors.push(field_problem("roles", "field-roles-none", Vec::new()));
    }
    list.iter().copied().collect()
}

/// What is wrong with a new person's details, before the store is asked.
pub fn person_problems(state: &AppState, request: &NewUserRequest) -> Vec<FieldError> {
    let mut errors = Vec::new();
    check_email("email", &request.email, &mut errors);
    check_name("name", &request.name, &mut errors);
    roles(&request.roles, &mut errors);
    let policy = state.settings.password_policy();
    if let Err(error) = policy.check("password", &request.password, &request.email, &request.name) {
        errors.push(error);
    }
    errors
}

/// Checks and adds a person, hashing their password: the API's way and the administration
/// page's.
pub async fn add_person(
    state: &AppState,
    request: NewUserRequest,
) -> Result<PersonRecord, ApiError> {
    done(person_problems(state, &request))?;
    let roles = request.roles.iter().copied().collect();
    let password_hash = password::hash(request.password).await?;
    Ok(state
        .store
        .create_person(
            NewPerson {
                email: request.email,
                name: request.name,
                organisation_id: OrganisationId(request.organisation_id),
                roles,
                password_hash,
                language: request.language,
            },
            state.clock.now(),
        )
        .await?)
}

/// Checks and applies changes to a person, made by the facilitator `by`; deactivating them
/// or a new password ends their sessions. A facilitator cannot deactivate themselves or
/// give up their own facilitator role: that could leave no one able to manage the Compact,
/// so another facilitator must do it. The API's way and the administration page's.
pub async fn change_person(
    state: &AppState,
    by: PersonId,
    id: PersonId,
    patch: UserPatch,
) -> Result<PersonRecord, ApiError> {
    let mut errors = Vec::new();
    if by == id {
        if patch.active == Some(false) {
            errors.push(field_problem(
                "active",
                "field-deactivate-yourself",
                Vec::new(),
            ));
        }
        if patch
            .roles
            .as_ref()
            .is_some_and(|roles| !roles.contains(&Role::Facilitator))
        {
            errors.push(field_problem(
                "roles",
                "field-give-up-facilitator",
                Vec::new(),
            ));
        }
    }
    if let Some(email) = &patch.email {
        check_email("email", email, &mut errors);
    }
    if let Some(name) = &patch.name {
        check_name("name", name, &mut errors);
    }
    let new_roles = patch.roles.as_deref().map(|r| roles(r, &mut errors));
    if let Some(password) = &patch.password {
        let current = state.store.person(id).await?;
        let email = patch.email.as_deref().unwrap_or(&current.email);
        let name = patch.name.as_deref().unwrap_or(&current.name);
        let policy = state.settings.password_policy();
        if let Err(error) = policy.check("password", password, email, name) {
            errors.push(error);
        }
    }
    done(errors)?;
    let password_hash = match patch.password {
        Some(password) => Some(password::hash(password).await?),
        None => None,
    };
    let ends_sessions = password_hash.is_some() || patch.active == Some(false);
    let changed = state
        .store
        .update_person(
            id,
            PersonChanges {
                email: patch.email,
                name: patch.name,
                organisation_id: patch.organisation_id.map(OrganisationId),
                roles: new_roles,
                active: patch.active,
                password_hash,
                language: patch.language,
            },
        )
        .await?;
    if ends_sessions {
        state.store.close_sessions_of(id, None).await?;
    }
    Ok(changed)
}
