//! Signing in through an organisation's own identity provider (OpenID Connect: Microsoft
//! Entra ID, Google Workspace, Keycloak), configured under `auth.oidc`.
//!
//! The authorization code flow, with PKCE (S256), `state` and `nonce`. Leaving for the
//! provider, the service keeps what the return must match (the state, and a secret cookie of
//! the browser that left, both by hash) and what it needs (the nonce and the PKCE verifier),
//! for ten minutes and one use. Coming back, the code is exchanged for tokens and the ID token
//! checked by `openidconnect`: its signature against the provider's published keys, its issuer,
//! its audience (this service's client id), its expiry (by the service's clock) and its nonce.
//! The person is then found by the email address the provider vouches for; nobody is created
//! unless the provider's configuration says so, for its own domains.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration as StdDuration, Instant};

use chrono::Duration;
use disputes_store::{NewPerson, OidcAttempt, Pending, PersonRecord};
use disputes_workflow::{OrganisationId, Role, Roles};
use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreIdTokenClaims, CoreProviderMetadata, CoreTokenResponse,
};
use openidconnect::{
    AsyncHttpClient, AuthorizationCode, ClaimsVerificationError, ClientId, ClientSecret, CsrfToken,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpRequest, HttpResponse, IssuerUrl, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, SignatureVerificationError,
    TokenResponse,
};
use tokio::sync::Mutex;

use crate::auth::throttle::Client;
use crate::auth::{new_secret, password, session};
use crate::config::OidcProvider;
use crate::problem::ApiError;
use crate::state::AppState;

/// The cookie holding the secret of the browser that left for a provider.
pub const OIDC_COOKIE: &str = "disputes_oidc";
/// How long a sign-in may spend at the provider.
pub const ATTEMPT_MINUTES: i64 = 10;
/// How long a provider's published keys and endpoints are trusted before they are read again.
const DISCOVERY_LIFE: StdDuration = StdDuration::from_secs(3600);
/// The path the providers send people back to, under `server.public_url`.
pub const CALLBACK: &str = "/login/oidc/callback";

/// A configured client, with the endpoints discovery found.
type OidcClient = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
    EndpointMaybeSet,
>;

/// Why a sign-in through a provider did not sign anyone in: each is told to the person in
/// plain words, and logged with its cause.
#[derive(Debug, thiserror::Error)]
pub enum OidcFailure {
    /// No provider of that name is configured.
    #[error("no such provider")]
    Unknown,
    /// The provider could not be reached, or answered with something unusable.
    #[error("the provider could not be reached: {0}")]
    Unreachable(String),
    /// The return did not match a sign-in this browser started here in the last minutes:
    /// a forged or replayed `state`, another browser's, or too late.
    #[error("the return matches no sign-in started by this browser")]
    NotStartedHere,
    /// The provider said no (the person cancelled, or is not allowed the service there).
    #[error("the provider refused: {0}")]
    Refused(String),
    /// The ID token failed a check: signature, issuer, audience, expiry or nonce.
    #[error("the ID token failed its checks: {0}")]
    Unchecked(String),
    /// The provider did not vouch for the person's email address.
    #[error("the email address is not verified by the provider")]
    Unverified,
    /// No active person has that address, and the provider may not make one.
    #[error("no account for the address")]
    NoAccount,
    /// The person is not one the provider may sign in (another domain or organisation).
    #[error("the person is not one this provider signs in")]
    NotTheirs,
    /// The service itself failed.
    #[error("{0:?}")]
    Service(ApiError),
}

impl From<ApiError> for OidcFailure {
    fn from(error: ApiError) -> Self {
        OidcFailure::Service(error)
    }
}

impl From<disputes_store::StoreError> for OidcFailure {
    fn from(error: disputes_store::StoreError) -> Self {
        OidcFailure::Service(error.into())
    }
}

/// The providers' discovered clients, read again after an hour (or at once when
/// an ID token is signed with a key they do not hold: the provider rotated its keys).
#[derive(Default)]
pub struct Providers {
    discovered: Mutex<HashMap<String, (Instant, OidcClient)>>,
}

impl std::fmt::Debug for Providers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Providers").finish_non_exhaustive()
    }
}

/// The HTTP client `openidconnect` calls providers through: the service's own outbound
/// client (rustls, no redirects, a timeout).
struct Http(reqwest::Client);

impl<'c> AsyncHttpClient<'c> for Http {
    type Error = HttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request).map_err(HttpError::Request)?;
            let response = self.0.execute(request).await.map_err(HttpError::Send)?;
            let mut builder = openidconnect::http::Response::builder().status(response.status());
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            let body = response.bytes().await.map_err(HttpError::Send)?;
            Ok(builder.body(body.to_vec())?)
        })
    }
}

