//! A PostgreSQL server of the test's own, on its own port and folder, so a test can stop and
//! start it without touching the server the other tests share.
//!
//! Built from the PostgreSQL programs installed on the machine (Debian keeps them under
//! /usr/lib/postgresql/VERSION/bin). PostgreSQL refuses to run as root, so as root the
//! programs run as the `postgres` account.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

/// The private server.
pub struct Cluster {
    bin: PathBuf,
    data: PathBuf,
    _dir: tempfile::TempDir,
    pub port: u16,
}

impl Cluster {
    /// Makes a new cluster and starts it.
    pub fn start() -> Cluster {
        let bin = programs();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        if as_root() {
            run(Command::new("chown").args(["postgres:", dir.path().to_str().unwrap()]));
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let cluster = Cluster {
            bin,
            data,
            _dir: dir,
            port,
        };
        run(cluster
            .program("initdb")
            .args(["--auth=trust", "--username=postgres", "--no-sync", "-D"])
            .arg(&cluster.data));
        cluster.resume();
        cluster
    }

    /// The URL of a database on this server (created by `create_database`).
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
    }

    /// Starts the server (again) and waits until it accepts connections.
    pub fn resume(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1",
            self.port,
            self.data.display()
        );
        run(self
            .program("pg_ctl")
            .args(["start", "-w", "-l"])
            .arg(self.data.join("server.log"))
            .args(["-o", &options, "-D"])
            .arg(&self.data));
    }

    /// Stops the server the way an operator does for maintenance: it ends every session at
    /// once and refuses new ones until started again.
    pub fn stop(&self) {
        run(self
            .program("pg_ctl")
            .args(["stop", "-w", "-m", "fast", "-D"])
            .arg(&self.data));
    }

    fn program(&self, name: &str) -> Command {
        let program = self.bin.join(name);
        if as_root() {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--"]).arg(program);
            command
        } else {
            Command::new(program)
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = self
            .program("pg_ctl")
            .args(["stop", "-w", "-m", "immediate", "-D"])
            .arg(&self.data)
            .output();
    }
}

/// The folder of the newest installed PostgreSQL's programs.
fn programs() -> PathBuf {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("pg_ctl").exists().then_some((version, bin))
        })
        .collect();
    versions.sort();
    match versions.pop() {
        Some((_, bin)) => bin,
        None => panic!("this test needs PostgreSQL's programs under /usr/lib/postgresql"),
    }
}

fn as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn run(command: &mut Command) {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{command:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
