//! The JSON API under `/api/v1`, and its OpenAPI document.
//!
//! Routes are registered through utoipa-axum, so a handler and its documentation are added
//! in one step and cannot drift apart; the end-to-end tests check that every route the
//! service answers is in the document.

pub mod auth;
pub mod cases;
pub mod correspondence;
pub mod directory;
pub mod reports;
pub mod rules;
pub mod views;

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
    components(schemas(Problem)),
    modifiers(&Security),
    security(("bearer" = []), ("session" = [])),
    tags(
        (name = "auth", description = "Signing in and out"),
        (name = "directory", description = "Organisations and people"),
        (name = "cases", description = "Cases, actions and timelines"),
        (name = "correspondence", description = "Messages, attachments and emails"),
        (name = "rules", description = "The Compact's rules as calculators"),
        (name = "reports", description = "Outcomes and recommendations"),
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

/// Every API route, with its documentation.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me))
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
        .routes(routes!(cases::create_case, cases::list_cases))
        .routes(routes!(cases::get_case))
        .routes(routes!(cases::act))
        .routes(routes!(cases::events))
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
        .routes(routes!(rules::notice))
        .routes(routes!(rules::consultation))
        .routes(routes!(rules::working_days))
        .routes(routes!(reports::outcomes))
        .routes(routes!(reports::annual))
        .routes(routes!(reports::recommendations))
        .routes(routes!(reports::mark))
}
