//! Which language a page is in, and the toggle on every page that changes it.
//!
//! A signed-in person reads pages in the language saved on their account. A visitor reads
//! them in the language a `lang` query parameter names (so a Welsh website can link to a
//! Welsh page), else the one their last toggle chose (a cookie), else the one their browser
//! prefers (`Accept-Language`), else English.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use disputes_i18n::Lang;
use disputes_store::PersonChanges;

use super::chrome::Page;
use super::form::Form;
use super::login::safe_next;
use crate::auth::secret_cookie;
use crate::problem::{ApiError, says};
use crate::state::AppState;

/// The languages a person may choose, each named in itself.
pub(crate) fn choices() -> Vec<super::cases::Choice> {
    Lang::ALL
        .iter()
        .map(|lang| super::cases::Choice::labelled(lang.code(), lang.own_name()))
        .collect()
}

/// The cookie a visitor's toggle sets.
pub(crate) const COOKIE: &str = "disputes_lang";
/// A visitor's choice is remembered for a year.
const COOKIE_SECS: u64 = 365 * 24 * 60 * 60;

/// The language of a page for `person` (their saved language), or for a visitor by the
/// request's `query`, cookies and `Accept-Language`.
pub(crate) fn of_page(person: Option<Lang>, headers: &HeaderMap, query: Option<&str>) -> Lang {
    if let Some(lang) = person {
        return lang;
    }
    let asked = query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(key, _)| key == "lang")
            .and_then(|(_, value)| value.parse().ok())
    });
    asked
        .or_else(|| chosen(headers))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// The page at `here` (a path and query) without its `lang` parameter: where the toggle
/// comes back to, so that the choice it makes is not overruled by the address.
pub(crate) fn without_choice(here: &str) -> String {
    let (path, query) = here.split_once('?').unwrap_or((here, ""));
    let kept: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form_urlencoded::parse(query.as_bytes()).filter(|(key, _)| key != "lang"))
        .finish();
    let back = if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{kept}")
    };
    safe_next(Some(&back))
}

/// The language a visitor's toggle chose, if it did.
fn chosen(headers: &HeaderMap) -> Option<Lang> {
    crate::auth::cookie(headers, COOKIE).and_then(|value| value.parse().ok())
}

/// `POST /language`: the toggle. Saves the choice on a signed-in person's account (so their
/// emails follow it too) and in a cookie, then goes back to the page it was made on.
pub(crate) async fn choose(
    State(state): State<AppState>,
    page: Page,
    form: Form,
) -> Result<Response, ApiError> {
    let lang: Lang = form
        .get("lang")
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| ApiError::invalid_field("lang", says("field-en-or-cy", Vec::new())))?;
    if let Some(viewer) = &page.viewer {
        state
            .store
            .update_person(
                viewer.record.person.id,
                PersonChanges {
                    language: Some(lang),
                    ..PersonChanges::default()
                },
            )
            .await?;
    }
    let back = safe_next(form.get("back").as_deref());
    let mut response = Redirect::to(&back).into_response();
    let cookie = secret_cookie(
        COOKIE,
        lang.code(),
        Some(COOKIE_SECS),
        state.settings.is_https(),
    );
    let value = HeaderValue::from_str(&cookie).map_err(|_| ApiError::internal())?;
    response.headers_mut().append(header::SET_COOKIE, value);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn the_toggle_comes_back_without_the_address_choosing() {
        assert_eq!(without_choice("/login?lang=cy"), "/login");
        assert_eq!(
            without_choice("/check?lang=cy&notified_on=1"),
            "/check?notified_on=1"
        );
        assert_eq!(without_choice("/cases"), "/cases");
        assert_eq!(without_choice("//evil.example?lang=cy"), "/");
    }

    #[test]
    fn the_person_then_the_query_then_the_cookie_then_the_browser_decide() {
        let welsh_browser = headers(&[(header::ACCEPT_LANGUAGE, "cy-GB,en;q=0.5")]);
        let english_cookie = headers(&[
            (header::COOKIE, "other=1; disputes_lang=en"),
            (header::ACCEPT_LANGUAGE, "cy"),
        ]);
        assert_eq!(
            of_page(Some(Lang::En), &welsh_browser, Some("lang=cy")),
            Lang::En
        );
        assert_eq!(
            of_page(None, &english_cookie, Some("x=1&lang=cy")),
            Lang::Cy
        );
        assert_eq!(of_page(None, &english_cookie, None), Lang::En);
        assert_eq!(of_page(None, &welsh_browser, None), Lang::Cy);
        assert_eq!(of_page(None, &welsh_browser, Some("lang=fr")), Lang::Cy);
        assert_eq!(of_page(None, &HeaderMap::new(), None), Lang::En);
    }
}
