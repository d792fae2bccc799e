//! Starts the real `disputes` binary for a test, on a free port, against a fresh database,
//! and talks to it over HTTP.

#![allow(dead_code)]

pub mod browser;
pub mod cluster;
pub mod hooks;
pub mod imap;
pub mod otlp;
pub mod smtp;
pub mod visitor;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use disputes_testkit::{ScratchDb, TestDatabase};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// Runs each test body once against SQLite and once against PostgreSQL.
macro_rules! on_both_databases {
    ($($tests:tt)*) => {
        disputes_testkit::on_both_databases! { 2, $crate::support::Db; $($tests)* }
    };
}
pub(crate) use on_both_databases;

static NEXT: AtomicU32 = AtomicU32::new(0);

/// The Compact of the tests, and the password its people sign in with.
pub use disputes_testkit::{Cast, PASSWORD, fingerprint};

/// The binary under test.
pub fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_disputes")
}

/// A database for one test, removed afterwards, with the folder the server runs in.
pub struct Db(ScratchDb);

impl std::ops::Deref for Db {
    type Target = ScratchDb;

    fn deref(&self) -> &ScratchDb {
        &self.0
    }
}

impl std::ops::DerefMut for Db {
    fn deref_mut(&mut self) -> &mut ScratchDb {
        &mut self.0
    }
}

impl TestDatabase for Db {
    async fn sqlite() -> Db {
        Db::sqlite()
    }

    async fn postgres() -> Db {
        Db::postgres().await
    }
}

impl Db {
    pub fn sqlite() -> Db {
        Db(ScratchDb::sqlite("disputes.db"))
    }

    pub async fn postgres() -> Db {
        Db(ScratchDb::postgres("disputes_e2e").await)
    }

    /// A database the test manages itself (it is not dropped afterwards).
    pub fn at(url: String) -> Db {
        Db(ScratchDb::at(url))
    }

    /// Runs a `disputes` command against this database; returns (success, stdout, stderr).
    pub fn run(&self, args: &[&str], extra_env: &[(&str, &str)]) -> (bool, String, String) {
        let output = self
            .command(extra_env)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }

    /// The binary, configured for this database, in the test's own folder.
    pub fn command(&self, extra_env: &[(&str, &str)]) -> Command {
        let mut command = Command::new(binary());
        command
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DISPUTES__DATABASE__URL", &self.url)
            .env("DISPUTES__SERVER__BIND", "127.0.0.1:0")
            .env("DISPUTES__EMAIL__FILE__DIR", self.dir.path().join("mail"))
            .env("DISPUTES__LOG__FORMAT", "json")
            .env("DISPUTES__COMPACT__REFERENCE_PREFIX", "LEIC")
            // The tests sign people in with a password alone; those of the second factor
            // set the roles that need one themselves.
            .env("DISPUTES__AUTH__REQUIRE_SECOND_FACTOR", "[]");
        for (key, value) in extra_env {
            command.env(key, value);
        }
        command
    }

    /// The environment that sends this server's email to `smtp`, sweeping every second and
    /// retrying quickly.
    pub fn smtp_env(port: u16) -> Vec<(&'static str, String)> {
        vec![
            ("DISPUTES__EMAIL__TRANSPORT", "smtp".to_owned()),
            ("DISPUTES__EMAIL__SMTP__HOST", "127.0.0.1".to_owned()),
            ("DISPUTES__EMAIL__SMTP__PORT", port.to_string()),
            ("DISPUTES__EMAIL__SMTP__TLS", "none".to_owned()),
            ("DISPUTES__EMAIL__SMTP__TIMEOUT_SECS", "5".to_owned()),
            (
                "DISPUTES__EMAIL__FROM",
                "Compact disputes <disputes@compact.example.org>".to_owned(),
            ),
            ("DISPUTES__EMAIL__RETRY_BASE_SECS", "1".to_owned()),
            ("DISPUTES__EMAIL__RETRY_MAX_SECS", "2".to_owned()),
            ("DISPUTES__SCHEDULER__INTERVAL_SECS", "1".to_owned()),
        ]
    }

