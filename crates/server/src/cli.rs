//! The `disputes` command line: `serve`, `migrate`, `admin create`, `demo`, `audit verify`,
//! each reading the configuration given by `--config`.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand};
use disputes_store::{NewOrganisation, NewPerson, PageRequest, Store, StoreOptions};
use disputes_workflow::{Role, Roles, Sector};

use crate::auth::password;
use crate::clock::{self, Clock};
use crate::config::Settings;
use crate::state::AppState;
use crate::{app, demo, telemetry};

/// Case management for disagreements under a local Compact.
#[derive(Debug, Parser)]
#[command(name = "disputes", version, about)]
pub struct Cli {
    /// A configuration file read over the embedded defaults.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Runs the service (applying pending migrations first, unless configured not to).
    Serve {
        /// Loads the demonstration Compact first, if the database is empty, and prints how
        /// to sign in.
        #[arg(long)]
        demo: bool,
    },
    /// Applies pending database migrations and exits.
    Migrate,
    /// Administration.
    Admin {
        /// What to administer.
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Loads a demonstration Compact into an empty database, and prints how to sign in;
    /// `demo accounts` prints the accounts again.
    Demo {
        /// A file holding the password every demonstration account gets; a random one is
        /// made and printed when not given.
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// What else to do with the demonstration.
        #[command(subcommand)]
        command: Option<DemoCommand>,
    },
    /// The audit trail.
    Audit {
        /// What to do with it.
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Copies a SQLite database, while the service runs, to FILE (which must not exist):
    /// the database as it stood at one instant. Restore by pointing `database.url` at the
    /// copy. Back up PostgreSQL with `pg_dump`.
    Backup {
        /// Where to write the copy.
        file: PathBuf,
    },
    /// Email.
    Email {
        /// What to do.
        #[command(subcommand)]
        command: EmailCommand,
    },
    /// Checks, before go-live, each thing the service needs as `serve` would find it (the
    /// database, the mail server, the sender and public addresses, the templates, the data
    /// folders, the clock, the trace collector if one is named), one line each; exits
    /// non-zero if any is wrong. Sends no email or span, and writes nothing `serve` would not
    /// write first.
    Doctor,
    /// Asks the service running on this machine (at `server.bind`) whether it is ready to
    /// serve; exits 0 if it is, 1 saying why not. For a container's HEALTHCHECK.
    Ready,
}

/// Demonstration subcommands.
#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Prints the demonstration accounts in the database, and how to sign in with them.
    Accounts {
        /// Gives every demonstration account a new password (from --password-file, or made
        /// at random) and prints it: the password printed on loading is not kept.
        #[arg(long)]
        new_password: bool,
        /// A file holding the new password.
        #[arg(long, value_name = "FILE", requires = "new_password")]
        password_file: Option<PathBuf>,
    },
}

/// Email subcommands.
#[derive(Debug, Subcommand)]
pub enum EmailCommand {
    /// Prints the email sent for an event (e.g. `acknowledge`, `send_reminder`), rendered
    /// with sample data from the configured templates.
    Preview {
        /// The event's name: an action such as `escalate`, `raised`, or an answer to a reply
        /// by email, `reply_recorded` or `reply_refused`.
        event: String,
        /// The language to write it in: `en` or `cy`.
        #[arg(long, default_value = "en")]
        lang: disputes_i18n::Lang,
    },
}

/// Administration subcommands.
#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Creates a facilitator account (the first one, usually).
    Create {
        /// Their email address.
        #[arg(long)]
        email: String,
        /// Their name.
        #[arg(long)]
        name: String,
        /// A file holding their password; read from standard input when not given.
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// Their organisation, created (as a voluntary-sector partnership body) if it does
        /// not exist.
        #[arg(long, default_value = "Compact office")]
        organisation: String,
    },
}

/// Audit subcommands.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Checks every case's event chain and replay; fails naming the first that does not
    /// verify.
    Verify,
    /// Checks a case bundle (a ZIP from a case's page or its API) offline, with no database:
    /// that no byte of it changed, that it holds what its manifest lists, and that its audit
    /// trail is the case's whole chain, linked, hashed and replaying by the rules.
    VerifyBundle {
        /// The bundle.
        file: PathBuf,
    },
}

/// A command that could not be carried out, said plainly, with the exit code that tells a
/// script why: 2 for a setting to change (the configuration, an address in use), 1 for
/// anything else.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    message: String,
    exit_code: u8,
}

