//! Single sign-on, against a real OpenID Connect provider: panva's `oidc-provider` (OpenID
//! Certified), started by the test on loopback from `tests/oidc/provider.mjs`. The browser is
//! played by an HTTP client that keeps cookies and follows each redirect itself, so every
//! step of the authorization code flow is seen: the service's redirect (with PKCE, state and
//! nonce), the provider's login, the return with a code, and the session it opens, or why it
//! opens none. The provider can be told to spoil a flow's ID token (a wrong audience, an
//! expired token, a bad signature, a wrong nonce), re-signed with its real key.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

use crate::support::{Cast, Server, enrol, free_port, on_both_databases};

/// The test provider, running.
struct Provider {
    child: Child,
    issuer: String,
}

impl Provider {
    /// Starts the provider for a service at `base`, with the client `rp` / `rp-secret`.
    fn start(base: &str) -> Provider {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/oidc");
        assert!(
            folder.join("node_modules/oidc-provider").exists(),
            "the test provider is not installed: run `npm ci --prefix tests/oidc`"
        );
        let mut child = Command::new("node")
            .arg(folder.join("provider.mjs"))
            .arg("0")
            .env("CLIENT_ID", "rp")
            .env("CLIENT_SECRET", "rp-secret")
            .env("REDIRECT_URIS", format!("{base}/login/oidc/callback"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node, to run the test provider");
        let stdout = child.stdout.take().unwrap();
        let issuer = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find_map(|line| line.strip_prefix("READY ").map(str::to_owned))
            .expect("the test provider did not start");
        Provider { child, issuer }
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser: cookies kept by name (the service and the provider, on one host, use names of
/// their own), each redirect followed by hand.
struct Browser {
    http: reqwest::Client,
    jar: BTreeMap<String, String>,
}

/// Where a step ended.
struct Step {
    status: StatusCode,
    location: String,
    body: String,
}

impl Browser {
    fn new() -> Browser {
        Browser {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            jar: BTreeMap::new(),
        }
    }

    async fn get(&mut self, url: &str) -> Step {
        let cookies: Vec<String> = self.jar.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut request = self.http.get(url);
        if !cookies.is_empty() {
            request = request.header(COOKIE, cookies.join("; "));
        }
        let response = request.send().await.unwrap();
        for value in response.headers().get_all(SET_COOKIE) {
            let pair = value.to_str().unwrap().split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() {
                self.jar.remove(name.trim());
            } else {
                self.jar.insert(name.trim().to_owned(), value.to_owned());
            }
        }
        let status = response.status();
        let location = response
            .headers()
            .get(LOCATION)
            .map(|l| l.to_str().unwrap().to_owned())
            .unwrap_or_default();
        let body = response.text().await.unwrap();
        Step {
            status,
            location,
            body,
        }
    }

    /// Signs in at the provider as `email` (with `extra` for the provider: `tamper=…`,
    /// `email_verified=false`), from `start` on the service; stops at the service's
    /// callback URL, unvisited.
    async fn through_provider(
        &mut self,
        server: &Server,
        start: &str,
        email: &str,
        extra: &str,
    ) -> String {
        let step = self.get(&format!("{}{start}", server.base)).await;
        assert_eq!(step.status, StatusCode::SEE_OTHER, "{}", step.body);
        let mut url = reqwest::Url::parse(&step.location).unwrap();
        let query: BTreeMap<String, String> = url.query_pairs().into_owned().collect();
        assert_eq!(query["response_type"], "code");
        assert_eq!(query["code_challenge_method"], "S256", "PKCE");
        assert!(query["state"].len() >= 16 && query["nonce"].len() >= 16);
        loop {
            if url
                .as_str()
                .starts_with(&format!("{}/login/oidc/callback", server.base))
            {
                return url.to_string();
            }
            if url.path().starts_with("/interaction/") {
                url.query_pairs_mut().append_pair("login", email);
                for pair in extra.split('&').filter(|p| !p.is_empty()) {
                    let (k, v) = pair.split_once('=').unwrap();
                    url.query_pairs_mut().append_pair(k, v);
                }
            }
            let step = self.get(url.as_str()).await;
            assert!(
                step.status.is_redirection(),
                "{} {}",
                step.status,
                step.body
            );
            url = url.join(&step.location).unwrap();
        }
    }

    /// Whether this browser is signed in to the service, and as whom.
    async fn who(&mut self, server: &Server) -> Option<String> {
        let step = self.get(&format!("{}/account", server.base)).await;
        (step.status == StatusCode::OK).then(|| {
            let start = step.body.find("You sign in as ").unwrap() + "You sign in as ".len();
            step.body[start..]
                .split(". Here")
                .next()
                .unwrap()
                .to_owned()
        })
    }
}

fn provider_env(provider: &Provider, port: u16) -> Vec<(&'static str, String)> {
    vec![
        ("DISPUTES__SERVER__BIND", format!("127.0.0.1:{port}")),
        (
            "DISPUTES__SERVER__PUBLIC_URL",
            format!("http://127.0.0.1:{port}"),
        ),
        (
            "DISPUTES__AUTH__OIDC__COUNCIL__LABEL",
            "Leicestershire County Council".to_owned(),
        ),
        (
            "DISPUTES__AUTH__OIDC__COUNCIL__ISSUER",
            provider.issuer.clone(),
        ),
        ("DISPUTES__AUTH__OIDC__COUNCIL__CLIENT_ID", "rp".to_owned()),
        (
            "DISPUTES__AUTH__OIDC__COUNCIL__CLIENT_SECRET",
            "rp-secret".to_owned(),
        ),
        (
            "DISPUTES__AUTH__OIDC__COUNCIL__DOMAINS",
            "[\"example.org\"]".to_owned(),
        ),
    ]
}

on_both_databases! {
    async fn people_sign_in_through_their_organisations_provider_and_every_forgery_is_refused(db: Db) {
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let provider = Provider::start(&base);
        let mut server = Server::start_with(&db, &provider_env(&provider, port));
        let cast = enrol(&server, &db).await;

        // The sign-in page offers the provider.
        let mut browser = Browser::new();
        let page = browser.get(&format!("{base}/login?next=%2Fcases")).await;
        assert!(page.body.contains("Sign in with Leicestershire County Council"), "{}", page.body);
        // (The pages escape the slashes of what they print: a browser reads them back.)
        assert!(page.body.replace("&#x2f;", "/").contains("/login/oidc/council?next=/cases"), "{}", page.body);

        // A person with an account at one of its domains signs in, and goes where they were
        // going.
        let callback = browser.through_provider(&server, "/login/oidc/council?next=%2Fcases", &Cast::email("raiser"), "").await;
        let back = browser.get(&callback).await;
        assert_eq!((back.status, back.location.as_str()), (StatusCode::SEE_OTHER, "/cases"), "{}", back.body);
        assert_eq!(browser.who(&server).await.as_deref(), Some(Cast::email("raiser").as_str()));
        // The return is good once: replayed, it signs nobody in.
        let mut replayer = Browser::new();
        replayer.jar = browser.jar.clone();
        replayer.jar.remove("disputes_session");
        let again = replayer.get(&callback).await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);
        assert!(again.body.contains("did not start in this browser"));
        assert_eq!(replayer.who(&server).await, None);

        // A forged state, and a return carried to another browser (login CSRF).
        let mut victim = Browser::new();
        let forged = victim.get(&format!("{base}/login/oidc/callback?code=anything&state=forged")).await;
        assert_eq!(forged.status, StatusCode::BAD_REQUEST);
        let mut attacker = Browser::new();
        let stolen = attacker.through_provider(&server, "/login/oidc/council", &Cast::email("respondent"), "").await;
        let carried = victim.get(&stolen).await;
        assert_eq!(carried.status, StatusCode::BAD_REQUEST, "{}", carried.body);
        assert_eq!(victim.who(&server).await, None);

        // ID tokens the provider spoiled, each re-signed with its real key but one: none
        // signs anyone in.
        for tamper in ["wrong_aud", "expired", "bad_sig", "wrong_nonce", "wrong_iss"] {
            let mut browser = Browser::new();
            let callback = browser.through_provider(&server, "/login/oidc/council", &Cast::email("raiser"), &format!("tamper={tamper}")).await;
            let back = browser.get(&callback).await;
            assert_eq!(back.status, StatusCode::UNAUTHORIZED, "{tamper}: {}", back.body);
            assert!(back.body.contains("could not be trusted"), "{tamper}");
            assert_eq!(browser.who(&server).await, None, "{tamper}");
        }

        // An address the provider does not vouch for; one with no account; one of a domain
        // not the provider's.
        for (email, extra) in [
            (Cast::email("raiser"), "email_verified=false"),
            ("nobody@example.org".to_owned(), ""),
            ("raiser@elsewhere.test".to_owned(), ""),
        ] {
            let mut browser = Browser::new();
            let callback = browser.through_provider(&server, "/login/oidc/council", &email, extra).await;
            let back = browser.get(&callback).await;
            assert_eq!(back.status, StatusCode::FORBIDDEN, "{email} {extra}: {}", back.body);
            assert_eq!(browser.who(&server).await, None);
        }
        let people = server.sign_in(&Cast::email("facilitator")).await.get("/api/v1/users?per_page=100").await.1;
        assert!(!people.to_string().contains("nobody@example.org"), "nobody is made silently");

        // A provider allowed to make people makes them, for its own domains only, as members
        // of its organisation.
        server.stop();
        let mut env = provider_env(&provider, port);
        env.extend([
            ("DISPUTES__AUTH__OIDC__NEWCOMERS__LABEL", "Voluntary Action".to_owned()),
            ("DISPUTES__AUTH__OIDC__NEWCOMERS__ISSUER", provider.issuer.clone()),
            ("DISPUTES__AUTH__OIDC__NEWCOMERS__CLIENT_ID", "rp".to_owned()),
            ("DISPUTES__AUTH__OIDC__NEWCOMERS__CLIENT_SECRET", "rp-secret".to_owned()),
            ("DISPUTES__AUTH__OIDC__NEWCOMERS__DOMAINS", "[\"newcomers.example\"]".to_owned()),
            ("DISPUTES__AUTH__OIDC__NEWCOMERS__CREATE_PEOPLE", "true".to_owned()),
            ("DISPUTES__AUTH__OIDC__NEWCOMERS__ORGANISATION", cast.volunteers.to_string()),
            ("DISPUTES__AUTH__REQUIRE_SECOND_FACTOR", "[\"champion\"]".to_owned()),
        ]);
        let server = Server::start_with(&db, &env);
        let mut browser = Browser::new();
        let callback = browser.through_provider(&server, "/login/oidc/newcomers", "sam@newcomers.example", "").await;
        assert_eq!(browser.get(&callback).await.status, StatusCode::SEE_OTHER);
        assert_eq!(browser.who(&server).await.as_deref(), Some("sam@newcomers.example"));
        let (_, people) = server.sign_in(&Cast::email("facilitator")).await.get("/api/v1/users?per_page=100").await;
        let sam = people["items"].as_array().unwrap().iter().find(|p| p["email"] == "sam@newcomers.example").unwrap().clone();
        assert_eq!((sam["organisation_id"].as_i64(), sam["roles"].clone()), (Some(cast.volunteers), serde_json::json!(["member"])));
        let mut browser = Browser::new();
        let callback = browser.through_provider(&server, "/login/oidc/newcomers", "pat@elsewhere.test", "").await;
        assert_eq!(browser.get(&callback).await.status, StatusCode::FORBIDDEN);

        // A role that needs an authenticator still owes it after the provider's sign-in.
        let mut browser = Browser::new();
        let callback = browser.through_provider(&server, "/login/oidc/council?next=%2Fcases", &Cast::email("raiser_champion"), "").await;
        assert_eq!(browser.get(&callback).await.location, "/cases");
        let owed = browser.get(&format!("{base}/cases")).await;
        assert_eq!(owed.location, "/account/authenticator?next=%2Fcases");

        // An unknown provider is not found.
        assert_eq!(Browser::new().get(&format!("{base}/login/oidc/nowhere")).await.status, StatusCode::NOT_FOUND);
    }
}
