//! Administration for the facilitator: organisations, people and their roles, and the
//! emails that could not be sent, to send again.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use disputes_store::{PageRequest, PersonRecord};
use disputes_workflow::{FieldError, PersonId, Role, Sector};
use minijinja::Value;
use serde::Serialize;

use super::cases::Choice;
use super::chrome::Page;
use super::form::{FieldValue, Fields, Form, FormView};
use crate::extract::{ApiPath, ApiQuery};
use crate::labels::{self, Words};
use crate::problem::ApiError;
use crate::state::AppState;
use crate::use_cases::directory::{
    NewOrganisationRequest, NewUserRequest, UserPatch, add_organisation, add_person, change_person,
    organisation_problems, person_problems,
};
use crate::use_cases::records::{self, ErasureRequest, ExportFormat, ExportQuery};
use crate::use_cases::views::UserView;
use disputes_i18n::Locale;

/// Every role, in the order the forms offer them, each with what it may do under its name.
fn role_choices(locale: &Locale) -> Vec<Choice> {
    [
        Role::Member,
        Role::Champion,
        Role::Subgroup,
        Role::Chair,
        Role::Facilitator,
    ]
    .iter()
    .map(|role| Choice {
        value: role.as_str().to_owned(),
        label: locale.t(&format!("role-{}", role.as_str())),
        hint: Some(locale.t(&format!("role-{}-hint", role.as_str()))),
    })
    .collect()
}

/// A person in the administration list.
#[derive(Debug, Serialize)]
struct PersonRow {
    user: UserView,
    organisation: String,
    /// The person's roles, named in the page's language.
    roles: String,
}

/// An email given up on.
#[derive(Debug, Serialize)]
struct FailedEmail {
    id: i64,
    reference: String,
    to: String,
    about: String,
    attempts: u32,
    error: String,
}

/// What the administration page shows besides its two forms.
async fn overview_context(
    state: &AppState,
    locale: &Locale,
    people_page: u64,
) -> Result<Value, ApiError> {
    let organisations = state.store.all_organisations().await?;
    let names: std::collections::HashMap<i64, String> = organisations
        .iter()
        .map(|o| (o.id.0, o.name.clone()))
        .collect();
    let people = state
        .store
        .people(PageRequest::new(people_page, PageRequest::MAX_PER_PAGE))
        .await?;
    let people_pages = people.total.div_ceil(people.per_page).max(1);
    let rows: Vec<PersonRow> = people
        .items
        .into_iter()
        .map(|p| PersonRow {
            organisation: names
                .get(&p.person.organisation_id.0)
                .cloned()
                .unwrap_or_default(),
            roles: p
                .person
                .roles
                .iter()
                .map(|r| locale.t(&format!("role-{}", r.as_str())))
                .collect::<Vec<_>>()
                .join(", "),
            user: p.into(),
        })
        .collect();
    let failed: Vec<FailedEmail> = state
        .store
        .failed_emails(100)
        .await?
        .into_iter()
        .map(|(reference, n)| FailedEmail {
            id: n.id,
            reference,
            to: n.recipient_email,
            about: n.kind.replace('_', " "),
            attempts: n.attempts,
            error: n.last_error.unwrap_or_default(),
        })
        .collect();
    let quarantine = crate::use_cases::replies::quarantine(state, locale.lang()).await?;
    let organisation_choices: Vec<Choice> =
        organisations.iter().map(Choice::organisation).collect();
    let groupings: Vec<Choice> = state
        .settings
        .compact
        .groupings
        .iter()
        .map(|g| Choice::labelled(g.as_str(), labels::grouping(locale, g)))
        .collect();
    let organisation_rows: Vec<Value> = organisations
        .iter()
        .map(|o| {
            page_context! {
                name => o.name,
                sector => o.sector.words(locale),
                grouping => labels::grouping(locale, &o.grouping),
                signatory_since => o.signatory_since,
            }
        })
        .collect();
    Ok(page_context! {
        organisations => organisation_rows,
        organisation_choices,
        groupings,
        sectors => Choice::every::<Sector>(locale),
        roles => role_choices(locale),
        languages => super::language::choices(),
        people => rows,
        people_page => people.page,
        people_pages,
        people_total => people.total,
        failed,
        quarantine,
        replies_received => state.settings.email.inbound.reply_domain().is_some(),
        password_min => state.settings.auth.password_min_length,
    })
}

