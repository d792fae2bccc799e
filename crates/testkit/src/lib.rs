//! What the store's tests and the end-to-end tests share: a scratch database for each test,
//! on SQLite or PostgreSQL, removed when the test ends, and [`on_both_databases!`], which
//! runs a test body once on each; and [`Cast`], a small Compact made through the API.
//!
//! PostgreSQL databases are made on the server named by `DISPUTES_TEST_POSTGRES_URL` (by
//! default `postgres://postgres@127.0.0.1:5432/postgres`). A server that cannot be reached
//! fails the test: it never skips it.

// Test support states its expectations by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// A database it could not drop is worth a line in the test output, not a failed test.
#![allow(clippy::print_stderr)]

pub mod cast;

pub use cast::{Api, Cast, PASSWORD, fields, fingerprint, problem};

use std::future::Future;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use tempfile::TempDir;

static NEXT: AtomicU32 = AtomicU32::new(0);

/// The PostgreSQL server the tests make their databases on, as an administrator.
pub fn postgres_admin_url() -> String {
    std::env::var("DISPUTES_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database for one test, with a folder of its own, removed when it is dropped (a
/// PostgreSQL database is dropped with it).
#[derive(Debug)]
pub struct ScratchDb {
    /// Where to connect.
    pub url: String,
    /// The test's folder (and the SQLite file's).
    pub dir: TempDir,
    /// The administrator's URL and the database's name, for a PostgreSQL database this
    /// value made and must drop.
    postgres: Option<(String, String)>,
}

impl ScratchDb {
    /// A SQLite file called `file` in a new folder.
    pub fn sqlite(file: &str) -> ScratchDb {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.path().join(file).display());
        ScratchDb {
            url,
            dir,
            postgres: None,
        }
    }

    /// A new, empty PostgreSQL database whose name starts with `prefix`.
    pub async fn postgres(prefix: &str) -> ScratchDb {
        let admin_url = postgres_admin_url();
        let admin = connect_admin(&admin_url).await;
        let name = format!(
            "{prefix}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await
            .unwrap();
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap();
        let (base, _) = admin_url.rsplit_once('/').unwrap();
        ScratchDb {
            url: format!("{base}/{name}"),
            dir: tempfile::tempdir().unwrap(),
            postgres: Some((admin_url, name)),
        }
    }

    /// A database the test manages itself: it is not dropped afterwards.
    pub fn at(url: String) -> ScratchDb {
        ScratchDb {
            url,
            dir: tempfile::tempdir().unwrap(),
            postgres: None,
        }
    }

    /// Whether it is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }

    /// The name of the PostgreSQL database this value made, if it made one.
    pub fn database(&self) -> Option<&str> {
        self.postgres.as_ref().map(|(_, name)| name.as_str())
    }

    /// The test's folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for ScratchDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime; a thread of its own may block on another.
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async {
                let admin = Database::connect(&admin_url).await?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await
                    .map(|_| name)
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(_))) {
            eprintln!("could not drop a test database: {dropped:?}");
        }
    }
}

async fn connect_admin(url: &str) -> DatabaseConnection {
    Database::connect(url)
        .await
        .unwrap_or_else(|e| panic!("the PostgreSQL tests need a server at {url}: {e}"))
}

/// A database a test takes as its argument, made fresh for it on either engine.
pub trait TestDatabase: Sized {
    /// One on SQLite.
    fn sqlite() -> impl Future<Output = Self>;
    /// One on PostgreSQL.
    fn postgres() -> impl Future<Output = Self>;
}

/// Runs each test body twice, as the tests `NAME::sqlite` and `NAME::postgres`, each with
/// a fresh database of type `KIND` (a [`TestDatabase`], named by its full path, as the test
/// modules need not import it) on `THREADS` worker threads. A crate wraps it in a macro of
/// its own that names its kind, so that its tests read `async fn name(db: TestDb) { ... }`:
///
/// ```ignore
/// on_both_databases! { 4, crate::tests::TestDb;
///     async fn a_case_is_raised(db: TestDb) { ... }
/// }
/// ```
#[macro_export]
macro_rules! on_both_databases {
    ($threads:literal, $kind:ty; $(async fn $name:ident($db:ident: $named:ty $(,)?) $body:block)*) => {
        $(
            mod $name {
                #[allow(unused_imports)]
                use super::*;

                #[tokio::test(flavor = "multi_thread", worker_threads = $threads)]
                async fn sqlite() {
                    let $db = <$kind as $crate::TestDatabase>::sqlite().await;
                    $body
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = $threads)]
                async fn postgres() {
                    let $db = <$kind as $crate::TestDatabase>::postgres().await;
                    $body
                }
            }
        )*
    };
}

/// The text of a PDF as poppler's `pdftotext` (Debian's poppler-utils) reads it, with its
/// white space run together, so a test finds a sentence however the lines broke.
///
/// # Panics
///
/// When `pdftotext` is missing or cannot read the file: the test cannot go on.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).expect("the PDF written");
    let output = std::process::Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils) is needed");
    assert!(output.status.success(), "pdftotext could not read the PDF");
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