impl Failure {
    /// A failure to carry out the command (exit code 1).
    pub fn new(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            exit_code: 1,
        }
    }

    /// A failure that a setting must change to cure (exit code 2).
    pub fn setting(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            exit_code: 2,
        }
    }

    /// The process's exit code for it.
    pub fn exit_code(&self) -> u8 {
        self.exit_code
    }
}

impl From<disputes_store::StoreError> for Failure {
    fn from(error: disputes_store::StoreError) -> Self {
        let mut message = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            message.push_str(&format!(": {cause}"));
            source = cause.source();
        }
        Failure::new(message)
    }
}

impl From<crate::config::ConfigError> for Failure {
    fn from(error: crate::config::ConfigError) -> Self {
        Failure::setting(error.to_string())
    }
}

/// Runs the command line; returns the process's exit code.
pub async fn run(cli: Cli) -> Result<(), Failure> {
    let settings = Settings::load(cli.config.as_deref())?;
    // A health check, run every few seconds, sends no traces of its own.
    let traces = match cli.command {
        Command::Ready => None,
        _ => Some(&settings.telemetry),
    };
    let _tracing = telemetry::init(&settings.log, traces).map_err(Failure::setting)?;
    match cli.command {
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate => {
            let store = open_store(&settings).await?;
            match store.pending_migrations().await? {
                0 => println_out("no migrations pending: the database is up to date"),
                pending => {
                    store.migrate().await?;
                    println_out(&format!("{pending} migrations applied"));
                }
            }
            Ok(())
        }
        Command::Admin {
            command:
                AdminCommand::Create {
                    email,
                    name,
                    password_file,
                    organisation,
                },
        } => {
            let password = read_password(password_file.as_deref())?;
            checked(&settings, &password, &email, &name)?;
            admin_create(&settings, email, name, password, organisation).await
        }
        Command::Demo {
            password_file,
            command: None,
        } => {
            let password = chosen_password(&settings, password_file.as_deref())?;
            let store = open_store(&settings).await?;
            store.migrate().await?;
            let clock = clock::configured(settings.clock.now);
            let summary = demo::load(&store, &settings.compact, clock.now(), password).await?;
            println_out(&summary);
            Ok(())
        }
        Command::Demo {
            command:
                Some(DemoCommand::Accounts {
                    new_password,
                    password_file,
                }),
            ..
        } => {
            let password = if new_password {
                Some(chosen_password(&settings, password_file.as_deref())?)
            } else {
                None
            };
            let store = open_store(&settings).await?;
            println_out(&demo::accounts(&store, password).await?);
            Ok(())
        }
        Command::Email {
            command: EmailCommand::Preview { event, lang },
        } => preview(&settings, &event, lang),
        Command::Backup { file } => backup(&settings, &file).await,
        Command::Ready => {
            crate::ready::ask(settings.server.bind)
                .await
                .map_err(Failure::new)?;
            println_out("ready");
            Ok(())
        }
        Command::Doctor => {
            let source = cli.config.as_deref().map_or_else(
                || "the embedded defaults and DISPUTES__ variables".to_owned(),
                |file| format!("{} and DISPUTES__ variables", file.display()),
            );
            let checks = crate::doctor::checks(&settings, &source).await;
            for check in &checks {
                println_out(&check.to_string());
            }
            match checks.iter().filter(|c| c.outcome.is_err()).count() {
                0 => Ok(()),
                failed => Err(Failure::new(format!(
                    "{failed} of {} checks failed",
                    checks.len()
                ))),
            }
        }
        Command::Audit {
            command: AuditCommand::VerifyBundle { file },
        } => {
            let bytes = std::fs::read(&file)
                .map_err(|e| Failure::new(format!("{} cannot be read: {e}", file.display())))?;
            match crate::use_cases::bundle::verify(&bytes) {
                Ok(checked) => {
                    println_out(&format!(
                        "{}: complete and untampered: {} events, the chain ending {}, and {} other entries, each matching the manifest",
                        checked.reference, checked.events, checked.last_event_hash, checked.entries
                    ));
                    Ok(())
                }
                Err(problems) => {
                    for problem in &problems {
                        println_out(&format!("problem: {problem}"));
                    }
                    Err(Failure::new(format!(
                        "{} does not verify: {} problem(s), the first: {}",
                        file.display(),
                        problems.len(),
                        problems.first().map_or("", String::as_str)
                    )))
                }
            }
        }
        Command::Audit {
            command: AuditCommand::Verify,
        } => {
            let store = open_store(&settings).await?;
            let report = store.verify().await?;
            if let Some(first) = report.problems.first() {
                for problem in &report.problems {
                    tracing::error!(%problem, "audit problem");
                }
                return Err(Failure::new(format!(
                    "{} of {} cases do not verify; the first: {first}",
                    report.problems.len(),
                    report.cases
                )));
            }
            println_out(&format!(
                "verified {} cases and {} events: every chain links and every replay matches",
                report.cases, report.events
            ));
            Ok(())
        }
    }
}