async fn show(
    state: &AppState,
    page: &Page,
    status: StatusCode,
    forms: (FormView, FormView),
    banner: Option<&str>,
    people_page: u64,
) -> Result<Response, ApiError> {
    page.viewer()?.require(&[Role::Facilitator])?;
    let rest = overview_context(state, &page.locale, people_page).await?;
    let (organisation_form, person_form) = forms;
    let mut summary = organisation_form.summary.clone();
    summary.extend(person_form.summary.clone());
    page.render(
        status,
        "admin.html",
        page_context! {
            title => page.locale.t("page-nav-admin"),
            section => "admin",
            form => FormView { summary, ..FormView::default() },
            organisation_form,
            person_form,
            banner,
            ..rest
        },
    )
}

/// `GET /admin`.
pub(crate) async fn overview(
    State(state): State<AppState>,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let form = Form::parse(query.unwrap_or_default().as_bytes());
    let people_page = Fields::new(&form).number("people_page", false).unwrap_or(1);
    let banner = match form.get("done").as_deref() {
        Some(
            done @ ("organisation" | "person" | "changed" | "resent" | "released" | "discarded"),
        ) => Some(page.locale.t(&format!("admin-done-{done}"))),
        _ => None,
    };
    let fresh = FormView::default();
    show(
        &state,
        &page,
        StatusCode::OK,
        (fresh.clone(), fresh),
        banner.as_deref(),
        people_page,
    )
    .await
}

/// The form's own problems, and the API's for fields the form found nothing wrong with, in
/// the order of `fields` (the form's order).
fn together(mut own: Vec<FieldError>, api: Vec<FieldError>, fields: &[&str]) -> Vec<FieldError> {
    for error in api {
        if !own.iter().any(|e| e.field == error.field) {
            own.push(error);
        }
    }
    let position = |e: &FieldError| {
        fields
            .iter()
            .position(|f| e.field.ends_with(f))
            .unwrap_or(fields.len())
    };
    own.sort_by_key(position);
    own
}

/// Moves API field names under a form's prefix (`name` to `organisation.name`).
fn prefixed(prefix: &str, errors: &[FieldError]) -> Vec<FieldError> {
    errors
        .iter()
        .map(|e| FieldError {
            field: format!("{prefix}.{}", e.field),
            ..e.clone()
        })
        .collect()
}

/// `POST /admin/organisations`.
pub(crate) async fn create_organisation(
    State(state): State<AppState>,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    page.viewer()?.require(&[Role::Facilitator])?;
    let mut fields = Fields::new(&form);
    let name = fields.text("organisation.name", true);
    let sector = fields.choice::<Sector>("organisation.sector", true);
    let grouping = fields.text("organisation.grouping", true);
    let signatory_since = fields.date("organisation.signatory_since", false);
    let request = NewOrganisationRequest {
        name: name.unwrap_or_default(),
        sector: sector.unwrap_or(Sector::Vcs),
        grouping: grouping.unwrap_or_default(),
        signatory_since,
    };
    // Every problem at once: what the form is missing, then what the API would refuse.
    let problems = together(
        fields.errors,
        prefixed("organisation", &organisation_problems(&state, &request)),
        &["name", "sector", "grouping", "signatory_since"],
    );
    let result = if problems.is_empty() {
        add_organisation(&state, request)
            .await
            .map_err(|e| refusal("organisation", &e))
    } else {
        Err(Refused(problems))
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin?done=organisation#organisations").into_response()),
        Err(Refused(errors)) => {
            let view = FormView::refused_in(&page.locale, &form, &errors, "admin-field");
            show(
                &state,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                (view, FormView::default()),
                None,
                1,
            )
            .await
        }
    }
}

/// A form's fields at fault: the API's 422 and 409 answers, named for the form.
struct Refused(Vec<FieldError>);

fn refusal(prefix: &str, error: &ApiError) -> Refused {
    match error.status() {
        StatusCode::UNPROCESSABLE_ENTITY => Refused(prefixed(prefix, error.field_errors())),
        StatusCode::CONFLICT => {
            let field = if prefix == "person" { "email" } else { "name" };
            Refused(vec![error.as_field_problem(format!("{prefix}.{field}"))])
        }
        _ => Refused(vec![error.as_field_problem(format!("{prefix}.name"))]),
    }
}

fn roles_of(form: &Form, name: &str, errors: &mut Vec<FieldError>) -> Vec<Role> {
    form.all(name)
        .iter()
        .filter_map(|value| {
            let role = serde_json::from_value(serde_json::Value::String(value.clone())).ok();
            if role.is_none() {
                errors.push(super::form::problem(
                    name,
                    "form-problem-not-a-choice",
                    Vec::new(),
                ));
            }
            role
        })
        .collect()
}