/// Why a call to a provider failed.
#[derive(Debug, thiserror::Error)]
enum HttpError {
    #[error("the request could not be made: {0}")]
    Request(#[source] reqwest::Error),
    #[error("the provider did not answer: {0}")]
    Send(#[source] reqwest::Error),
    #[error("the answer could not be read: {0}")]
    Response(#[from] openidconnect::http::Error),
}

fn http() -> Result<Http, OidcFailure> {
    disputes_notify::webhook::outbound_client(StdDuration::from_secs(10))
        .map(Http)
        .map_err(|e| OidcFailure::Unreachable(e.to_string()))
}

fn provider<'a>(state: &'a AppState, name: &str) -> Result<&'a OidcProvider, OidcFailure> {
    state
        .settings
        .auth
        .oidc
        .get(name)
        .ok_or(OidcFailure::Unknown)
}

/// The client for provider `name`, discovered afresh when `fresh` or when the last
/// discovery is old.
async fn discovered(state: &AppState, name: &str, fresh: bool) -> Result<OidcClient, OidcFailure> {
    let settings = provider(state, name)?;
    let mut discovered = state.oidc.discovered.lock().await;
    if let Some((at, client)) = discovered.get(name)
        && !fresh
        && at.elapsed() < DISCOVERY_LIFE
    {
        return Ok(client.clone());
    }
    let unreachable = |e: &dyn std::fmt::Display| OidcFailure::Unreachable(e.to_string());
    let issuer = IssuerUrl::new(settings.issuer.clone()).map_err(|e| unreachable(&e))?;
    let metadata = CoreProviderMetadata::discover_async(issuer, &http()?)
        .await
        .map_err(|e| unreachable(&e))?;
    let token_url = metadata
        .token_endpoint()
        .cloned()
        .ok_or_else(|| OidcFailure::Unreachable("no token endpoint".to_owned()))?;
    let redirect = format!(
        "{}{CALLBACK}",
        state.settings.server.public_url.trim_end_matches('/')
    );
    let client = CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(settings.client_id.clone()),
        Some(ClientSecret::new(
            settings.client_secret.expose().to_owned(),
        )),
    )
    .set_redirect_uri(RedirectUrl::new(redirect).map_err(|e| unreachable(&e))?)
    .set_token_uri(token_url);
    discovered.insert(name.to_owned(), (Instant::now(), client.clone()));
    Ok(client)
}

/// Starts a sign-in through provider `name`, to come back to `next`: where to send the
/// browser, and the secret for its [`OIDC_COOKIE`].
pub async fn begin(
    state: &AppState,
    name: &str,
    next: &str,
) -> Result<(String, String), OidcFailure> {
    let client = discovered(state, name, false).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, csrf, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".to_owned()))
        .add_scope(Scope::new("profile".to_owned()))
        .set_pkce_challenge(challenge)
        .url();
    let browser = new_secret()?;
    let now = state.clock.now();
    let attempt = OidcAttempt {
        state: csrf.secret().clone(),
        browser: browser.clone(),
        provider: name.to_owned(),
        nonce: nonce.secret().clone(),
        verifier: verifier.secret().clone(),
        next: next.to_owned(),
    };
    state
        .store
        .start_oidc_attempt(&attempt, now, now + Duration::minutes(ATTEMPT_MINUTES))
        .await?;
    Ok((url.to_string(), browser))
}

/// What the provider sent the browser back with.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Callback {
    /// The authorization code.
    pub code: Option<String>,
    /// The state sent with the browser.
    pub state: Option<String>,
    /// Why the provider did not sign the person in, when it did not.
    pub error: Option<String>,
    /// More about `error`.
    pub error_description: Option<String>,
}

/// A sign-in through a provider that succeeded.
#[derive(Debug)]
pub struct SignedInThrough {
    /// The new session's secret.
    pub secret: String,
    /// Who.
    pub record: PersonRecord,
    /// What the session still owes.
    pub pending: Option<Pending>,
    /// Where to go.
    pub next: String,
    /// The provider's label.
    pub label: String,
}

