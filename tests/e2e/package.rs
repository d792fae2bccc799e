//! The Debian package, built with `cargo deb` from the binary under test and installed on
//! this machine with `dpkg -i`: the user, the data folder, the conffile and the unit are in
//! place, the installed binary serves with the packaged configuration, and an upgrade runs
//! the migrations once and keeps the data and the administrator's edits.
//!
//! Installing changes the machine (a package, a system user, /etc/disputes and
//! /var/lib/disputes), so the test does it only when `DISPUTES_PACKAGE_TEST=install` says
//! the machine is there for it, as `.ci/run` does; it then fails, rather than skips, if it
//! cannot (not root, `cargo deb` missing, a disputes package already installed). Everything
//! it installed is removed at the end, the data the package leaves behind included.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{Client, PASSWORD, Server, binary, free_port, systemd_verify};

const CONFIG: &str = "/etc/disputes/disputes.toml";
const DATA: &str = "/var/lib/disputes";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_debian_package_installs_serves_and_upgrades_keeping_data_and_edits() {
    if std::env::var("DISPUTES_PACKAGE_TEST").as_deref() != Ok("install") {
        eprintln!(
            "not installing the Debian package on this machine: set DISPUTES_PACKAGE_TEST=install \
             (as .ci/run does) on a machine that is there for it"
        );
        return;
    }
    let whoami = run(Command::new("id").arg("-u"));
    assert_eq!(whoami.trim(), "0", "installing a package needs root");
    assert!(
        !Command::new("dpkg-query")
            .args(["-W", "disputes"])
            .output()
            .unwrap()
            .status
            .success(),
        "a disputes package is installed here already; the test installs its own"
    );
    let work = tempfile::tempdir().unwrap();
    let first = build_package(work.path(), "1");
    let second = build_package(work.path(), "2");
    let _installed = Installed;

    // Installing creates the user and the data folder, and migrates the database once.
    let said = run(Command::new("dpkg").arg("-i").arg(&first));
    assert!(said.contains(" migrations applied"), "installing: {said}");
    let user = run(Command::new("getent").args(["passwd", "disputes"]));
    assert!(user.starts_with("disputes:"), "{user}");
    assert_eq!(owner_and_mode(DATA), "disputes:disputes 750");
    assert_eq!(owner_and_mode(CONFIG), "root:disputes 640");
    assert!(Path::new(DATA).join("disputes.db").is_file());
    let conffiles = run(Command::new("dpkg-query").args(["-W", "-f=${Conffiles}", "disputes"]));
    assert!(conffiles.contains(CONFIG), "{conffiles}");
    let unit = [
        "/usr/lib/systemd/system/disputes.service",
        "/lib/systemd/system/disputes.service",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|unit| unit.is_file())
    .expect("the package installs the systemd unit");
    systemd_verify(&unit);

    // The administrator edits the configuration (here, the port) and creates the first
    // facilitator; the installed binary serves with that configuration.
    let port = free_port();
    let packaged = std::fs::read_to_string(CONFIG).unwrap();
    let edited = packaged.replace(
        "bind = \"127.0.0.1:8080\"",
        &format!("bind = \"127.0.0.1:{port}\""),
    );
    assert_ne!(
        edited, packaged,
        "the packaged configuration names its address"
    );
    std::fs::write(CONFIG, &edited).unwrap();
    create_facilitator();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = serve(work.path(), "first");
    assert_eq!(
        server.base, base,
        "the server listens where the edited configuration says"
    );
    assert_ready_and_signed_in(&base).await;
    assert!(server.stop().success());

    // Upgrading finds nothing to migrate, keeps the edit and the data, and serves them.
    let said = run(Command::new("dpkg").arg("-i").arg(&second));
    assert!(said.contains("no migrations pending"), "upgrading: {said}");
    let version = run(Command::new("dpkg-query").args(["-W", "-f=${Version}", "disputes"]));
    assert!(version.ends_with("-2"), "{version}");
    assert_eq!(std::fs::read_to_string(CONFIG).unwrap(), edited);
    assert_eq!(owner_and_mode(CONFIG), "root:disputes 640");
    let mut server = serve(work.path(), "second");
    assert_ready_and_signed_in(&base).await;
    assert!(server.stop().success());

    // Purging the package removes the software and its configuration, not the records.
    let said = run(Command::new("dpkg").args(["--purge", "disputes"]));
    assert!(said.contains("were kept"), "purging: {said}");
    assert!(!Path::new("/usr/bin/disputes").exists() && !Path::new(CONFIG).exists());
    assert!(
        Path::new(DATA).join("disputes.db").is_file(),
        "the case records are kept"
    );
}

/// A package of the binary under test (copied where `cargo deb` looks for a release
/// build), at Debian revision `revision`.
fn build_package(work: &Path, revision: &str) -> PathBuf {
    let release = work.join("target/release");
    std::fs::create_dir_all(&release).unwrap();
    std::fs::copy(binary(), release.join("disputes")).unwrap();
    let output = work.join(format!("disputes-{revision}.deb"));
    run(Command::new("cargo")
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .env("CARGO_TARGET_DIR", work.join("target"))
        .args([
            "deb",
            "-p",
            "disputes-server",
            "--no-build",
            "--fast",
            "--deb-revision",
            revision,
        ])
        .arg("--output")
        .arg(&output));
    output
}

