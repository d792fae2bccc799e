//! The pages people use, served under `/` by the same binary as the API: server-rendered
//! HTML that works without JavaScript, designed after the GOV.UK Design System's patterns
//! (one thing per page, plain words, an error summary at the top of a refused form).
//!
//! Pages make the same decisions as the API through the same code: who may see a case
//! ([`crate::authz`]), what may be done to it (the workflow's `allowed_actions`), and how a
//! request's fields are checked (the API's request types). A page only turns a form into
//! such a request and the answer into HTML. Every form carries a token (see `chrome.rs`).

/// `minijinja::context!` for the pages' data: each value is converted through serde (the
/// view types are `Serialize`), and `..rest` merges another context in.
macro_rules! page_context {
    (@value $key:ident) => { $key };
    (@value $key:ident $value:expr) => { $value };
    ($($key:ident $(=> $value:expr)?),* $(, .. $rest:expr)* $(,)?) => {
        minijinja::context! {
            $($key => minijinja::value::Value::from(
                minijinja::value::Serde(&page_context!(@value $key $($value)?))
            )),*
            $(, .. $rest)*
        }
    };
}

mod account;
mod admin;
mod assets;
mod calendar;
mod case_page;
mod cases;
mod charts;
mod check;
mod chrome;
mod confirm;
mod errors;
mod form;
mod home;
mod language;
mod lists;
mod login;
mod outcomes;
mod owing;
mod recommendations;
mod render;
mod saved;
mod start;
mod subgroup;
mod webhooks;

use axum::Router;
use axum::middleware;
use axum::routing::{get, post};

pub(crate) use errors::{html_errors_outside, not_found};

use crate::auth::authenticate;
use crate::state::AppState;

/// The pages' routes, with sign-in and error pages.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/login", get(login::form).post(login::submit))
        .route(
            "/login/code",
            get(login::code_form).post(login::code_submit),
        )
        .route("/login/oidc/callback", get(login::oidc_callback))
        .route("/login/oidc/{name}", get(login::oidc_begin))
        .route(
            "/forgot-password",
            get(login::forgot_form).post(login::forgot_submit),
        )
        .route(
            "/reset-password",
            get(login::reset_form).post(login::reset_submit),
        )
        .route("/account", get(account::overview))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route("/account/sessions/{id}/end", post(account::end_session))
        .route(
            "/account/sessions/end-others",
            post(account::end_other_sessions),
        )
        .route(
            "/account/authenticator",
            get(account::authenticator).post(account::begin),
        )
        .route("/account/authenticator/confirm", post(account::confirm))
        .route("/account/authenticator/remove", post(account::remove))
        .route(
            "/logout",
            get(login::confirm_sign_out).post(login::sign_out),
        )
        .route("/language", post(language::choose))
        .route("/check", get(check::check))
        .route("/accessibility", get(start::accessibility))
        .route("/privacy", get(start::privacy))
        .route("/cookies", get(start::cookies))
        .route("/cases", get(cases::list))
        .route("/cases/new", get(cases::new_form).post(cases::raise))
        .route("/cases/{reference}", get(case_page::show))
        .route(
            "/cases/{reference}/actions/{action}",
            get(case_page::action_form).post(case_page::act),
        )
        .route("/cases/{reference}/messages", post(case_page::add_message))
        .route(
            "/cases/{reference}/messages/{id}/share",
            post(case_page::share_message),
        )
        .route(
            "/cases/{reference}/attachments/{id}/share",
            post(case_page::share_file),
        )
        .route("/cases/{reference}/letters/{kind}", get(case_page::letter))
        .route("/cases/{reference}/bundle", get(case_page::bundle))
        .route("/cases/{reference}/links", post(case_page::link_case))
        .route(
            "/cases/{reference}/links/convene_panel",
            post(case_page::convene_panel_on_linked),
        )
        .route(
            "/cases/{reference}/attachments",
            post(case_page::add_attachment),
        )
        .route("/subgroup", get(subgroup::queue))
        .route("/outcomes", get(outcomes::outcomes))
        .route("/recommendations", get(recommendations::tracker))
        .route("/calendar", get(calendar::settings).post(calendar::change))
        .route("/views", post(saved::save_view))
        .route("/views/{id}/delete", post(saved::delete_view))
        .route("/calendar/{secret}", get(calendar::subscribed))
        .route("/admin", get(admin::overview))
        .route("/admin/organisations", post(admin::create_organisation))
        .route("/admin/people", post(admin::create_person))
        .route(
            "/admin/people/{id}",
            get(admin::person_form).post(admin::update_person),
        )
        .route("/admin/people/{id}/export", get(admin::export_person))
        .route("/admin/people/{id}/erase", post(admin::erase_person))
        .route(
            "/admin/people/{id}/authenticator/reset",
            post(admin::reset_authenticator),
        )
        .route("/admin/emails/{id}/resend", post(admin::resend))
        .route("/admin/quarantine/{id}/{how}", post(admin::settle))
        .route(
            "/admin/webhooks",
            get(webhooks::endpoints).post(webhooks::create),
        )
        .route("/admin/webhooks/{id}", get(webhooks::endpoint))
        .route("/admin/webhooks/{id}/delete", post(webhooks::delete))
        .route(
            "/admin/webhooks/{id}/deliveries/{delivery}/resend",
            post(webhooks::send_again),
        )
        .layer(middleware::from_fn_with_state(
            state.clone(),
            errors::html_errors,
        ))
        .layer(middleware::from_fn_with_state(state, authenticate))
        // The stylesheet and script need no sign-in, and are looked up without one.
        .route("/assets/{file}", get(assets::asset))
}
