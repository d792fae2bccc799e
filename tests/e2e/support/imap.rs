//! A real IMAP server for the tests: Dovecot (Debian's `dovecot-imapd`, which `.ci/run`
//! installs), run on a free port with its own configuration, one user, and maildirs in a
//! folder of its own.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use async_imap::Client;
use tokio::net::TcpStream;

/// The user the service signs in as, and their password.
pub const USER: &str = "replies";
pub const PASSWORD: &str = "mailbox-secret";

/// A running Dovecot.
pub struct Dovecot {
    pub port: u16,
    config: PathBuf,
    _dir: tempfile::TempDir,
}

impl Dovecot {
    /// Starts one and waits until it takes connections.
    pub async fn start() -> Dovecot {
        let binary = "/usr/sbin/dovecot";
        assert!(
            std::path::Path::new(binary).exists(),
            "Dovecot is not installed: apt-get install dovecot-imapd (.ci/run does)"
        );
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        // Dovecot's mail processes run as nobody, and must reach the maildirs.
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::create_dir(root.join("run")).unwrap();
        std::fs::create_dir(root.join("mail")).unwrap();
        let chown = Command::new("chown")
            .args(["nobody:nogroup", root.join("mail").to_str().unwrap()])
            .status()
            .unwrap();
        assert!(chown.success());
        std::fs::write(root.join("users"), format!("{USER}:{{PLAIN}}{PASSWORD}\n")).unwrap();
        let port = super::free_port();
        let root_text = root.display();
        let config = root.join("dovecot.conf");
        std::fs::write(
            &config,
            format!(
                "base_dir = {root_text}/run\nlog_path = {root_text}/dovecot.log\n\
                 protocols = imap\nlisten = 127.0.0.1\nssl = no\ndisable_plaintext_auth = no\n\
                 auth_mechanisms = plain login\nmail_location = maildir:{root_text}/mail/%u\n\
                 first_valid_uid = 1\n\
                 service imap-login {{\n  inet_listener imap {{\n    port = {port}\n  }}\n  \
                 inet_listener imaps {{\n    port = 0\n  }}\n}}\n\
                 passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {root_text}/users\n}}\n\
                 userdb {{\n  driver = static\n  args = uid=nobody gid=nogroup home={root_text}/mail/%u\n}}\n"
            ),
        )
        .unwrap();
        let started = Command::new(binary)
            .args(["-c", config.to_str().unwrap()])
            .status()
            .unwrap();
        assert!(started.success(), "dovecot did not start");
        for _ in 0..100 {
            if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return Dovecot {
                    port,
                    config,
                    _dir: dir,
                };
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "dovecot did not listen: {}",
            std::fs::read_to_string(root.join("dovecot.log")).unwrap_or_default()
        );
    }

    async fn session(&self) -> async_imap::Session<TcpStream> {
        let tcp = TcpStream::connect(("127.0.0.1", self.port)).await.unwrap();
        let mut client = Client::new(tcp);
        client.read_response().await.unwrap().unwrap();
        let mut session = client
            .login(USER, PASSWORD)
            .await
            .map_err(|(e, _)| e)
            .unwrap();
        session.select("INBOX").await.unwrap();
        session
    }

    /// Delivers `raw` into the inbox, as the organisation's mail server would, with `flags`
    /// (such as `(\\Deleted)`) if any.
    pub async fn deliver(&self, raw: &str, flags: Option<&str>) {
        let mut session = self.session().await;
        session
            .append("INBOX", flags, None, raw.replace('\n', "\r\n").as_bytes())
            .await
            .unwrap();
        session.logout().await.unwrap();
    }

    /// How many emails the inbox holds.
    pub async fn count(&self) -> u32 {
        let mut session = self.session().await;
        let inbox = session.select("INBOX").await.unwrap();
        session.logout().await.unwrap();
        inbox.exists
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = Command::new("/usr/sbin/dovecot")
            .args(["-c", self.config.to_str().unwrap(), "stop"])
            .status();
    }
}
