//! `disputes doctor`: before go-live, each thing the service needs, checked as `serve` would
//! find it, one line each, so that whoever installs it learns what is wrong before the first
//! person raises a case rather than after.
//!
//! No email is sent, and nothing is written that `serve` would not write first: the database
//! is read (a SQLite file that does not exist yet is not created; in an empty PostgreSQL
//! database the migrator makes its own table to read), the mail server is spoken to as far
//! as `RSET`, a trace collector is sent an export holding no span, and a probe file is
//! written to each data folder and removed.

use std::path::{Path, PathBuf};

use disputes_store::{Backend, Store, StoreOptions};
use lettre::message::Mailbox;

use disputes_notify::TransportKind;

use crate::cli::Failure;
use crate::config::Settings;

/// One check's outcome: what was found, or what is wrong and how to put it right.
#[derive(Debug)]
pub struct Check {
    /// What was checked, as the line names it.
    pub name: &'static str,
    /// What was found.
    pub outcome: Result<String, String>,
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.outcome {
            Ok(found) => write!(f, "ok    {}: {found}", self.name),
            Err(wrong) => write!(f, "FAIL  {}: {wrong}", self.name),
        }
    }
}

/// Every check, in the order a go-live needs them; `source` says where the configuration
/// was read from.
pub async fn checks(settings: &Settings, source: &str) -> Vec<Check> {
    vec![
        Check {
            name: "configuration",
            outcome: Ok(format!("read from {source}")),
        },
        Check {
            name: "database",
            outcome: database(settings).await,
        },
        Check {
            name: "mail server",
            outcome: mail_server(settings).await,
        },
        Check {
            name: "sender address",
            outcome: sender(&settings.email.from),
        },
        Check {
            name: "public URL",
            outcome: public_url(&settings.server.public_url),
        },
        Check {
            name: "templates",
            outcome: settings
                .catalogue()
                .map_err(|e| e.to_string())
                .and_then(|catalogue| {
                    disputes_notify::Renderer::new(
                        settings.email.templates_dir.as_deref(),
                        catalogue,
                    )
                    .map_err(|e| e.to_string())
                })
                .map(|_| match &settings.email.templates_dir {
                    Some(dir) => format!("every email renders, with {}", dir.display()),
                    None => "every email renders, with the built-in templates".to_owned(),
                }),
        },
        Check {
            name: "data folders",
            outcome: data_folders(settings),
        },
        Check {
            name: "clock",
            outcome: clock(settings),
        },
        Check {
            name: "traces",
            outcome: traces(settings).await,
        },
        Check {
            name: "replies by email",
            outcome: replies(settings).await,
        },
    ]
}

/// Whether replies by email are received, and where: the mailbox, when one is polled,
/// signed in to and opened as the service would.
async fn replies(settings: &Settings) -> Result<String, String> {
    let inbound = &settings.email.inbound;
    let Some(domain) = inbound.reply_domain() else {
        return Ok("off: email.inbound.listen and email.inbound.imap are not set".to_owned());
    };
    let mut found = Vec::new();
    if let Some(listen) = &inbound.listen {
        found.push(format!("the listener takes mail for @{domain} at {listen}"));
    }
    if let Some(imap) = &inbound.imap {
        let held = crate::inbound::imap::check(imap).await?;
        let emails = if held == 1 { "email" } else { "emails" };
        found.push(format!(
            "the mailbox {} at {} opens, holding {held} {emails}",
            imap.mailbox, imap.host
        ));
    }
    Ok(found.join("; "))
}

