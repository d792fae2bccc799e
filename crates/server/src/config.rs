//! Configuration: the embedded `config/default.toml`, then the file named by `--config`, then
//! environment variables `DISPUTES__SECTION__KEY`, read into typed settings and checked
//! before anything starts, so that a mistake is reported with the key that caused it.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Utc};
use disputes_i18n::{Catalogue, Lang, OwnWords};
use disputes_workflow::CompactSettings;
use figment::providers::{Env, Format, Toml};
use figment::{Figment, Provider, Source};
use serde::Deserialize;

/// The defaults every deployment starts from.
pub const DEFAULTS: &str = include_str!("../../../config/default.toml");

pub use disputes_notify::{EmailSettings, NextSteps, Secret, WebhookSettings};

/// Everything the service reads from its configuration.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The HTTP listener.
    pub server: ServerSettings,
    /// The database.
    pub database: DatabaseSettings,
    /// Outgoing email.
    pub email: EmailSettings,
    /// Deliveries of case events to webhooks.
    pub webhooks: WebhookSettings,
    /// The deadline and outbox sweeps.
    pub scheduler: SchedulerSettings,
    /// The service's clock.
    pub clock: ClockSettings,
    /// Logging.
    pub log: LogSettings,
    /// Traces to an OpenTelemetry collector.
    pub telemetry: TelemetrySettings,
    /// Signing in: throttling and remembered browsers.
    pub auth: AuthSettings,
    /// The outcome reports.
    pub reports: ReportSettings,
    /// How long case text is kept, and what erasing a person removes.
    pub retention: RetentionSettings,
    /// How often one person may make the service email others.
    pub limits: LimitSettings,
    /// Who runs the service, and where people are pointed after a case.
    pub service: ServiceSettings,
    /// The Compact this deployment serves.
    pub compact: CompactSettings,
    /// The words in each language: the Compact's own in Welsh, and replacements.
    pub language: LanguageSettings,
}

/// The service speaks English and Welsh. Its own words are in the built-in catalogues
/// (`config/locales/`); the Compact's (its name, any principle it adds, the next steps after
/// a decision) come from this configuration, the Welsh read in English, marked so, where
/// missing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageSettings {
    /// A folder holding `en.ftl` and/or `cy.ftl`, whose entries replace the built-in ones of
    /// the same name.
    #[serde(default)]
    pub catalogue_dir: Option<PathBuf>,
    /// The Compact's name in Welsh.
    #[serde(default)]
    pub welsh_compact_name: Option<String>,
    /// The Welsh words for principles the Compact adds of its own, by code.
    #[serde(default)]
    pub welsh_principles: std::collections::BTreeMap<String, String>,
    /// The Welsh words for the groupings the Compact names (`compact.groupings`), by their
    /// English name; the built-in groupings have Welsh already.
    #[serde(default)]
    pub welsh_groupings: std::collections::BTreeMap<String, String>,
    /// The next steps after a decision (`service.next_steps`), in Welsh.
    #[serde(default)]
    pub welsh_next_steps: Option<NextSteps>,
}

/// Signing in: how guessing is slowed down without locking the owner out.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    /// The minutes failed sign-ins are counted over.
    pub failure_window_minutes: u32,
    /// Failed sign-ins to one account from browsers that have never signed in to it,
    /// after which such browsers wait.
    pub account_failures: u32,
    /// Failed sign-ins from one client address, after which it waits.
    pub address_failures: u32,
    /// Failed sign-ins from one browser that has signed in to the account before, after
    /// which that browser waits.
    pub device_failures: u32,
    /// Days a browser is remembered after signing in.
    pub device_days: u32,
    /// The shortest password accepted.
    pub password_min_length: usize,
    /// Roles whose holders must set up an authenticator app before doing anything else,
    /// and give a code from it each time they sign in with a password.
    pub require_second_factor: Vec<disputes_workflow::Role>,
    /// OpenID Connect providers people may sign in through, by name (the name is in their
    /// addresses: `/login/oidc/{name}`).
    #[serde(default)]
    pub oidc: std::collections::BTreeMap<String, OidcProvider>,
}

