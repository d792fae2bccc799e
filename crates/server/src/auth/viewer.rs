//! The signed-in person of a request, found once by middleware and read by handlers.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use disputes_store::{Grant, Pending, PersonRecord};
use disputes_workflow::{Person, Role};

use super::cookie_secret;
use crate::problem::{ApiError, says};
use crate::state::AppState;
use disputes_workflow::Word;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "disputes_session";

/// How a request carried its secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer`: a script, which sends it only where it means to.
    Bearer,
    /// The session cookie, which a browser attaches to every request to the service,
    /// including requests another site's page makes it send.
    Cookie,
}

/// A signed-in person, and the secret they signed in with.
#[derive(Clone)]
pub struct Viewer {
    /// Who they are.
    pub record: PersonRecord,
    /// The session or token secret of this request (to sign out with).
    pub secret: String,
    /// How the secret came.
    pub credential: Credential,
    /// What the secret is (a session, or an API token) and its limits.
    pub grant: Grant,
}

impl std::fmt::Debug for Viewer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Viewer")
            .field("person", &self.record.person)
            .finish_non_exhaustive()
    }
}

impl Viewer {
    /// The person, as the workflow knows them.
    pub fn person(&self) -> &Person {
        &self.record.person
    }

    /// Whether they hold any of `roles`.
    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.record.person.has(*r))
    }

    /// The session this request is signed in with; refused (403) for an API token, which
    /// may not manage the person's sign-in (tokens, sessions, authenticator): a token that
    /// leaked must not be able to make itself another.
    pub fn session(&self) -> Result<i64, ApiError> {
        match self.grant {
            Grant::Session { id, .. } => Ok(id),
            Grant::Token { .. } => Err(ApiError::forbidden(says(
                "detail-token-cannot-manage-sign-in",
                Vec::new(),
            ))),
        }
    }

    /// What the session still owes before it may do anything else.
    pub fn pending(&self) -> Option<Pending> {
        match self.grant {
            Grant::Session { pending, .. } => pending,
            Grant::Token { .. } => None,
        }
    }

    /// Refuses (403) unless they hold one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if self.has_any(roles) {
            return Ok(());
        }
        Err(ApiError::forbidden(says(
            "detail-needs-role",
            vec![("roles", one_of(roles))],
        )))
    }
}

/// "The chair or facilitator": each role by its name, the last ones after "or".
fn one_of(roles: &[Role]) -> Word {
    let name = |role: &Role| Word::named(format!("role-{}", role.as_str()), role.as_str());
    match roles {
        [] => Word::from(""),
        [only] => name(only),
        [first, rest @ ..] => says(
            "list-or",
            vec![("first", name(first)), ("rest", one_of(rest))],
        )
        .into(),
    }
}

/// Middleware: finds the person behind the bearer token or session cookie, if any, and
/// leaves them in the request for [`SignedIn`].
pub async fn authenticate(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some((secret, credential)) = secret_of(request.headers()) {
        let now = state.clock.now();
        let idle_before = now - state.settings.server.session_idle();
        match state.store.holder(&secret, now, idle_before).await {
            Ok(Some(holder)) => {
                tracing::Span::current().record("person", holder.record.person.id.0);
                if let Some(refused) =
                    super::limits::refusal(holder.grant, request.method(), request.uri())
                {
                    return refused;
                }
                request.extensions_mut().insert(Viewer {
                    record: holder.record,
                    secret,
                    credential,
                    grant: holder.grant,
                });
            }
            Ok(None) => {}
            Err(error) => return ApiError::from(error).into_response(),
        }
    }
    next.run(request).await
}

/// The secret a request is signed in with, and whether it came as a cookie (which a
/// browser sends by itself, so its origin matters) rather than a bearer token.
fn secret_of(headers: &HeaderMap) -> Option<(String, Credential)> {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    match bearer {
        Some(token) => super::is_secret(token).then(|| (token.to_owned(), Credential::Bearer)),
        None => cookie_secret(headers, SESSION_COOKIE).map(|s| (s, Credential::Cookie)),
    }
}

/// The `Set-Cookie` value for a session: HttpOnly, SameSite=Lax, Secure behind https.
/// An empty `secret` with `max_age` 0 clears it.
pub fn session_cookie(secret: &str, max_age_secs: u64, secure: bool) -> String {
    secret_cookie(SESSION_COOKIE, secret, Some(max_age_secs), secure)
}

/// The `Set-Cookie` value for any secret the browser keeps for this service: never readable
/// by scripts, not sent with other sites' requests, only over TLS when the service is
/// reached by https; `max_age_secs` absent keeps it for the browser's session.
pub fn secret_cookie(name: &str, secret: &str, max_age_secs: Option<u64>, secure: bool) -> String {
    let mut cookie = format!("{name}={secret}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(max_age) = max_age_secs {
        cookie.push_str(&format!("; Max-Age={max_age}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    cookie
}

/// A handler argument that requires a signed-in person (401 otherwise).
#[derive(Debug, Clone)]
pub struct SignedIn(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .map(SignedIn)
            .ok_or_else(ApiError::unauthorised)
    }
}

/// A handler argument that requires a person signed in with a session, not an API token
/// (401 without either, 403 with a token): for managing sign-in itself (tokens, sessions,
/// the authenticator). Checked before the request's body is read.
#[derive(Debug, Clone)]
pub struct SessionOnly(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for SessionOnly {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let SignedIn(viewer) = SignedIn::from_request_parts(parts, state).await?;
        viewer.session()?;
        Ok(SessionOnly(viewer))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_roles_a_route_needs_are_named_in_each_language() {
        let error = ApiError::forbidden(says(
            "detail-needs-role",
            vec![(
                "roles",
                one_of(&[Role::Chair, Role::Subgroup, Role::Facilitator]),
            )],
        ));
        assert_eq!(
            error.detail(),
            "This needs the chair or subgroup or facilitator role."
        );
        assert_eq!(
            error.detail_in(&disputes_i18n::Locale::built_in(disputes_i18n::Lang::Cy)),
            "Mae angen rôl benodol ar gyfer hyn: Cadeirydd / Is-grŵp / Hwylusydd."
        );
    }

    #[test]
    fn the_secret_comes_from_the_bearer_token_or_the_cookie() {
        let mut headers = HeaderMap::new();
        let cookie_secret = "a".repeat(64);
        let bearer_secret = "b".repeat(64);
        headers.insert(
            header::COOKIE,
            format!("theme=dark; disputes_session={cookie_secret}")
                .parse()
                .unwrap(),
        );
        assert_eq!(
            secret_of(&headers),
            Some((cookie_secret, Credential::Cookie))
        );
        headers.insert(
            header::AUTHORIZATION,
            format!("Bearer {bearer_secret}").parse().unwrap(),
        );
        assert_eq!(
            secret_of(&headers),
            Some((bearer_secret, Credential::Bearer))
        );
        // Something that cannot be a secret is never looked up.
        headers.insert(header::AUTHORIZATION, "Bearer ' OR 1=1 --".parse().unwrap());
        assert_eq!(secret_of(&headers), None);
        assert_eq!(secret_of(&HeaderMap::new()), None);
    }

    #[test]
    fn cookies_are_http_only_and_secure_behind_https() {
        let cookie = session_cookie("s", 60, true);
        assert!(
            cookie.contains("HttpOnly")
                && cookie.contains("SameSite=Lax")
                && cookie.ends_with("Secure")
        );
        assert!(!session_cookie("s", 60, false).contains("Secure"));
    }
}