async fn backup(settings: &Settings, file: &Path) -> Result<(), Failure> {
    let url = settings.database.url.expose();
    // Opening a SQLite file that is not there would create an empty one, and copy that.
    if let Some(path) = crate::config::sqlite_file(url).map(Path::new)
        && !path.exists()
    {
        return Err(Failure::new(format!(
            "there is no database at {}; check database.url",
            path.display()
        )));
    }
    let store = open_store(settings).await?;
    store.backup_to(file).await?;
    store.close().await?;
    let size = std::fs::metadata(file).map_or(0, |m| m.len());
    println_out(&format!(
        "copied the database to {} ({:.1} MiB)",
        file.display(),
        size as f64 / (1024.0 * 1024.0)
    ));
    if let Some(dir) = &settings.database.attachments_dir {
        println_out(&format!(
            "attachments are kept in {}: copy that folder too",
            dir.display()
        ));
    }
    Ok(())
}

fn preview(settings: &Settings, event: &str, lang: disputes_i18n::Lang) -> Result<(), Failure> {
    println_out(&previewed(settings, event, lang)?);
    Ok(())
}

/// The email `event` sends, rendered with sample content from the configured templates:
/// an action's, `raised`, or the answers to a reply by email (`reply_recorded`,
/// `reply_refused`).
fn previewed(
    settings: &Settings,
    event: &str,
    lang: disputes_i18n::Lang,
) -> Result<String, Failure> {
    use disputes_notify::preview::sample_for;
    use disputes_notify::{Renderer, Template};
    use disputes_workflow::ActionKind;
    let catalogue = settings
        .catalogue()
        .map_err(|e| Failure::setting(e.to_string()))?;
    let renderer = Renderer::new(settings.email.templates_dir.as_deref(), catalogue)
        .map_err(|e| Failure::new(e.to_string()))?;
    let locale = renderer.locale(lang);
    let answer = match event {
        "reply_recorded" => Some(true),
        "reply_refused" => Some(false),
        _ => None,
    };
    let email = if let Some(recorded) = answer {
        let mut sample = disputes_notify::reply::samples()
            .into_iter()
            .find(|s| s.recorded == recorded)
            .ok_or_else(|| Failure::new("no sample answer"))?;
        sample.compact = locale.t("compact-name");
        renderer.reply(&sample, lang)
    } else {
        let kind = if event == "raised" {
            None
        } else {
            let kind: ActionKind = event.parse().map_err(|_| {
                let names: Vec<&str> = ActionKind::ALL.iter().map(|k| k.as_str()).collect();
                Failure::new(format!(
                    "there is no event {event:?}; try raised, reply_recorded, reply_refused \
                     or one of: {}",
                    names.join(", ")
                ))
            })?;
            Some(kind)
        };
        let (template, mut content) = match kind {
            Some(kind) => (
                Template::for_event(kind.as_str()),
                sample_for(&locale, kind),
            ),
            None => (
                Template::Transition,
                sample_for(&locale, ActionKind::Acknowledge),
            ),
        };
        if kind.is_none() {
            let who = disputes_notify::content::person_of(
                &locale,
                "Jo Patel",
                "Age Concern Leicestershire",
            );
            content.headline = locale.text("done-raised", &[("who", who.into())]);
            content.summary_line = locale.t("short-raised");
            content.state = disputes_notify::content::describe_state(
                &locale,
                &disputes_workflow::CaseState::open(disputes_workflow::OpenState::Raised),
            );
        }
        content.compact = locale.t("compact-name");
        renderer.render(template, &content, lang)
    }
    .map_err(|e| Failure::new(e.to_string()))?;
    Ok(format!(
        "Subject: {}\n\n--- text ---\n{}\n--- html ---\n{}",
        email.subject, email.text, email.html
    ))
}