/// An OpenID Connect provider (Microsoft Entra ID, Google Workspace, Keycloak) that signs in
/// the people of some organisations.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OidcProvider {
    /// What its button on the sign-in page names: "Sign in with {label}".
    pub label: String,
    /// Its issuer: discovery is at `{issuer}/.well-known/openid-configuration`, and every ID
    /// token must name it.
    pub issuer: String,
    /// The service's client id there; ID tokens must be for it (their audience).
    pub client_id: String,
    /// The client secret (keep it in the environment:
    /// `DISPUTES__AUTH__OIDC__{NAME}__CLIENT_SECRET`).
    pub client_secret: Secret,
    /// Email domains whose people it signs in (`leics.gov.uk`).
    #[serde(default)]
    pub domains: Vec<String>,
    /// Organisations (by id) whose people it signs in, whatever their address's domain.
    #[serde(default)]
    pub organisations: Vec<i64>,
    /// Whether someone at one of `domains` with no account yet is given one, as a member of
    /// `organisation`; otherwise they are refused and told to ask the facilitator.
    #[serde(default)]
    pub create_people: bool,
    /// The organisation (by id) new people join.
    pub organisation: Option<i64>,
    /// Whether to believe an address the provider does not mark verified. Microsoft Entra ID
    /// sends no `email_verified`; its addresses are the tenant's own, so set this for it.
    #[serde(default)]
    pub trust_unverified_email: bool,
}

/// The outcome reports.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Counts below this are shown as "fewer than" it to those outside the Compact's
    /// oversight, so that no case can be picked out of a report.
    pub min_cell: u32,
}

/// Records management: how long case text is kept, and what erasing a person removes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionSettings {
    /// Whole years after a case closes before its text is removed (0: never).
    pub closed_case_years: u32,
    /// Whether erasing a person also removes the text they wrote on cases.
    pub erase_written_text: bool,
}

/// Who runs the service and how to reach them (for the privacy notice and the accessibility
/// statement), and where people are pointed once a case is over.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceSettings {
    /// The organisation that runs the service for the Compact, and decides what is done with
    /// the information in it.
    pub operator: String,
    /// Where people write about the service, their information in it, or its accessibility.
    pub contact_email: String,
    /// Help outside the Compact, offered with a case's final decision.
    pub next_steps: NextSteps,
}

/// How often one person may make the service email others.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitSettings {
    /// Disagreements one person may raise in 24 hours (each emails a whole organisation).
    pub cases_raised_per_day: u32,
}

/// The HTTP listener.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// The address people use, for links; `https` marks cookies Secure.
    pub public_url: String,
    /// Largest JSON body accepted.
    pub json_limit_bytes: usize,
    /// Largest attachment accepted.
    pub attachment_limit_bytes: usize,
    /// How long a sign-in lasts at most, however busy (the absolute limit).
    pub session_hours: u32,
    /// Minutes a sign-in lasts unused (the idle limit).
    pub session_idle_minutes: u32,
    /// Seconds in-flight requests get to finish on shutdown.
    pub shutdown_grace_secs: u64,
    /// Seconds a connection has to send a request's head (and may sit idle between
    /// requests) before it is closed.
    pub header_read_timeout_secs: u64,
    /// Seconds a request's body may go without sending more before it is refused (408).
    pub body_read_timeout_secs: u64,
    /// Connections served at once; more wait their turn.
    pub max_connections: usize,
    /// Reverse proxies (addresses or networks) whose `X-Forwarded-For` is believed: the
    /// client's address is the last one in it that is not a trusted proxy.
    #[serde(default, deserialize_with = "addresses_or_networks")]
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

/// The database.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `sqlite://...` or `postgres://...`.
    pub url: Secret,
    /// Whether `serve` applies pending migrations first.
    pub migrate_on_start: bool,
    /// Pool size.
    pub max_connections: u32,
    /// SQLite: sync each commit to disk.
    pub sqlite_full_sync: bool,
    /// Where attachment files go; in the database when unset.
    #[serde(default)]
    pub attachments_dir: Option<PathBuf>,
}