/// The first facilitator, created with the installed binary as the service's user, the
/// password on standard input.
fn create_facilitator() {
    let mut child = as_service_user()
        .args([
            "admin",
            "create",
            "--email",
            "first@example.org",
            "--name",
            "First Facilitator",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// `disputes serve` from the package, as the unit runs it: the service's user, the packaged
/// configuration, the data folder as working directory.
fn serve(work: &Path, name: &str) -> Server {
    let mut command = as_service_user();
    command.arg("serve");
    Server::spawn(command, work.join(format!("{name}.log")))
}

/// The installed binary with the packaged configuration, run as `disputes` (setpriv execs
/// it, so the test's signals reach the service itself).
fn as_service_user() -> Command {
    let mut command = Command::new("setpriv");
    command
        .args([
            "--reuid=disputes",
            "--regid=disputes",
            "--init-groups",
            "--",
        ])
        .args(["/usr/bin/disputes", "--config", CONFIG])
        .current_dir(DATA)
        .env_clear()
        .env("PATH", "/usr/bin:/bin");
    command
}

async fn assert_ready_and_signed_in(base: &str) {
    let client = Client::at(base);
    let (status, body) = client.send(Method::GET, "/readyz", None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let facilitator = client.signed_in("first@example.org").await;
    let (status, me) = facilitator.send(Method::GET, "/api/v1/me", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["roles"], json!(["facilitator"]));
}

fn owner_and_mode(path: &str) -> String {
    run(Command::new("stat").args(["-c", "%U:%G %a", path]))
        .trim()
        .to_owned()
}

/// Runs a command that must succeed; its standard output and error, together.
fn run(command: &mut Command) -> String {
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr)
    );
    assert!(status.success(), "{command:?}: {said}");
    said
}

/// Removes what the test installed, whether it passed or not: the package with its
/// conffile, the user and the data folder.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        let _ = Command::new("dpkg").args(["--purge", "disputes"]).output();
        let _ = Command::new("deluser")
            .args(["--system", "disputes"])
            .output();
        let _ = Command::new("delgroup")
            .args(["--system", "disputes"])
            .output();
        let _ = std::fs::remove_dir_all(DATA);
        let _ = std::fs::remove_dir_all("/etc/disputes");
    }
}

/// The container image's own settings, read from its Containerfile: a service given only
/// the image's environment (its paths moved into a folder of the test's, its port to a free
/// one) starts, keeps everything under the data volume, and the image's HEALTHCHECK command
/// says ready only once it serves. (Building the image needs a registry's base images,
/// which the test machine does not reach.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_container_image_s_environment_serves_and_its_health_check_tells_ready() {
    let recipe = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../packaging/container/Containerfile"
    ))
    .unwrap();
    // Continued lines joined, once: each instruction on a line of its own.
    let recipe = recipe.replace("\\\n", " ");
    let instruction = |name: &str| -> Vec<String> {
        recipe
            .lines()
            .filter_map(|line| line.strip_prefix(name).map(|rest| rest.trim().to_owned()))
            .collect()
    };
    assert_eq!(instruction("VOLUME "), [DATA]);
    assert_eq!(
        instruction("USER "),
        ["disputes"],
        "the service does not run as root"
    );
    let health = instruction("HEALTHCHECK ");
    assert!(
        health.len() == 1 && health[0].ends_with("CMD [\"disputes\", \"ready\"]"),
        "{health:?}"
    );

    let volume = tempfile::tempdir().unwrap();
    let port = free_port();
    let environment: Vec<(String, String)> = instruction("ENV ")
        .join(" ")
        .split_whitespace()
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap();
            let value = value
                .replace(DATA, volume.path().to_str().unwrap())
                .replace("0.0.0.0:8080", &format!("127.0.0.1:{port}"));
            (key.to_owned(), value)
        })
        .collect();
    assert!(
        environment
            .iter()
            .any(|(key, _)| key == "DISPUTES__DATABASE__URL")
    );
    let image = |args: &[&str]| {
        let mut command = Command::new(binary());
        command
            .args(args)
            .current_dir(volume.path())
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(environment.iter().map(|(k, v)| (k, v)));
        command
    };
    let ready = || image(&["ready"]).output().unwrap();

    let before = ready();
    assert!(!before.status.success());
    assert!(String::from_utf8_lossy(&before.stderr).contains("nothing answers"));
    let mut server = Server::spawn(image(&["serve"]), volume.path().join("serve.log"));
    assert_eq!(server.base, format!("http://127.0.0.1:{port}"));
    let during = ready();
    assert!(
        during.status.success(),
        "{}",
        String::from_utf8_lossy(&during.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&during.stdout).trim(), "ready");
    // The database is in the volume, and the log is JSON lines for the collector.
    assert!(volume.path().join("disputes.db").is_file());
    assert!(server.stop().success());
    let logs = server.logs();
    assert!(
        !logs.is_empty()
            && logs
                .lines()
                .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
        "{logs}"
    );
    let after = ready();
    assert!(!after.status.success());
}