#[allow(clippy::print_stdout)]
fn println_out(line: &str) {
    println!("{line}");
}

/// Opens the configured database, creating a SQLite file's folder if it is missing.
pub async fn open_store(settings: &Settings) -> Result<Store, Failure> {
    let url = settings.database.url.expose();
    if let Some(path) = crate::config::sqlite_file(url).map(Path::new)
        && let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty())
    {
        std::fs::create_dir_all(folder).map_err(|e| {
            Failure::new(format!(
                "cannot create the database folder {}: {e}",
                folder.display()
            ))
        })?;
    }
    let options = StoreOptions {
        max_connections: settings.database.max_connections,
        sqlite_full_sync: settings.database.sqlite_full_sync,
        attachments_dir: settings.database.attachments_dir.clone(),
        news_digest: Duration::from_secs(u64::from(settings.email.digest_minutes) * 60),
        ..StoreOptions::default()
    };
    Store::connect(url, &options)
        .await
        .map_err(|e| Failure::new(format!("cannot open the database: {}", Failure::from(e))))
}

fn read_password(file: Option<&Path>) -> Result<String, Failure> {
    let password = match file {
        Some(file) => std::fs::read_to_string(file)
            .map_err(|e| Failure::new(format!("cannot read {}: {e}", file.display())))?,
        None => {
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| Failure::new(format!("cannot read the password: {e}")))?;
            line
        }
    };
    Ok(password.trim_end_matches(['\n', '\r']).to_owned())
}

/// The password in `file`, checked against the policy; none when no file is given (one is
/// then made at random).
fn chosen_password(settings: &Settings, file: Option<&Path>) -> Result<Option<String>, Failure> {
    let Some(file) = file else {
        return Ok(None);
    };
    let password = read_password(Some(file))?;
    checked(settings, &password, "", "")?;
    Ok(Some(password))
}

/// Refuses a password the service's policy would refuse through the API.
fn checked(settings: &Settings, password: &str, email: &str, name: &str) -> Result<(), Failure> {
    settings
        .password_policy()
        .check("password", password, email, name)
        .map_err(|e| Failure::new(format!("the password {}", e.message)))
}

async fn admin_create(
    settings: &Settings,
    email: String,
    name: String,
    password: String,
    organisation: String,
) -> Result<(), Failure> {
    let store = open_store(settings).await?;
    store.migrate().await?;
    let now = clock::configured(settings.clock.now).now();
    let mut found = None;
    let mut page = 1;
    loop {
        let list = store.organisations(PageRequest::new(page, 100)).await?;
        found = found.or_else(|| {
            list.items
                .iter()
                .find(|o| o.name == organisation)
                .map(|o| o.id)
        });
        if found.is_some() || list.items.len() < 100 {
            break;
        }
        page += 1;
    }
    let organisation_id = match found {
        Some(id) => id,
        None => {
            store
                .create_organisation(
                    NewOrganisation {
                        name: organisation,
                        sector: Sector::Vcs,
                        grouping: settings
                            .compact
                            .groupings
                            .iter()
                            .find(|g| g.as_str() == "Partnership")
                            .or(settings.compact.groupings.first())
                            .cloned()
                            .unwrap_or_default(),
                        signatory_since: None,
                    },
                    now,
                )
                .await?
                .id
        }
    };
    let password_hash = password::hash(password)
        .await
        .map_err(|_| Failure::new("could not hash the password"))?;
    let created = store
        .create_person(
            NewPerson {
                email,
                name,
                organisation_id,
                roles: Roles::from([Role::Facilitator]),
                password_hash,
                language: disputes_i18n::Lang::En,
            },
            now,
        )
        .await?;
    println_out(&format!(
        "created facilitator {} <{}> (id {})",
        created.name, created.email, created.person.id
    ));
    Ok(())
}