/// `POST /admin/people`.
pub(crate) async fn create_person(
    State(state): State<AppState>,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    page.viewer()?.require(&[Role::Facilitator])?;
    let mut fields = Fields::new(&form);
    let name = fields.text("person.name", true);
    let email = fields.text("person.email", true);
    let organisation_id = fields.number::<i64>("person.organisation_id", true);
    let roles = roles_of(&form, "person.roles", &mut fields.errors);
    let password = fields.secret("person.password", true);
    let language = fields.choice("person.language", false);
    let request = NewUserRequest {
        email: email.unwrap_or_default(),
        name: name.unwrap_or_default(),
        organisation_id: organisation_id.unwrap_or_default(),
        roles,
        password: password.unwrap_or_default(),
        language: language.unwrap_or_default(),
    };
    let problems = together(
        fields.errors,
        prefixed("person", &person_problems(&state, &request)),
        &["name", "email", "organisation_id", "roles", "password"],
    );
    let result = if problems.is_empty() {
        add_person(&state, request)
            .await
            .map_err(|e| refusal("person", &e))
    } else {
        Err(Refused(problems))
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin?done=person#people").into_response()),
        Err(Refused(errors)) => {
            let mut view = FormView::refused_in(&page.locale, &form, &errors, "admin-field");
            view.values.remove("person.password");
            show(
                &state,
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
                (FormView::default(), view),
                None,
                1,
            )
            .await
        }
    }
}

/// `GET /admin/people/{id}`.
pub(crate) async fn person_form(
    State(state): State<AppState>,
    page: Page,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    page.viewer()?.require(&[Role::Facilitator])?;
    let person = state.store.person(PersonId(id)).await?;
    let forms = PersonForms {
        change: as_they_are(&person),
        ..PersonForms::default()
    };
    show_person(&state, &page, id, StatusCode::OK, forms).await
}

/// The change form filled in with `person` as they are.
fn as_they_are(person: &PersonRecord) -> FormView {
    let mut view = FormView::with_values([
        ("name", person.name.clone()),
        ("email", person.email.clone()),
        (
            "organisation_id",
            person.person.organisation_id.0.to_string(),
        ),
        ("language", person.language.code().to_owned()),
    ]);
    view.values.insert(
        "roles".to_owned(),
        FieldValue::Many(
            person
                .person
                .roles
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
        ),
    );
    if person.active {
        view.values.insert(
            "active".to_owned(),
            FieldValue::Many(vec!["true".to_owned()]),
        );
    }
    view
}

/// The forms of a person's page; the one refused, if any, holds its values and errors.
#[derive(Debug, Default)]
struct PersonForms {
    change: FormView,
    erase: FormView,
    reset: FormView,
}

/// A person's page: the change form, their authenticator and security history, and the
/// erase form; or what is left of a person once erased.
async fn show_person(
    state: &AppState,
    page: &Page,
    id: i64,
    status: StatusCode,
    forms: PersonForms,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let person = state.store.person(PersonId(id)).await?;
    let organisations = Choice::organisations(state).await?;
    let mut summary = forms.change.summary.clone();
    summary.extend(forms.reset.summary.clone());
    summary.extend(forms.erase.summary.clone());
    let title = match person.erased_at {
        Some(_) => page.locale.t("person-erased-title"),
        None => page
            .locale
            .text("person-change-title", &[("name", (&person.name).into())]),
    };
    let authenticator = state
        .store
        .second_factor(PersonId(id))
        .await?
        .is_some_and(|f| f.confirmed_at.is_some());
    let history = super::account::history_rows(state, &page.locale, viewer, PersonId(id)).await?;
    page.render(
        status,
        "admin_person.html",
        page_context! {
            title,
            section => "admin",
            id,
            person_name => person.name,
            erased_on => person.erased_at.map(|at| at.date_naive()),
            erased_name => disputes_store::ERASED_NAME,
            written_text_removed => state.settings.retention.erase_written_text,
            organisations,
            roles => role_choices(&page.locale),
            languages => super::language::choices(),
            password_min => state.settings.auth.password_min_length,
            summary => FormView { summary, ..FormView::default() },
            authenticator,
            history,
            form => forms.change,
            erase_form => forms.erase,
            reset_form => forms.reset,
        },
    )
}

/// `POST /admin/people/{id}/authenticator/reset`: removes their authenticator, with a reason.
pub(crate) async fn reset_authenticator(
    State(state): State<AppState>,
    client: crate::auth::throttle::Client,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Facilitator])?;
    let request = crate::use_cases::account::FactorResetRequest {
        reason: form.get("reason").unwrap_or_default(),
    };
    match crate::use_cases::account::reset_for(&state, viewer, PersonId(id), request, &client).await
    {
        Ok(()) => Ok(Redirect::to(&format!("/admin/people/{id}#authenticator")).into_response()),
        Err(error) if !error.field_errors().is_empty() => {
            let reset =
                FormView::refused_in(&page.locale, &form, error.field_errors(), "reset-field");
            let person = state.store.person(PersonId(id)).await?;
            let forms = PersonForms {
                change: as_they_are(&person),
                reset,
                ..PersonForms::default()
            };
            show_person(&state, &page, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await
        }
        Err(error) => Err(error),
    }
}