/// The trace collector, when one is named, asked to take an empty export: the same request
/// the service makes, carrying no span.
async fn traces(settings: &Settings) -> Result<String, String> {
    let Some(url) = settings.telemetry.traces_url() else {
        return Ok("off: telemetry.otlp_endpoint is not set".to_owned());
    };
    let rest = url.strip_prefix("http://").unwrap_or(&url);
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let authority = if authority
        .rsplit_once(':')
        .is_some_and(|(_, port)| port.parse::<u16>().is_ok())
    {
        authority.to_owned()
    } else {
        format!("{authority}:80")
    };
    let address = tokio::net::lookup_host(&authority)
        .await
        .ok()
        .and_then(|mut found| found.next())
        .ok_or_else(|| format!("{url}: the name {authority} does not resolve"))?;
    match crate::ready::one_request(address, "POST", path, Some(("application/x-protobuf", &[])))
        .await
    {
        Ok((200, _)) => Ok(format!("the collector at {url} took an empty export")),
        Ok((status, body)) => Err(format!("the collector at {url} answered {status} {body}")),
        Err(error) => Err(format!("{url}: {error}")),
    }
}

/// Reachable, and migrated (or to be migrated by `serve` as it starts).
async fn database(settings: &Settings) -> Result<String, String> {
    let url = settings.database.url.expose();
    if let Some(file) = crate::config::sqlite_file(url)
        && !Path::new(file).exists()
    {
        return if settings.database.migrate_on_start {
            Ok(format!(
                "no SQLite file at {file} yet: serve creates it and applies the migrations"
            ))
        } else {
            Err(format!(
                "no SQLite file at {file}, and database.migrate_on_start is off: run `disputes migrate`"
            ))
        };
    }
    let store = Store::connect(url, &StoreOptions::default())
        .await
        .map_err(|e| format!("cannot reach it: {}", Failure::from(e)))?;
    let found = describe(&store, settings.database.migrate_on_start).await;
    let _ = store.close().await;
    found
}

/// Which database `store` is, and whether its migrations are applied (opening it reached it).
async fn describe(store: &Store, migrate_on_start: bool) -> Result<String, String> {
    let which = match store.backend() {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    match store.pending_migrations().await {
        Ok(0) => Ok(format!("{which}, reachable and migrated")),
        Ok(pending) if migrate_on_start => Ok(format!(
            "{which}, reachable; {pending} migrations pending, which serve applies as it starts"
        )),
        Ok(pending) => Err(format!(
            "{which}: {pending} migrations pending, and database.migrate_on_start is off: run `disputes migrate`"
        )),
        Err(e) => Err(format!(
            "{which}: cannot read its migrations: {}",
            Failure::from(e)
        )),
    }
}

async fn mail_server(settings: &Settings) -> Result<String, String> {
    let mailer =
        disputes_notify::transport::Mailer::new(&settings.email).map_err(|e| e.to_string())?;
    mailer
        .check()
        .await
        .map_err(|e| match settings.email.transport {
            TransportKind::Smtp => format!(
                "{}:{}: {e}",
                settings.email.smtp.host, settings.email.smtp.port
            ),
            TransportKind::File => e.to_string(),
        })
}

/// Domains set aside for examples and tests (RFC 2606, RFC 6761): an address at one of them
/// is a placeholder nobody can reach.
fn placeholder_domain(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    let under = |suffix: &str| domain == suffix || domain.ends_with(&format!(".{suffix}"));
    [
        "example.org",
        "example.com",
        "example.net",
        "example",
        "test",
        "invalid",
    ]
    .into_iter()
    .any(under)
}

/// Why people elsewhere could not reach `host`, if they could not.
fn unreachable(host: &str) -> Option<&'static str> {
    if crate::config::is_loopback_host(host) {
        Some("names this machine only")
    } else if placeholder_domain(host) {
        Some("is a placeholder domain")
    } else {
        None
    }
}

fn sender(from: &str) -> Result<String, String> {
    let mailbox: Mailbox = from
        .parse()
        .map_err(|e| format!("email.from {from:?} is not an address: {e}"))?;
    match unreachable(mailbox.email.domain()) {
        Some(why) => Err(format!(
            "email.from {from:?} {why}: mail servers drop such mail, and replies reach nobody"
        )),
        None => Ok(mailbox.to_string()),
    }
}

fn public_url(url: &str) -> Result<String, String> {
    if let Some(why) = unreachable(crate::config::url_host(url)) {
        return Err(format!(
            "server.public_url {url:?} {why}: the links in emails would lead nowhere"
        ));
    }
    if !url.starts_with("https://") {
        return Err(format!(
            "server.public_url {url:?} is not https: sign-in cookies and passwords would \
             cross the network unencrypted; serve it over https (behind a reverse proxy)"
        ));
    }
    Ok(url.to_owned())
}