/// The deadline and outbox sweeps.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerSettings {
    /// Seconds between sweeps.
    pub interval_secs: u64,
}

/// The service's clock.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockSettings {
    /// The instant the clock starts from, instead of the system's time.
    #[serde(default)]
    pub now: Option<DateTime<Utc>>,
}

/// Log line format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    /// For people reading a terminal.
    Text,
    /// One JSON object per line, for collectors.
    Json,
}

/// Logging.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    /// Text or JSON.
    pub format: LogFormat,
    /// A `tracing` filter such as `info`.
    pub filter: String,
}

/// Traces for the operators' collector: off unless an endpoint is named.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TelemetrySettings {
    /// The OTLP/HTTP address of a collector on this machine or network (`http://host:4318`),
    /// which forwards onward over TLS; spans go to its `/v1/traces`.
    #[serde(default)]
    pub otlp_endpoint: Option<String>,
    /// The `service.name` the collector files the spans under.
    pub service_name: String,
}

impl TelemetrySettings {
    /// Where spans are posted: the endpoint's `/v1/traces`, unless it names that already.
    pub fn traces_url(&self) -> Option<String> {
        let endpoint = self.otlp_endpoint.as_deref()?.trim_end_matches('/');
        Some(if endpoint.ends_with("/v1/traces") {
            endpoint.to_owned()
        } else {
            format!("{endpoint}/v1/traces")
        })
    }
}

/// A configuration that cannot be used, with the key at fault.
#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(String);

impl ServerSettings {
    /// How long a session lasts unused.
    pub fn session_idle(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.session_idle_minutes))
    }
}