/// Finishes a sign-in: checks the return against the attempt this browser (holding
/// `browser`) started, exchanges the code, checks the ID token, finds the person and opens
/// their session.
pub async fn finish(
    state: &AppState,
    client: &Client,
    callback: Callback,
    browser: Option<String>,
) -> Result<SignedInThrough, OidcFailure> {
    let now = state.clock.now();
    let (Some(returned_state), Some(browser)) = (callback.state, browser) else {
        return Err(OidcFailure::NotStartedHere);
    };
    let attempt = state
        .store
        .take_oidc_attempt(&returned_state, &browser, now)
        .await?
        .ok_or(OidcFailure::NotStartedHere)?;
    if let Some(error) = callback.error {
        let description = callback.error_description.unwrap_or_default();
        return Err(OidcFailure::Refused(format!("{error}: {description}")));
    }
    let code = callback.code.ok_or(OidcFailure::NotStartedHere)?;
    let name = attempt.provider.as_str();
    let settings = provider(state, name)?;
    let mut oidc = discovered(state, name, false).await?;
    let token: CoreTokenResponse = oidc
        .exchange_code(AuthorizationCode::new(code))
        .set_pkce_verifier(PkceCodeVerifier::new(attempt.verifier.clone()))
        .request_async(&http()?)
        .await
        .map_err(|e| OidcFailure::Refused(e.to_string()))?;
    let id_token = token
        .id_token()
        .ok_or_else(|| OidcFailure::Unchecked("no ID token".to_owned()))?;
    let nonce = Nonce::new(attempt.nonce.clone());
    let clock = state.clock.clone();
    let check = |oidc: &OidcClient| -> Result<CoreIdTokenClaims, ClaimsVerificationError> {
        let clock = clock.clone();
        let verifier = oidc.id_token_verifier().set_time_fn(move || clock.now());
        id_token.claims(&verifier, &nonce).cloned()
    };
    let claims = match check(&oidc) {
        // Signed with a key the service has not seen: the provider may have rotated its
        // keys since they were read. Read them again, once.
        Err(ClaimsVerificationError::SignatureVerification(
            SignatureVerificationError::NoMatchingKey,
        )) => {
            oidc = discovered(state, name, true).await?;
            check(&oidc)
        }
        other => other,
    }
    .map_err(|e| OidcFailure::Unchecked(e.to_string()))?;
    let email = claims
        .email()
        .map(|e| e.as_str().to_owned())
        .ok_or(OidcFailure::Unverified)?;
    if claims.email_verified() != Some(true) && !settings.trust_unverified_email {
        return Err(OidcFailure::Unverified);
    }
    let display_name = claims
        .name()
        .and_then(|names| names.get(None))
        .map(|n| n.as_str().to_owned());
    let record = person_for(state, settings, &email, display_name).await?;
    let pending = session::owed(state, &record).await?;
    let secret = session::open(state, client, &record, pending).await?;
    tracing::info!(
        person = record.person.id.0,
        provider = name,
        pending = ?pending,
        "signed in through a provider"
    );
    Ok(SignedInThrough {
        secret,
        record,
        pending,
        next: attempt.next,
        label: settings.label.clone(),
    })
}

/// The domain of an email address, in lower case.
fn domain_of(email: &str) -> String {
    email
        .rsplit_once('@')
        .map(|(_, domain)| domain.to_lowercase())
        .unwrap_or_default()
}

/// The active person with `email` whom `provider` may sign in; made, as a member of its
/// organisation, when it may make people for the address's domain and there is none.
async fn person_for(
    state: &AppState,
    provider: &OidcProvider,
    email: &str,
    display_name: Option<String>,
) -> Result<PersonRecord, OidcFailure> {
    let domain = domain_of(email);
    let in_domains = provider
        .domains
        .iter()
        .any(|d| d.trim_start_matches('@').eq_ignore_ascii_case(&domain));
    match state.store.credentials(email).await? {
        Some((record, _)) if !record.active => Err(OidcFailure::NoAccount),
        Some((record, _)) => {
            let in_organisations = provider
                .organisations
                .contains(&record.person.organisation_id.0);
            if in_domains || in_organisations {
                Ok(record)
            } else {
                Err(OidcFailure::NotTheirs)
            }
        }
        None if provider.create_people && in_domains => {
            let organisation = provider.organisation.ok_or(OidcFailure::NoAccount)?;
            // A password no one knows: the person signs in through the provider, or sets
            // one with a reset link.
            let password_hash = password::hash(new_secret()?).await?;
            let name = display_name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_owned());
            let record = state
                .store
                .create_person(
                    NewPerson {
                        email: email.to_owned(),
                        name,
                        organisation_id: OrganisationId(organisation),
                        roles: Roles::from([Role::Member]),
                        password_hash,
                        language: disputes_i18n::Lang::En,
                    },
                    state.clock.now(),
                )
                .await?;
            tracing::info!(
                person = record.person.id.0,
                "person made at first sign-in through a provider"
            );
            Ok(record)
        }
        None => Err(OidcFailure::NoAccount),
    }
}

#[cfg(test)]
mod tests {
    use super::domain_of;

    #[test]
    fn an_addresss_domain_is_its_last_part_in_lower_case() {
        assert_eq!(domain_of("Linda.Cole@Leics.GOV.uk"), "leics.gov.uk");
        assert_eq!(domain_of("odd@name@example.org"), "example.org");
        assert_eq!(domain_of("nobody"), "");
    }
}