    /// Creates the first facilitator through the command line.
    pub fn create_facilitator(&self, email: &str) {
        let file = self.dir.path().join("password.txt");
        std::fs::write(&file, PASSWORD).unwrap();
        let (ok, out, err) = self.run(
            &[
                "admin",
                "create",
                "--email",
                email,
                "--name",
                "Fran Facilitator",
                "--password-file",
                file.to_str().unwrap(),
            ],
            &[],
        );
        assert!(ok, "admin create failed: {out}{err}");
    }
}

/// A running server.
pub struct Server {
    pub base: String,
    child: Child,
    pub log: PathBuf,
    /// Whether the test makes emails fail on purpose (see `Server::expect_failed_emails`).
    failed_emails_expected: bool,
}

impl Server {
    /// Starts `disputes serve` on `db`, with extra environment given as owned values.
    pub fn start_with(db: &Db, env: &[(&str, String)]) -> Server {
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
        Server::start(db, &env)
    }

    /// Starts `disputes serve` on `db`, with extra environment.
    pub fn start(db: &Db, extra_env: &[(&str, &str)]) -> Server {
        // The tests' HTTP clients share the service's TLS provider.
        disputes_notify::webhook::install_tls();
        let log = db.dir.path().join(format!(
            "server-{}.log",
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let mut command = db.command(extra_env);
        command.arg("serve");
        Server::spawn(command, log)
    }

    /// Starts a prepared `disputes serve` command, its standard error going to `log`, and
    /// waits until it says where it listens.
    pub fn spawn(mut command: Command, log: PathBuf) -> Server {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(&log).unwrap()))
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(address) = line.strip_prefix("disputes listening on ") {
                        break address.to_owned();
                    }
                }
                _ => {
                    let _ = child.kill();
                    panic!(
                        "the server did not start: {}",
                        std::fs::read_to_string(&log).unwrap_or_default()
                    );
                }
            }
        };
        Server {
            base,
            child,
            log,
            failed_emails_expected: false,
        }
    }

    /// Says that this test makes emails fail on purpose. Without it, a server that gave up
    /// on an email (left it failed in the outbox) fails the test when it is dropped: an
    /// email that did not go is a defect the test would otherwise hide. An attempt that is
    /// tried again is not a failure: a slow machine may need it.
    pub fn expect_failed_emails(&mut self) {
        self.failed_emails_expected = true;
    }

    /// The log lines of emails given up on.
    pub fn failed_email_lines(&self) -> Vec<String> {
        self.logs()
            .lines()
            .filter(|line| line.contains("\"email given up on\""))
            .map(str::to_owned)
            .collect()
    }

    /// Kills the server at once (SIGKILL), as a power cut or the kernel's OOM killer would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Stops the server gracefully (SIGTERM) and waits for it.
    pub fn stop(&mut self) -> std::process::ExitStatus {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        for _ in 0..100 {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        self.child.wait().unwrap()
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's resident memory, in KiB, as the kernel reports it.
    pub fn resident_kib(&self) -> u64 {
        std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .unwrap()
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }

    pub fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// A client with no session.
    pub fn anonymous(&self) -> Client {
        Client::at(&self.base)
    }

    /// A client signed in as `email`.
    pub async fn sign_in(&self, email: &str) -> Client {
        self.anonymous().signed_in(email).await
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.failed_emails_expected && !std::thread::panicking() {
            let failed = self.failed_email_lines();
            assert!(
                failed.is_empty(),
                "emails failed although the test did not mean any to:\n{}",
                failed.join("\n")
            );
        }
    }
}

/// An HTTP client, signed in or not.
#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
}

impl Client {
    /// A client of the service at `base`, not signed in.
    pub fn at(base: &str) -> Client {
        disputes_notify::webhook::install_tls();
        Client {
            base: base.to_owned(),
            http: reqwest::Client::new(),
            token: None,
        }
    }

    /// Signs in as `email` with the test password.
    pub async fn signed_in(mut self, email: &str) -> Client {
        let (status, body) = self
            .send(
                Method::POST,
                "/api/v1/auth/login",
                Some(json!({"email": email, "password": PASSWORD})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "sign in as {email}: {body}");
        self.token = Some(body["token"].as_str().unwrap().to_owned());
        self
    }

    pub fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        request
    }

