//! A fresh database for a run: a SQLite file in a temporary folder, or a PostgreSQL
//! database created for the run and dropped after it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use sea_orm::{ConnectionTrait, Database as Connect};

use crate::Result;

/// Which database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    /// A SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::Sqlite => "SQLite",
            Kind::Postgres => "PostgreSQL",
        })
    }
}

/// A database made for one run.
pub(crate) struct Database {
    pub(crate) url: String,
    /// The folder the SQLite file (and the service's mail) live in.
    pub(crate) dir: tempfile::TempDir,
    postgres: Option<(String, String)>,
}

/// Where a SQLite run's file lives in its folder.
fn sqlite_file(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("bench.db")
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl Database {
    /// A new, empty database of `kind`; PostgreSQL's is created through `admin_url`.
    pub(crate) async fn fresh(kind: Kind, admin_url: &str) -> Result<Database> {
        let dir = tempfile::Builder::new()
            .prefix("disputes-bench-")
            .tempdir_in(scratch())?;
        match kind {
            Kind::Sqlite => Ok(Database {
                url: format!("sqlite://{}?mode=rwc", sqlite_file(&dir).display()),
                dir,
                postgres: None,
            }),
            Kind::Postgres => {
                let name = format!(
                    "disputes_bench_{}_{}",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                );
                let admin = Connect::connect(admin_url).await?;
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await?;
                admin.close().await?;
                let base = admin_url
                    .rsplit_once('/')
                    .map_or(admin_url, |(base, _)| base);
                Ok(Database {
                    url: format!("{base}/{name}"),
                    dir,
                    postgres: Some((admin_url.to_owned(), name)),
                })
            }
        }
    }

    /// The SQLite file, for clients that open it themselves.
    pub(crate) fn sqlite_path(&self) -> PathBuf {
        sqlite_file(&self.dir)
    }

    /// The database's size on disk, in bytes.
    pub(crate) async fn size_bytes(&self) -> Result<u64> {
        match &self.postgres {
            None => {
                let file = self.sqlite_path();
                let mut total = 0;
                for suffix in ["", "-wal"] {
                    let path = PathBuf::from(format!("{}{suffix}", file.display()));
                    total += std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                }
                Ok(total)
            }
            Some(_) => {
                let db = Connect::connect(&self.url).await?;
                let row = db
                    .query_one_raw(sea_orm::Statement::from_string(
                        db.get_database_backend(),
                        "SELECT pg_database_size(current_database()) AS bytes",
                    ))
                    .await?
                    .ok_or("no size")?;
                let bytes: i64 = row.try_get("", "bytes")?;
                db.close().await?;
                Ok(u64::try_from(bytes)?)
            }
        }
    }

    /// Drops a PostgreSQL database (a SQLite file goes with its folder). With
    /// `DISPUTES_BENCH_KEEP` set, keeps both, and says where, for looking into afterwards.
    pub(crate) async fn remove(self) -> Result<()> {
        if std::env::var_os("DISPUTES_BENCH_KEEP").is_some() {
            let url = self.url.clone();
            let dir = self.dir.keep();
            println!("kept: {url} (folder {})", dir.display());
            return Ok(());
        }
        if let Some((admin_url, name)) = &self.postgres {
            let admin = Connect::connect(admin_url.as_str()).await?;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .await?;
            admin.close().await?;
        }
        Ok(())
    }
}

/// Where the runs' files go: a folder on the same disk as the repository, not a RAM disk,
/// so that SQLite's syncs cost what they cost in production.
fn scratch() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    let _ = std::fs::create_dir_all(&dir);
    dir
}