impl Settings {
    /// Reads the layered configuration; `file` is the `--config` file, if given.
    ///
    /// A relative path (a SQLite file, the mail and attachment folders, the templates) is
    /// resolved against the folder of the file that set it, so a service finds the same data
    /// whichever folder it is started from; the embedded defaults' `data/` is in the
    /// checkout the binary was built from ([`defaults_home`]). A path from an environment
    /// variable is taken from the current folder, as a shell would.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        if let Some(path) = file {
            let path = std::fs::canonicalize(path)
                .ok()
                .filter(|p| p.is_file())
                .ok_or_else(|| {
                    ConfigError(format!(
                        "the file {} named by --config does not exist",
                        path.display()
                    ))
                })?;
            figment = figment.merge(Toml::file_exact(path));
        }
        figment = figment.merge(Env::prefixed("DISPUTES__").split("__"));
        let mut settings: Settings = figment
            .extract()
            .map_err(|e| ConfigError(describe_figment_error(&e)))?;
        settings.resolve_paths(|key| base_of(&figment, key));
        settings.validate()?;
        Ok(settings)
    }

    /// Makes each relative path absolute, against the folder `base` gives for its key.
    fn resolve_paths(&mut self, base: impl Fn(&str) -> Option<PathBuf>) {
        let join = |key: &str, path: &Path| match base(key) {
            Some(folder) if path.is_relative() => folder.join(path),
            _ => path.to_path_buf(),
        };
        let url = self.database.url.expose();
        if let Some(file) = sqlite_file(url) {
            let resolved = join("database.url", Path::new(file));
            if resolved != Path::new(file) {
                let rest = &url[url.find(file).unwrap_or(0) + file.len()..];
                self.database.url = Secret::new(format!("sqlite://{}{rest}", resolved.display()));
            }
        }
        if let Some(dir) = &self.database.attachments_dir {
            self.database.attachments_dir = Some(join("database.attachments_dir", dir));
        }
        if let Some(dir) = &self.email.templates_dir {
            self.email.templates_dir = Some(join("email.templates_dir", dir));
        }
        if let Some(dir) = &self.language.catalogue_dir {
            self.language.catalogue_dir = Some(join("language.catalogue_dir", dir));
        }
        self.email.file.dir = join("email.file.dir", &self.email.file.dir);
    }

    /// The words of both languages: the built-in catalogues with the Compact's own words and
    /// the operator's replacements. A replacement that names no entry, or uses a value its
    /// entry is not given, is refused, naming its file.
    pub fn catalogue(&self) -> Result<Arc<Catalogue>, ConfigError> {
        let welsh = &self.language;
        let mut own = OwnWords::default();
        own.add(
            "compact-name",
            &self.compact.name,
            welsh.welsh_compact_name.clone(),
        );
        let built_in = Catalogue::built_in();
        for code in &self.compact.principles {
            let key = format!("principle-{code}");
            let given = welsh.welsh_principles.get(code).cloned();
            if !built_in.has(&key) {
                // A principle of the Compact's own reads as its code, in words.
                own.add(key, code.replace('_', " "), given);
            } else if let Some(text) = given {
                let english = built_in.format(Lang::En, &key, &[]);
                own.add(key, english, Some(text));
            }
        }
        for name in &self.compact.groupings {
            let key = crate::labels::grouping_key(name);
            let given = welsh.welsh_groupings.get(name).cloned();
            // A built-in grouping keeps its own Welsh unless the configuration gives one.
            if given.is_some() || !built_in.has(&key) {
                own.add(key, name, given);
            }
        }
        let steps = &self.service.next_steps;
        let steps_cy = welsh.welsh_next_steps.as_ref();
        own.add(
            "next-steps-text",
            &steps.text,
            steps_cy.map(|s| s.text.clone()),
        );
        own.add(
            "next-steps-link-text",
            &steps.link_text,
            steps_cy.map(|s| s.link_text.clone()),
        );
        // An address reads the same in any language: no marking.
        own.add(
            "next-steps-url",
            &steps.url,
            Some(steps_cy.map_or_else(|| steps.url.clone(), |s| s.url.clone())),
        );
        Catalogue::load(welsh.catalogue_dir.as_deref(), &own)
            .map_err(|e| ConfigError(format!("language.catalogue_dir: {e}")))
    }

    /// Checks what the types alone cannot, naming the key at fault.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let fail = |key: &str, message: &str| Err(ConfigError(format!("{key}: {message}")));
        self.compact
            .validate()
            .map_err(|e| ConfigError(e.to_string()))?;
        let url = &self.server.public_url;
        if !(url.starts_with("http://") || url.starts_with("https://")) || url.ends_with('/') {
            return fail(
                "server.public_url",
                "must start with http:// or https:// and not end with /",
            );
        }
        if let Some(endpoint) = &self.telemetry.otlp_endpoint
            && !endpoint.starts_with("http://")
        {
            return fail(
                "telemetry.otlp_endpoint",
                "must be a collector's http:// address on this machine or network, e.g. \
                 http://127.0.0.1:4318 (the collector sends onward with TLS)",
            );
        }
        let inbound = &self.email.inbound;
        if inbound.listen.is_some() || inbound.imap.is_some() {
            let domain = inbound.domain.as_deref().unwrap_or_default();
            if domain.is_empty() || domain.contains(['@', ' ']) || !domain.contains('.') {
                return fail(
                    "email.inbound.domain",
                    "must be the domain of reply addresses (e.g. replies.compact.example.org) \
                     when email.inbound.listen or email.inbound.imap is set",
                );
            }
            if inbound.max_message_bytes < self.server.attachment_limit_bytes {
                return fail(
                    "email.inbound.max_message_bytes",
                    "must be at least server.attachment_limit_bytes",
                );
            }
        }
        if self.server.json_limit_bytes < 1024 {
            return fail("server.json_limit_bytes", "must be at least 1024");
        }
        if self.server.attachment_limit_bytes < 1024 {
            return fail("server.attachment_limit_bytes", "must be at least 1024");
        }
        if !(1..=600).contains(&self.server.header_read_timeout_secs) {
            return fail(
                "server.header_read_timeout_secs",
                "must be between 1 and 600",
            );
        }
        if !(1..=3600).contains(&self.server.body_read_timeout_secs) {
            return fail(
                "server.body_read_timeout_secs",
                "must be between 1 and 3600",
            );
        }
        if !(16..=65_536).contains(&self.server.max_connections) {
            return fail("server.max_connections", "must be between 16 and 65536");
        }
        if !(1..=720).contains(&self.server.session_hours) {
            return fail("server.session_hours", "must be between 1 and 720");
        }
        for (name, provider) in &self.auth.oidc {
            let key = |field: &str| format!("auth.oidc.{name}.{field}");
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return fail(
                    &key("name"),
                    "must be lower-case letters, digits and hyphens",
                );
            }
            let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
                .iter()
                .any(|start| provider.issuer.starts_with(start));
            if !(provider.issuer.starts_with("https://") || loopback) {
                return fail(
                    &key("issuer"),
                    "must be an https:// address (http:// only on this machine, for trials)",
                );
            }
            if provider.domains.is_empty() && provider.organisations.is_empty() {
                return fail(
                    &key("domains"),
                    "name the email domains, or the organisations, whose people it signs in",
                );
            }
            if provider.create_people && provider.organisation.is_none() {
                return fail(
                    &key("organisation"),
                    "must name the organisation new people join, as create_people is on",
                );
            }
        }
        if !(5..=43_200).contains(&self.server.session_idle_minutes) {
            return fail(
                "server.session_idle_minutes",
                "must be between 5 and 43200 (30 days)",
            );
        }
        let db = self.database.url.expose();
        if !(db.starts_with("sqlite:")
            || db.starts_with("postgres:")
            || db.starts_with("postgresql:"))
        {
            return fail("database.url", "must start with sqlite: or postgres:");
        }
        if !(1..=256).contains(&self.database.max_connections) {
            return fail("database.max_connections", "must be between 1 and 256");
        }
        if self.scheduler.interval_secs == 0 {
            return fail("scheduler.interval_secs", "must be at least 1");
        }
        if !self.email.from.contains('@') {
            return fail(
                "email.from",
                "must be an email address, e.g. Name <a@b.org>",
            );
        }
        // Mail from a localhost address is dropped or marked as spam by every real mail
        // server: once people reach the service at a real address, the sender must be real too.
        if !is_loopback_host(url_host(url)) && is_loopback_host(email_domain(&self.email.from)) {
            return fail(
                "email.from",
                &format!(
                    "must be an address at your own domain once server.public_url ({url}) is \
                     not this machine, e.g. DISPUTES__EMAIL__FROM='Compact disputes \
                     <disputes@example.org>'"
                ),
            );
        }
        if !self.service.contact_email.contains('@') {
            return fail("service.contact_email", "must be an email address");
        }
        let next = &self.service.next_steps;
        if !(next.url.starts_with("https://") || next.url.starts_with("http://")) {
            return fail(
                "service.next_steps.url",
                "must start with https:// or http://",
            );
        }
        if next.text.trim().is_empty() || next.link_text.trim().is_empty() {
            return fail(
                "service.next_steps",
                "text and link_text must say where to go next",
            );
        }
        if self.service.operator.trim().is_empty() {
            return fail("service.operator", "must name who runs the service");
        }
        if self.email.smtp.timeout_secs == 0 {
            return fail("email.smtp.timeout_secs", "must be at least 1");
        }
        if self.email.lease_secs <= self.email.smtp.timeout_secs || self.email.lease_secs > 86_400 {
            return fail(
                "email.lease_secs",
                "must be longer than email.smtp.timeout_secs (a claim outlasts a send) and at most 86400",
            );
        }
        let auth = &self.auth;
        if !(1..=1440).contains(&auth.failure_window_minutes) {
            return fail("auth.failure_window_minutes", "must be between 1 and 1440");
        }
        for (key, value) in [
            ("auth.account_failures", auth.account_failures),
            ("auth.address_failures", auth.address_failures),
            ("auth.device_failures", auth.device_failures),
            ("auth.device_days", auth.device_days),
            (
                "limits.cases_raised_per_day",
                self.limits.cases_raised_per_day,
            ),
        ] {
            if value == 0 {
                return fail(key, "must be at least 1");
            }
        }
        if !(8..=64).contains(&auth.password_min_length) {
            return fail(
                "auth.password_min_length",
                "must be between 8 and 64 (NIST SP 800-63B)",
            );
        }
        if self.reports.min_cell == 0 {
            return fail(
                "reports.min_cell",
                "must be at least 1 (1 shows every count)",
            );
        }
        if !(1..=1440).contains(&self.email.digest_minutes) {
            return fail("email.digest_minutes", "must be between 1 and 1440");
        }
        if !(3..=3600).contains(&self.email.claim_stale_secs) {
            return fail("email.claim_stale_secs", "must be between 3 and 3600");
        }
        if tracing_subscriber::EnvFilter::try_new(&self.log.filter).is_err() {
            return fail("log.filter", "is not a valid tracing filter");
        }
        Ok(())
    }

    /// The rules new passwords must meet.
    pub fn password_policy(&self) -> crate::auth::password::Policy {
        crate::auth::password::Policy::new(self.auth.password_min_length, &self.compact.name)
    }

    /// Whether the service is reached over HTTPS (so cookies are marked Secure).
    pub fn is_https(&self) -> bool {
        self.server.public_url.starts_with("https://")
    }
}