async fn serve(settings: Settings, with_demo: bool) -> Result<(), Failure> {
    // The address is taken before anything is opened, loaded or printed: a port in use
    // stops the start before a database is made or a demonstration password shown and lost.
    let listener = listen_on(settings.server.bind).await?;
    let mail_listener = crate::inbound::bind(&settings.email.inbound)
        .await
        .map_err(Failure::setting)?;
    let store = open_store(&settings).await?;
    // This process, as its claims on emails name it.
    let instance = uuid::Uuid::new_v4().to_string();
    // Before anything is written: a broken template or sender stops the start.
    let dispatcher = disputes_notify::Dispatcher::new(
        store.clone(),
        &settings.email,
        settings
            .catalogue()
            .map_err(|e| Failure::setting(e.to_string()))?,
        &settings.server.public_url,
        &instance,
    )
    .map_err(|e| Failure::new(e.to_string()))?
    .with_next_steps(settings.service.next_steps.clone());
    let webhooks = disputes_notify::WebhookSender::new(
        store.clone(),
        &settings.webhooks,
        &settings.server.public_url,
        &instance,
        (
            Duration::from_secs(settings.email.lease_secs),
            Duration::from_secs(settings.email.claim_stale_secs),
        ),
    )
    .map_err(|e| Failure::new(format!("the webhook sender cannot start: {e}")))?;
    if settings.database.migrate_on_start || with_demo {
        store.migrate().await?;
    } else {
        // Serving a schema older than the binary would fail request by request instead.
        let pending = store.pending_migrations().await?;
        if pending > 0 {
            return Err(Failure::setting(format!(
                "{pending} database migrations are pending and database.migrate_on_start is off: \
                 run `disputes migrate` first"
            )));
        }
    }
    let clock: Arc<dyn Clock> = clock::configured(settings.clock.now);
    if with_demo {
        if store.organisations(PageRequest::new(1, 1)).await?.total == 0 {
            let summary = demo::load(&store, &settings.compact, clock.now(), None).await?;
            println_out(&summary);
        } else {
            println_out(
                "The database is not empty: serving it as it is, without the demonstration.",
            );
        }
    }
    store
        .register_instance(&instance, &host(), chrono::Utc::now())
        .await?;
    // A SQLite file has one process: every other process it records is dead, and every
    // claim in it a dead process's.
    if store.backend() == disputes_store::Backend::Sqlite {
        store
            .stop_other_instances(&instance, chrono::Utc::now())
            .await?;
        let released = store.release_all_claims().await?;
        if released > 0 {
            tracing::info!(
                released,
                "released the emails an earlier process had claimed"
            );
        }
    }
    let metrics = telemetry::init_metrics();
    let grace = Duration::from_secs(settings.server.shutdown_grace_secs);
    let limits = crate::listen::Limits {
        header_read: Duration::from_secs(settings.server.header_read_timeout_secs),
        max_connections: settings.server.max_connections,
    };
    let beat = settings.email.heartbeat_every();
    let state = AppState::new(store.clone(), settings, clock, metrics, instance.clone());
    let application = app::router(state.clone());
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let heartbeat = tokio::spawn(heartbeat(
        store.clone(),
        instance.clone(),
        beat,
        stopping.clone(),
    ));
    let receiving = mail_listener.map(|listener| {
        tokio::spawn(crate::inbound::serve(
            state.clone(),
            listener,
            stopping.clone(),
        ))
    });
    let polling = state.settings.email.inbound.imap.clone().map(|imap| {
        tokio::spawn(crate::inbound::imap::poll(
            state.clone(),
            imap,
            stopping.clone(),
        ))
    });
    let scheduler = tokio::spawn(crate::scheduler::run(
        state,
        Arc::new(dispatcher),
        Arc::new(webhooks),
        stopping,
    ));
    let address = listener
        .local_addr()
        .map_err(|e| Failure::new(format!("cannot read the listening address: {e}")))?;
    tracing::info!(%address, %instance, "listening");
    println_out(&format!("disputes listening on http://{address}"));
    let signalled = Arc::new(std::sync::OnceLock::new());
    let on_signal = signalled.clone();
    crate::listen::serve(listener, application, limits, async move {
        shutdown_signal(grace).await;
        let _ = on_signal.set(std::time::Instant::now());
        // The sweeps stop with the requests, not after them.
        let _ = stop.send(true);
    })
    .await;
    // The sweep in progress finishes the email it is sending and gives back the rest; one
    // still going a second before the grace period ends is cut short. Either way every
    // claim this process holds is given back before it exits.
    let since = signalled.get().map_or(Duration::ZERO, |at| at.elapsed());
    let left = grace
        .saturating_sub(since)
        .saturating_sub(Duration::from_secs(1));
    let _ = tokio::time::timeout(left, scheduler).await;
    for task in receiving.into_iter().chain(polling) {
        task.abort();
    }
    heartbeat.abort();
    match tokio::time::timeout(
        Duration::from_secs(1),
        store.stop_instance(&instance, chrono::Utc::now()),
    )
    .await
    {
        Ok(Ok(released)) => {
            tracing::info!(released, "gave back the emails this process had claimed");
        }
        Ok(Err(error)) => tracing::warn!(%error, "could not give back this process's claims"),
        Err(_) => {
            tracing::warn!(
                "the database did not answer in time to give back this process's claims"
            );
        }
    }
    tracing::info!("stopped");
    Ok(())
}