/// `GET /admin/people/{id}/export`: everything held about the person, as a download
/// (JSON, or with `format=pdf` a PDF).
pub(crate) async fn export_person(
    State(state): State<AppState>,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let export = records::export(&state, page.viewer()?, PersonId(id)).await?;
    records::download(&export, query.format.unwrap_or(ExportFormat::Json))
}

/// `POST /admin/people/{id}/erase`.
pub(crate) async fn erase_person(
    State(state): State<AppState>,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Facilitator])?;
    let mut errors = Vec::new();
    let reason = form.get("reason").unwrap_or_default();
    if reason.trim().is_empty() {
        errors.push(FieldError::required("reason"));
    }
    if !form.has("understood") {
        errors.push(FieldError::required("understood"));
    }
    let request = ErasureRequest { reason };
    if errors.is_empty() {
        match records::erase(&state, viewer, PersonId(id), request).await {
            Ok(_) => return Ok(Redirect::to(&format!("/admin/people/{id}")).into_response()),
            Err(error) if error.status() == StatusCode::UNPROCESSABLE_ENTITY => {
                errors.extend_from_slice(error.field_errors());
            }
            Err(error) if error.status() == StatusCode::CONFLICT => {
                errors.push(error.as_field_problem("reason"));
            }
            Err(error) => return Err(error),
        }
    }
    let view = FormView::refused_in(&page.locale, &form, &errors, "erase-field");
    let person = state.store.person(PersonId(id)).await?;
    let forms = PersonForms {
        change: as_they_are(&person),
        erase: view,
        ..PersonForms::default()
    };
    show_person(&state, &page, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await
}

/// `POST /admin/people/{id}`.
pub(crate) async fn update_person(
    State(state): State<AppState>,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Facilitator])?;
    let by = viewer.record.person.id;
    let mut fields = Fields::new(&form);
    let name = fields.text("name", true);
    let email = fields.text("email", true);
    let organisation_id = fields.number::<i64>("organisation_id", true);
    let password = fields.secret("password", false);
    let roles = roles_of(&form, "roles", &mut fields.errors);
    let active = form.has("active");
    let language = fields.choice("language", false);
    let result = if fields.errors.is_empty() {
        let patch = UserPatch {
            email,
            name,
            organisation_id,
            roles: Some(roles),
            active: Some(active),
            password,
            language,
        };
        change_person(&state, by, PersonId(id), patch)
            .await
            .map_err(|e| match refusal("person", &e) {
                Refused(errors) => errors
                    .into_iter()
                    .map(|e| FieldError {
                        field: e.field.trim_start_matches("person.").to_owned(),
                        ..e
                    })
                    .collect::<Vec<_>>(),
            })
    } else {
        Err(fields.errors)
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin?done=changed#people").into_response()),
        Err(errors) => {
            let mut view = FormView::refused_in(&page.locale, &form, &errors, "admin-field");
            view.values.remove("password");
            let forms = PersonForms {
                change: view,
                ..PersonForms::default()
            };
            show_person(&state, &page, id, StatusCode::UNPROCESSABLE_ENTITY, forms).await
        }
    }
}

/// `POST /admin/quarantine/{id}/release` (a refused email added to its case after all) and
/// `POST /admin/quarantine/{id}/discard`.
pub(crate) async fn settle(
    State(state): State<AppState>,
    page: Page,
    ApiPath((id, how)): ApiPath<(i64, String)>,
    _form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Facilitator])?;
    let done = match how.as_str() {
        "release" => {
            crate::use_cases::replies::release(&state, viewer, id).await?;
            "released"
        }
        "discard" => {
            crate::use_cases::replies::discard(&state, viewer, id).await?;
            "discarded"
        }
        _ => return Err(ApiError::not_found()),
    };
    Ok(Redirect::to(&format!("/admin?done={done}#quarantine")).into_response())
}

/// `POST /admin/emails/{id}/resend`.
pub(crate) async fn resend(
    State(state): State<AppState>,
    page: Page,
    ApiPath(id): ApiPath<i64>,
    form: Form,
) -> Result<Response, ApiError> {
    page.viewer()?.require(&[Role::Facilitator])?;
    let reference = form.get("reference").ok_or_else(ApiError::not_found)?;
    state
        .store
        .resend_email(&reference, id, state.clock.now())
        .await?;
    // Back to where the button was: the case's page, or the administration page.
    let back = if form.get("back").as_deref() == Some("case") {
        format!("/cases/{reference}?done=resent#emails")
    } else {
        "/admin?done=resent#emails".to_owned()
    };
    Ok(Redirect::to(&back).into_response())
}
