//! Requests a browser sends by itself.
//!
//! A browser attaches the session cookie to every request to the service, including those a
//! page on another site makes it send: a form posted from a sibling subdomain, an image, a
//! `fetch` with credentials. SameSite=Lax stops most cross-site ones, but not those from a
//! sibling site, and not a body-less action or a file upload. So an API request signed in by
//! the cookie must show that it comes from the service's own pages: `Sec-Fetch-Site:
//! same-origin` (every current browser sends it), or failing that an `Origin` that is the
//! service's. A bearer token is sent only by a script that chose to, and is not checked.
//! (The pages' own forms carry a token instead: see `web::chrome`.)

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::{Credential, Viewer};
use crate::problem::{ApiError, says};
use crate::state::AppState;

/// Middleware for the API: refuses (403) a cookie-signed request that does not show it
/// comes from this service.
pub async fn same_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let by_cookie = request
        .extensions()
        .get::<Viewer>()
        .is_some_and(|viewer| viewer.credential == Credential::Cookie);
    if by_cookie
        && !from_this_service(
            request.method(),
            request.headers(),
            &state.settings.server.public_url,
        )
    {
        tracing::warn!("a cookie-signed API request without this service's origin was refused");
        return ApiError::forbidden(says("detail-cookie-origin", Vec::new())).into_response();
    }
    next.run(request).await
}

/// Whether a request with `headers` shows it comes from this service's own pages, reached
/// at `public_url` (or at the address the request itself was sent to).
pub fn from_this_service(method: &Method, headers: &HeaderMap, public_url: &str) -> bool {
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        // `none`: the person typed the address or followed a bookmark, which only reads.
        let reads = method == Method::GET || method == Method::HEAD;
        return site == "same-origin" || (site == "none" && reads);
    }
    let Some(origin) = text(header::ORIGIN.as_str()) else {
        return false;
    };
    let scheme = if public_url.starts_with("https://") {
        "https"
    } else {
        "http"
    };
    let own = text(header::HOST.as_str()).map(|host| format!("{scheme}://{host}"));
    origin == public_url || own.as_deref() == Some(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn only_the_services_own_pages_may_use_the_cookie() {
        let url = "https://disputes.example.org";
        let post = &Method::POST;
        let same = with(&[("sec-fetch-site", "same-origin")]);
        assert!(from_this_service(post, &same, url));
        for site in ["same-site", "cross-site"] {
            assert!(!from_this_service(
                post,
                &with(&[("sec-fetch-site", site)]),
                url
            ));
        }
        // Typed into the address bar: a read, never a write.
        let typed = with(&[("sec-fetch-site", "none")]);
        assert!(from_this_service(&Method::GET, &typed, url));
        assert!(!from_this_service(post, &typed, url));
        // Older browsers: the Origin must be the service's.
        assert!(from_this_service(post, &with(&[("origin", url)]), url));
        let sibling = with(&[("origin", "https://evil.example.org")]);
        assert!(!from_this_service(post, &sibling, url));
        let own_host = with(&[
            ("origin", "https://10.0.0.5:8080"),
            ("host", "10.0.0.5:8080"),
        ]);
        assert!(from_this_service(post, &own_host, url));
        assert!(!from_this_service(post, &with(&[("origin", "null")]), url));
        // Neither: not a page of this service.
        assert!(!from_this_service(&Method::GET, &HeaderMap::new(), url));
    }
}