/// The folders the service writes to, each written to and cleared.
fn data_folders(settings: &Settings) -> Result<String, String> {
    let mut folders: Vec<PathBuf> = Vec::new();
    if let Some(file) = crate::config::sqlite_file(settings.database.url.expose()) {
        let parent = Path::new(file).parent().unwrap_or(Path::new("."));
        folders.push(if parent.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            parent.to_owned()
        });
    }
    if let Some(dir) = &settings.database.attachments_dir {
        folders.push(dir.clone());
    }
    if settings.email.transport == TransportKind::File {
        folders.push(settings.email.file.dir.clone());
    }
    if folders.is_empty() {
        return Ok("none: the database holds everything".to_owned());
    }
    for folder in &folders {
        writable(folder)?;
    }
    Ok(folders
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
        + " writable")
}

/// Whether the service could write in `folder` (or in the nearest folder above it that
/// exists, where it would create it).
fn writable(folder: &Path) -> Result<(), String> {
    let existing = folder
        .ancestors()
        .find(|f| f.is_dir() || f.as_os_str().is_empty())
        .filter(|f| !f.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let probe = existing.join(format!(".disputes-doctor-{}", std::process::id()));
    std::fs::write(&probe, b"")
        .and_then(|()| std::fs::remove_file(&probe))
        .map_err(|e| format!("cannot write in {}: {e}", existing.display()))
}

fn clock(settings: &Settings) -> Result<String, String> {
    if let Some(fixed) = settings.clock.now {
        return Err(format!(
            "clock.now fixes the service's time at {fixed}: every deadline would be counted \
             from it; remove it for go-live"
        ));
    }
    let zone = settings.compact.time_zone;
    let now = chrono::Utc::now().with_timezone(&zone);
    Ok(format!(
        "the system's time, {} in {zone}, the Compact's time zone",
        now.format("%A %-d %B %Y %H:%M %Z")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_at_reserved_domains_or_this_machine_cannot_be_reached() {
        for domain in [
            "example.org",
            "compact.example.org",
            "mail.test",
            "localhost",
            "intranet",
        ] {
            assert!(unreachable(domain).is_some(), "{domain}");
        }
        for domain in ["leicestershire.gov.uk", "examples.org", "testing.org.uk"] {
            assert!(unreachable(domain).is_none(), "{domain}");
        }
    }

    #[test]
    fn the_public_url_must_be_https_and_reachable() {
        assert!(public_url("https://disputes.leicestershire.gov.uk").is_ok());
        assert!(public_url("http://disputes.leicestershire.gov.uk").is_err());
        assert!(public_url("https://disputes.example.org").is_err());
        assert!(public_url("https://127.0.0.1:8080").is_err());
    }

    /// The production example loads, describes what it says it does, and keeps its
    /// placeholders until someone fills them in.
    #[test]
    fn the_production_example_loads_and_its_placeholders_are_refused() {
        let example =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/production.example.toml");
        let settings = Settings::load(Some(&example)).unwrap();
        assert!(settings.database.url.expose().starts_with("postgres://"));
        assert!(!settings.database.migrate_on_start);
        assert_eq!(settings.email.transport, TransportKind::Smtp);
        assert_eq!(settings.email.smtp.tls, disputes_notify::SmtpTls::Starttls);
        assert_eq!(settings.log.format, crate::config::LogFormat::Json);
        assert!(!settings.server.trusted_proxies.is_empty());
        assert!(sender(&settings.email.from).is_err());
        assert!(public_url(&settings.server.public_url).is_err());
    }

    #[test]
    fn the_sender_must_be_an_address_people_can_reply_to() {
        assert!(sender("Compact <disputes@leicestershire.gov.uk>").is_ok());
        assert!(sender("Compact <disputes@localhost>").is_err());
        assert!(sender("not an address").is_err());
    }
}