/// Networks (`10.0.0.0/8`) or single addresses (`10.0.0.5`, taken as the network of that
/// address alone), as people write a proxy's address.
fn addresses_or_networks<'de, D>(deserializer: D) -> Result<Vec<ipnet::IpNet>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    Vec::<String>::deserialize(deserializer)?
        .iter()
        .map(|text| {
            text.parse::<ipnet::IpNet>()
                .or_else(|_| text.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| {
                    serde::de::Error::custom(format!(
                        "{text:?} is neither an address (10.0.0.5) nor a network (10.0.0.0/8)"
                    ))
                })
        })
        .collect()
}

/// The host of an `http(s)://host:port/path` address.
pub(crate) fn url_host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    if let Some(bracketed) = authority.strip_prefix('[') {
        return bracketed.split(']').next().unwrap_or_default();
    }
    authority.split(':').next().unwrap_or_default()
}

/// The domain of `Name <user@domain>` or `user@domain`.
fn email_domain(from: &str) -> &str {
    let address = from
        .rsplit_once('<')
        .map_or(from, |(_, rest)| rest.trim_end().trim_end_matches('>'));
    address
        .rsplit_once('@')
        .map_or("", |(_, domain)| domain.trim())
}

/// Whether `host` names this machine only: `localhost`, a loopback address, or a name that
/// cannot be reached from elsewhere (no dot, or under `.localhost`).
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    host.is_empty() || !host.contains('.') || host.ends_with(".localhost")
}

