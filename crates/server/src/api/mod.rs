//! The JSON API under `/api/v1`, and its OpenAPI document.
//!
//! Routes are registered through utoipa-axum, so a handler and its documentation are added
//! in one step and cannot drift apart; the end-to-end tests check that every route the
//! service answers is in the document.

pub mod account;
pub mod auth;
pub mod cases;
pub mod correspondence;
pub mod directory;
pub mod records;
pub mod replies;
pub mod reports;
pub mod rules;
pub mod saved;
pub mod webhooks;

use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::problem::Problem;
use crate::state::AppState;

/// The document's fixed parts; the paths come from the handlers.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "disputes",
        description = "Case management for disagreements under a local Compact: the Informal, \
                       Formal and Appeal stages, deadlines in working days, and the Compact's \
                       notice and consultation rules. Errors are RFC 9457 problem documents.",
    ),
    components(schemas(Problem, reports::ReportFormat, crate::use_cases::cases::CaseOrder)),
    modifiers(&Security),
    security(("bearer" = []), ("session" = [])),
    tags(
        (name = "auth", description = "Signing in and out, second factors, password reset, \
                                         sessions and API tokens"),
        (name = "directory", description = "Organisations and people"),
        (name = "cases", description = "Cases, actions and timelines"),
        (name = "correspondence", description = "Messages, attachments and emails"),
        (name = "rules", description = "The Compact's rules as calculators"),
        (name = "reports", description = "Outcomes and recommendations"),
        (name = "webhooks", description = "Case events delivered to other systems, signed"),
        (name = "records", description = "Subject access and erasure"),
        (name = "replies", description = "Emails received: the quarantine of refused replies"),
    )
)]
pub struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}

/// The routes that need no sign-in.
const PUBLIC: &[&str] = &[
    "/api/v1/auth/login",
    "/api/v1/auth/password-reset",
    "/api/v1/auth/password-reset/confirm",
];

/// The OpenAPI document as served. Errors are documented as `application/problem+json`, the
/// type they are sent with (the annotations can only say which schema they carry), and every
/// operation lists the answers any request may get whatever the route: 400 and 415 for a
/// body that cannot be read, 413 for one too large, 422 for wrong fields or query values,
/// 401 without a session and 403 for a cookie-signed request from elsewhere (but at
/// sign-in), 503 while the database is away.
pub fn document(openapi: &utoipa::openapi::OpenApi) -> serde_json::Value {
    let mut document = serde_json::to_value(openapi).unwrap_or_default();
    let problem = serde_json::json!({"$ref": "#/components/schemas/Problem"});
    let answer = |description: &str| {
        serde_json::json!({
            "description": description,
            "content": {crate::problem::PROBLEM_JSON: {"schema": problem}},
        })
    };
    let Some(paths) = document.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return document;
    };
    for (path, item) in paths.iter_mut() {
        let public = PUBLIC.contains(&path.as_str());
        let operations = item
            .as_object_mut()
            .into_iter()
            .flat_map(|i| i.values_mut());
        for operation in operations {
            let has_body = operation.get("requestBody").is_some();
            let has_query = operation["parameters"]
                .as_array()
                .is_some_and(|parameters| parameters.iter().any(|p| p["in"] == "query"));
            let Some(responses) = operation
                .get_mut("responses")
                .and_then(|r| r.as_object_mut())
            else {
                continue;
            };
            for response in responses.values_mut() {
                let Some(content) = response.get_mut("content").and_then(|c| c.as_object_mut())
                else {
                    continue;
                };
                if content
                    .get("application/json")
                    .is_some_and(|json| json["schema"] == problem)
                    && let Some(json) = content.remove("application/json")
                {
                    content.insert(crate::problem::PROBLEM_JSON.to_owned(), json);
                }
            }
            let mut common = vec![
                (
                    "400",
                    "The request cannot be read (a malformed body or header)",
                ),
                (
                    "503",
                    "The database cannot be reached; try again after Retry-After",
                ),
            ];
            if !public {
                common.push(("401", "Not signed in"));
                common.push((
                    "403",
                    "Not allowed; or signed in by the session cookie from somewhere other than \
                     this service's pages (scripts sign in with a bearer token)",
                ));
            }
            if has_body {
                common.push(("413", "The body is larger than the service accepts"));
                common.push(("415", "The body is not of a type the route takes"));
            }
            if has_body || has_query {
                common.push((
                    "422",
                    "Fields or query values that cannot be used, each named",
                ));
            }
            for (status, description) in common {
                responses
                    .entry(status)
                    .or_insert_with(|| answer(description));
            }
        }
    }
    document
}

/// Every API route, with its documentation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
        .routes(routes!(account::second_factor))
        .routes(routes!(account::password_reset))
        .routes(routes!(account::confirm_password_reset))
        .routes(routes!(account::sessions))
        .routes(routes!(account::end_session))
        .routes(routes!(account::end_other_sessions))
        .routes(routes!(
            account::authenticator,
            account::begin_authenticator
        ))
        .routes(routes!(account::confirm_authenticator))
        .routes(routes!(account::remove_authenticator))
        .routes(routes!(account::my_history))
        .routes(routes!(account::create_token, account::list_tokens))
        .routes(routes!(account::revoke_token))
        .routes(routes!(account::reset_authenticator))
        .routes(routes!(account::user_history))
        .routes(routes!(
            directory::create_organisation,
            directory::list_organisations
        ))
        .routes(routes!(
            directory::get_organisation,
            directory::update_organisation
        ))
        .routes(routes!(directory::create_user, directory::list_users))
        .routes(routes!(directory::get_user, directory::update_user))
        .routes(routes!(records::export_user))
        .routes(routes!(records::erase_user))
        .routes(routes!(records::get_letter))
        .routes(routes!(records::get_bundle))
        .routes(routes!(cases::create_case, cases::list_cases))
        .routes(routes!(cases::get_case))
        .routes(routes!(cases::act))
        .routes(routes!(cases::events))
        .routes(routes!(cases::link_case))
        .routes(routes!(cases::unlink_case))
        .routes(routes!(cases::convene_panel_on_linked))
        .routes(routes!(saved::create_view, saved::list_views))
        .routes(routes!(saved::share_view, saved::delete_view))
        .routes(routes!(webhooks::create_webhook, webhooks::list_webhooks))
        .routes(routes!(webhooks::delete_webhook))
        .routes(routes!(webhooks::list_deliveries))
        .routes(routes!(webhooks::resend_delivery))
        .routes(routes!(
            correspondence::add_message,
            correspondence::list_messages
        ))
        .routes(routes!(
            correspondence::add_attachment,
            correspondence::list_attachments
        ))
        .routes(routes!(correspondence::get_attachment))
        .routes(routes!(correspondence::notifications))
        .routes(routes!(correspondence::resend))
        .routes(routes!(correspondence::share_message))
        .routes(routes!(correspondence::share_file))
        .routes(routes!(replies::list_quarantine))
        .routes(routes!(replies::release))
        .routes(routes!(replies::discard))
        .routes(routes!(rules::notice))
        .routes(routes!(rules::consultation))
        .routes(routes!(rules::working_days))
        .routes(routes!(reports::outcomes))
        .routes(routes!(reports::annual))
        .routes(routes!(reports::recommendations))
        .routes(routes!(reports::mark))
}