/// Takes the address `server.bind` names; one in use, or not this machine's to take, is a
/// setting to change.
async fn listen_on(bind: std::net::SocketAddr) -> Result<tokio::net::TcpListener, Failure> {
    tokio::net::TcpListener::bind(bind).await.map_err(|error| {
        let why = match error.kind() {
            std::io::ErrorKind::AddrInUse => {
                format!("port {} is already in use by another program", bind.port())
            }
            std::io::ErrorKind::PermissionDenied => {
                format!("this user may not listen on port {}", bind.port())
            }
            std::io::ErrorKind::AddrNotAvailable => {
                format!("{} is not an address of this machine", bind.ip())
            }
            _ => error.to_string(),
        };
        Failure::setting(format!(
            "cannot listen on {bind}: {why}. Stop the other program, or choose another \
             address with the setting server.bind (for example \
             DISPUTES__SERVER__BIND=127.0.0.1:8081)."
        ))
    })
}

/// Beats this process's heartbeat every `beat` until `stopping` changes.
async fn heartbeat(
    store: Store,
    instance: String,
    beat: Duration,
    mut stopping: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            () = tokio::time::sleep(beat) => {}
            _ = stopping.changed() => return,
        }
        if let Err(error) = store.heartbeat(&instance, chrono::Utc::now()).await {
            tracing::warn!(%error, "could not beat the heartbeat");
        }
    }
}

/// This machine and process, for the operator reading the `instances` table.
fn host() -> String {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "unknown".to_owned());
    format!("{} (pid {})", name.trim(), std::process::id())
}

/// Resolves on SIGINT or SIGTERM; in-flight requests then get `grace` to finish before the
/// process exits regardless.
async fn shutdown_signal(grace: Duration) {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!(
        grace_secs = grace.as_secs(),
        "shutting down: finishing requests in flight"
    );
    tokio::spawn(async move {
        tokio::time::sleep(grace).await;
        tracing::warn!("requests still in flight after the grace period; exiting");
        std::process::exit(1);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_parses() {
        let cli =
            Cli::try_parse_from(["disputes", "--config", "x.toml", "audit", "verify"]).unwrap();
        assert!(matches!(
            cli.command,
            Command::Audit {
                command: AuditCommand::Verify
            }
        ));
        assert_eq!(cli.config, Some(PathBuf::from("x.toml")));
        let cli = Cli::try_parse_from([
            "disputes", "admin", "create", "--email", "a@b.org", "--name", "A",
        ])
        .unwrap();
        assert!(matches!(cli.command, Command::Admin { .. }));
        let cli = Cli::try_parse_from(["disputes", "email", "preview", "escalate"]).unwrap();
        assert!(matches!(cli.command, Command::Email { .. }));
        let cli = Cli::try_parse_from(["disputes", "demo", "accounts", "--new-password"]).unwrap();
        assert!(matches!(
            cli.command,
            Command::Demo {
                command: Some(DemoCommand::Accounts {
                    new_password: true,
                    ..
                }),
                ..
            }
        ));
        let cli = Cli::try_parse_from(["disputes", "serve", "--demo"]).unwrap();
        assert!(matches!(cli.command, Command::Serve { demo: true }));
        assert!(Cli::try_parse_from(["disputes", "launch"]).is_err());
    }

    #[test]
    fn every_email_previews_the_answers_to_replies_too() {
        let settings = Settings::load(None).unwrap();
        let refused = previewed(&settings, "reply_refused", disputes_i18n::Lang::En).unwrap();
        assert!(refused.contains("was not added to case"), "{refused}");
        let recorded = previewed(&settings, "reply_recorded", disputes_i18n::Lang::En).unwrap();
        assert!(recorded.contains("for the panel only"), "{recorded}");
        assert!(
            previewed(&settings, "escalate", disputes_i18n::Lang::En)
                .unwrap()
                .starts_with("Subject: ")
        );
        let unknown = previewed(&settings, "shout", disputes_i18n::Lang::En)
            .unwrap_err()
            .to_string();
        assert!(unknown.contains("reply_refused"), "{unknown}");
    }
}