/// The file of a `sqlite://path?options` (or `sqlite:path`) URL, as written; none for an
/// in-memory database.
pub fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// The folder relative paths set by `key` are resolved against: the folder of the file that
/// set it, or [`defaults_home`] for the embedded defaults; none for the environment.
fn base_of(figment: &Figment, key: &str) -> Option<PathBuf> {
    let metadata = figment.find_metadata(key)?;
    match &metadata.source {
        Some(Source::File(path)) => path.parent().map(Path::to_path_buf),
        _ if metadata.name == Toml::string("").metadata().name => Some(defaults_home()),
        _ => None,
    }
}

/// Where the embedded defaults' relative paths (`data/...`) live: the checkout the binary
/// was built from, which holds `config/default.toml`, while it exists; otherwise the current
/// folder.
pub fn defaults_home() -> PathBuf {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    match std::fs::canonicalize(&checkout) {
        Ok(home) if home.join("config/default.toml").is_file() => home,
        _ => PathBuf::from("."),
    }
}

/// Figment's messages name the key; this keeps them on one line and drops the provider
/// noise.
fn describe_figment_error(error: &figment::Error) -> String {
    let mut messages: Vec<String> = error
        .clone()
        .into_iter()
        .map(|e| {
            let key = e.path.join(".");
            let kind = e.kind.to_string();
            if key.is_empty() {
                kind
            } else {
                format!("{key}: {kind}")
            }
        })
        .collect();
    messages.dedup();
    messages.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use disputes_i18n::Locale;
    use disputes_workflow::Role;

    #[test]
    fn the_embedded_defaults_load_and_validate() {
        let settings: Settings = Figment::from(Toml::string(DEFAULTS)).extract().unwrap();
        settings.validate().unwrap();
        assert_eq!(settings.server.bind.port(), 8080);
        assert_eq!(
            settings.email.transport,
            disputes_notify::TransportKind::File
        );
        assert_eq!(settings.compact, CompactSettings::default());
        // The defaults SECURITY.md states.
        let auth = &settings.auth;
        assert_eq!(
            (
                auth.failure_window_minutes,
                auth.account_failures,
                auth.address_failures,
                auth.device_failures,
                auth.device_days,
                auth.password_min_length,
            ),
            (15, 5, 20, 10, 180, 15)
        );
        assert_eq!(
            auth.require_second_factor,
            [Role::Facilitator, Role::Chair, Role::Subgroup]
        );
        assert_eq!(
            (
                settings.server.session_hours,
                settings.server.session_idle_minutes
            ),
            (8, 60)
        );
        assert_eq!(settings.reports.min_cell, 5);
        assert_eq!(
            (
                settings.retention.closed_case_years,
                settings.retention.erase_written_text
            ),
            (6, true)
        );
        assert_eq!(settings.limits.cases_raised_per_day, 10);
        assert!(settings.server.trusted_proxies.is_empty());
        // The defaults README.md and RELIABILITY.md state.
        let server = &settings.server;
        assert_eq!(
            (
                server.header_read_timeout_secs,
                server.body_read_timeout_secs,
                server.max_connections,
                server.shutdown_grace_secs,
            ),
            (10, 30, 1024, 20)
        );
        let email = &settings.email;
        assert_eq!(
            (
                email.claim_stale_secs,
                email.lease_secs,
                email.digest_minutes
            ),
            (15, 300, 15)
        );
    }

    #[test]
    fn groupings_read_in_welsh_where_given_and_are_marked_where_not() {
        let settings: Settings = Figment::from(Toml::string(DEFAULTS))
            .merge(Toml::string(
                "[compact]\ngroupings = [\"Trade Unions\", \"Faith Groups\", \"Rural Parishes\"]\n\
                 [language]\nwelsh_groupings = { \"Faith Groups\" = \"Grwpiau Ffydd\" }",
            ))
            .extract()
            .unwrap();
        let catalogue = settings.catalogue().unwrap();
        let cy = Locale::new(catalogue.clone(), Lang::Cy);
        let en = Locale::new(catalogue, Lang::En);
        let read = |locale: &Locale, name: &str| crate::labels::grouping(locale, name);
        assert_eq!(read(&cy, "Trade Unions"), "Undebau Llafur");
        assert_eq!(read(&cy, "Faith Groups"), "Grwpiau Ffydd");
        assert_eq!(read(&cy, "Rural Parishes"), "Rural Parishes [yn Saesneg]");
        for name in ["Trade Unions", "Faith Groups", "Rural Parishes"] {
            assert_eq!(read(&en, name), name);
        }
        // Every built-in grouping has words in both languages, its English its name.
        for name in disputes_workflow::settings::DEFAULT_GROUPINGS {
            let key = crate::labels::grouping_key(name);
            assert_eq!(Locale::built_in(Lang::En).t(&key), name);
            assert!(Locale::built_in(Lang::Cy).has(&key), "{key}");
        }
    }

    #[test]
    fn a_proxy_is_named_by_its_address_or_its_network() {
        let settings: Settings = Figment::from(Toml::string(DEFAULTS))
            .merge(Toml::string(
                "[server]\ntrusted_proxies = [\"10.0.0.5\", \"192.168.0.0/16\", \"::1\"]",
            ))
            .extract()
            .unwrap();
        let proxies: Vec<String> = settings
            .server
            .trusted_proxies
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(proxies, ["10.0.0.5/32", "192.168.0.0/16", "::1/128"]);
        let bad = Figment::from(Toml::string(DEFAULTS))
            .merge(Toml::string("[server]\ntrusted_proxies = [\"the proxy\"]"))
            .extract::<Settings>()
            .unwrap_err();
        assert!(describe_figment_error(&bad).contains("trusted_proxies"));
    }

    #[test]
    fn a_bad_value_is_reported_with_its_key() {
        let bad = Figment::from(Toml::string(DEFAULTS))
            .merge(Toml::string("[email.smtp]\nport = \"twenty-five\""))
            .extract::<Settings>()
            .unwrap_err();
        let message = describe_figment_error(&bad);
        assert!(message.starts_with("email.smtp.port: "), "{message}");

        let unknown = Figment::from(Toml::string(DEFAULTS))
            .merge(Toml::string("[server]\nbnid = \"x\""))
            .extract::<Settings>()
            .unwrap_err();
        assert!(describe_figment_error(&unknown).contains("bnid"));

        let mut settings: Settings = Figment::from(Toml::string(DEFAULTS)).extract().unwrap();
        settings.server.public_url = "example.org".into();
        assert!(
            settings
                .validate()
                .unwrap_err()
                .to_string()
                .contains("server.public_url")
        );
        settings.server.public_url = "https://example.org".into();
        settings.compact.deadlines.acknowledge = 0;
        assert!(
            settings
                .validate()
                .unwrap_err()
                .to_string()
                .contains("compact.deadlines.acknowledge")
        );
    }

    #[test]
    fn a_real_public_address_needs_a_real_sender() {
        let mut settings: Settings = Figment::from(Toml::string(DEFAULTS)).extract().unwrap();
        for local in [
            "http://127.0.0.1:8080",
            "http://localhost:8080",
            "http://[::1]:8080",
            "http://disputes.localhost",
        ] {
            settings.server.public_url = local.into();
            settings.validate().unwrap();
        }
        settings.server.public_url = "https://disputes.example.org".into();
        let refused = settings.validate().unwrap_err().to_string();
        assert!(
            refused.contains("email.from") && refused.contains("https://disputes.example.org"),
            "{refused}"
        );
        settings.email.from = "Compact disputes <disputes@leics-compact.org.uk>".into();
        settings.validate().unwrap();
        assert_eq!(email_domain("a@b.org"), "b.org");
        assert_eq!(url_host("https://user@[2001:db8::1]:443/x"), "2001:db8::1");
    }

    #[test]
    fn relative_paths_are_found_from_the_file_that_set_them() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("disputes.toml");
        std::fs::write(
            &file,
            "[database]\nurl = \"sqlite://state/d.db?mode=rwc\"\n[email.file]\ndir = \"mail\"\n",
        )
        .unwrap();
        let settings = Settings::load(Some(&file)).unwrap();
        let home = std::fs::canonicalize(folder.path()).unwrap();
        assert_eq!(
            settings.database.url.expose(),
            format!("sqlite://{}/state/d.db?mode=rwc", home.display())
        );
        assert_eq!(settings.email.file.dir, home.join("mail"));
        // The embedded defaults' data/ is the checkout's, wherever the service starts.
        let defaults = Settings::load(None).unwrap();
        assert_eq!(
            sqlite_file(defaults.database.url.expose()).map(PathBuf::from),
            Some(defaults_home().join("data/disputes.db"))
        );
        assert!(defaults_home().join("config/default.toml").is_file());
    }

    #[test]
    fn traces_go_to_the_collector_s_traces_path_over_plain_http() {
        let mut settings: Settings = Figment::from(Toml::string(DEFAULTS)).extract().unwrap();
        assert_eq!(settings.telemetry.traces_url(), None, "off by default");
        for (endpoint, url) in [
            ("http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/traces"),
            ("http://collector:4318/", "http://collector:4318/v1/traces"),
            (
                "http://collector:4318/v1/traces",
                "http://collector:4318/v1/traces",
            ),
        ] {
            settings.telemetry.otlp_endpoint = Some(endpoint.to_owned());
            settings.validate().unwrap();
            assert_eq!(settings.telemetry.traces_url().as_deref(), Some(url));
        }
        for refused in ["https://otlp.example.com", "collector:4318"] {
            settings.telemetry.otlp_endpoint = Some(refused.to_owned());
            let error = settings.validate().unwrap_err().to_string();
            assert!(error.contains("telemetry.otlp_endpoint"), "{error}");
        }
    }

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("postgres://u:hunter2@db/x");
        assert_eq!(format!("{secret:?}"), "[redacted]");
    }
}