    /// Sends a JSON body (or none); returns the status and the JSON answer (Null if none).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.request(method, path);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        let value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert!(
            status != StatusCode::INTERNAL_SERVER_ERROR,
            "500 from {path}: {text}"
        );
        (status, value)
    }

    /// The body of `GET path`, as text (a CSV, the metrics).
    pub async fn text(&self, path: &str) -> String {
        let response = self.request(Method::GET, path).send().await.unwrap();
        response.text().await.unwrap()
    }

    /// The value of an unlabelled counter or gauge at `/metrics`; 0 while it is unrecorded.
    pub async fn metric(&self, name: &str) -> f64 {
        self.text("/metrics")
            .await
            .lines()
            .filter_map(|line| line.split_once(' '))
            .find(|(metric, _)| *metric == name)
            .and_then(|(_, value)| value.trim().parse().ok())
            .unwrap_or(0.0)
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::PATCH, path, Some(body)).await
    }

    /// Sends a file to a case (with the visibility chosen, if any); gives the status and
    /// the answer.
    pub async fn upload(
        &self,
        reference: &str,
        name: &str,
        bytes: &[u8],
        visibility: Option<&str>,
    ) -> (StatusCode, Value) {
        let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_owned());
        let mut form = reqwest::multipart::Form::new().part("file", part);
        if let Some(visibility) = visibility {
            form = form.text("visibility", visibility.to_owned());
        }
        let response = self
            .request(
                Method::POST,
                &format!("/api/v1/cases/{reference}/attachments"),
            )
            .multipart(form)
            .send()
            .await
            .unwrap();
        (
            response.status(),
            response.json().await.unwrap_or(Value::Null),
        )
    }

    /// Takes an action; panics unless it succeeds.
    pub async fn act(&self, reference: &str, action: &str, body: Value) -> Value {
        let (status, case) = self
            .post(&format!("/api/v1/cases/{reference}/actions/{action}"), body)
            .await;
        assert_eq!(status, StatusCode::OK, "{action}: {case}");
        case
    }
}

/// Makes the cast's Compact on `server`, signed in as a facilitator made on `db`.
pub async fn enrol(server: &Server, db: &Db) -> Cast {
    db.create_facilitator(&Cast::email("facilitator"));
    let admin = server.sign_in(&Cast::email("facilitator")).await;
    Cast::enrol(&admin).await
}

impl disputes_testkit::Api for Client {
    async fn get(&self, path: &str) -> (StatusCode, Value) {
        Client::get(self, path).await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        Client::post(self, path, body).await
    }
}

/// The names of the allowed actions in a case view.
pub fn allowed(case: &Value) -> Vec<String> {
    case["allowed_actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_owned())
        .collect()
}

pub fn state(case: &Value) -> &str {
    case["state"].as_str().unwrap()
}

pub fn path_exists(path: &Path) -> bool {
    path.exists()
}

/// Sends a request's `head` alone (no body) and reads the head of the answer, lowercased
/// but for its status line. For bodies refused by their declared length: a client still
/// sending when the answer comes may see the connection close instead of the answer.
pub async fn raw_head(base: &str, head: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(base.trim_start_matches("http://"))
        .await
        .unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = vec![0; 4096];
    let read = stream.read(&mut answer).await.unwrap();
    let answer = String::from_utf8_lossy(&answer[..read]).into_owned();
    let (status, rest) = answer.split_once("\r\n").unwrap_or((&answer, ""));
    format!("{status}\r\n{}", rest.to_lowercase())
}

/// Checks a systemd unit with `systemd-analyze verify` (from Debian's systemd package): it
/// must pass and say nothing.
pub fn systemd_verify(unit: &Path) {
    let verified = Command::new("systemd-analyze")
        .arg("verify")
        .arg(unit)
        .output()
        .expect("systemd-analyze, from Debian's systemd package");
    let said = String::from_utf8_lossy(&verified.stderr);
    assert!(
        verified.status.success() && said.is_empty(),
        "{}: {said}",
        unit.display()
    );
}

/// A loopback port nothing listens on now: free to listen on, or a server that is stopped.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
