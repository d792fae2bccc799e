//! Copies of a SQLite database taken while the service runs.
//!
//! `VACUUM INTO` reads the database in one read transaction, so the copy is the database as
//! it stood at one instant, every case whole, while actions go on being written beside it;
//! the copy is compacted and needs no WAL file. PostgreSQL has its own tools (`pg_dump`),
//! which know its server far better than a copy made through a connection could.

use std::path::Path;

use sea_orm::{ConnectionTrait, Statement};

use crate::error::StoreError;
use crate::{Backend, Store};

impl Store {
    /// Writes a consistent copy of the database to `file`, which must not exist yet.
    pub async fn backup_to(&self, file: &Path) -> Result<(), StoreError> {
        if self.backend() != Backend::Sqlite {
            return Err(StoreError::Config(
                "backup copies SQLite databases; back up PostgreSQL with pg_dump".to_owned(),
            ));
        }
        if file.exists() {
            return Err(StoreError::Conflict(format!(
                "{} already exists; name a new file",
                file.display()
            )));
        }
        let name = file
            .to_str()
            .ok_or_else(|| StoreError::Config("the backup file's name is not UTF-8".to_owned()))?;
        // Read connections may take the copy: it is a read, and leaves the writer free.
        self.read
            .execute_raw(Statement::from_sql_and_values(
                self.read.get_database_backend(),
                "VACUUM INTO ?",
                [name.into()],
            ))
            .await?;
        Ok(())
    }
}
