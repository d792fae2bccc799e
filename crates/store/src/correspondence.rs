//! Messages and attachments on a case.
//!
//! Whether a person may add or read them is the caller's question (the workflow's
//! visibility rules); the store keeps them and hands back what it is asked for.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use disputes_workflow::{PersonId, Text};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::cases::find;
use crate::entity::{attachments, messages};
use crate::error::StoreError;
use crate::{Store, parse, spell};

/// Who may read a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageVisibility {
    /// Everyone who can see the case.
    Parties,
    /// Only the panels, the subgroup chair and the facilitator.
    Panel,
}

/// A message on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Its id.
    pub id: i64,
    /// Who wrote it.
    pub author_id: PersonId,
    /// Who may read it.
    pub visibility: MessageVisibility,
    /// What it says.
    pub body: Text,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// A file to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    /// Who attaches it.
    pub uploaded_by: PersonId,
    /// Its name as uploaded.
    pub file_name: String,
    /// Its media type, as checked by the caller.
    pub content_type: String,
    /// Its bytes.
    pub content: Vec<u8>,
}

/// An attachment's description (its bytes are fetched separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its id.
    pub id: i64,
    /// Who attached it.
    pub uploaded_by: PersonId,
    /// Its name.
    pub file_name: String,
    /// Its media type.
    pub content_type: String,
    /// Its size.
    pub size_bytes: u64,
    /// The SHA-256 of its bytes, in hex.
    pub sha256: String,
    /// When it was attached.
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Adds a message to the case with `reference`.
    pub async fn add_message(
        &self,
        reference: &str,
        author: PersonId,
        visibility: MessageVisibility,
        body: Text,
        at: DateTime<Utc>,
    ) -> Result<Message, StoreError> {
        let case = find(&self.read, reference).await?;
        let row = messages::ActiveModel {
            case_id: Set(case.id),
            author_id: Set(author.0),
            visibility: Set(spell(&visibility)),
            body: Set(body.to_string()),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(&self.write)
        .await?;
        message(row)
    }

    /// The case's messages, oldest first; panel messages only when `with_panel`.
    pub async fn messages(
        &self,
        reference: &str,
        with_panel: bool,
    ) -> Result<Vec<Message>, StoreError> {
        let case = find(&self.read, reference).await?;
        let mut query = messages::Entity::find()
            .filter(messages::Column::CaseId.eq(case.id))
            .order_by_asc(messages::Column::CreatedAt)
            .order_by_asc(messages::Column::Id);
        if !with_panel {
            query =
                query.filter(messages::Column::Visibility.eq(spell(&MessageVisibility::Parties)));
        }
        query
            .all(&self.read)
            .await?
            .into_iter()
            .map(message)
            .collect()
    }

    /// Attaches a file to the case with `reference`, keeping its bytes in the database or,
    /// when the store was opened with an attachments folder, in a file there named by its
    /// hash.
    pub async fn add_attachment(
        &self,
        reference: &str,
        new: NewAttachment,
        at: DateTime<Utc>,
    ) -> Result<Attachment, StoreError> {
        let case = find(&self.read, reference).await?;
        let sha256 = hex::encode(Sha256::digest(&new.content));
        let size = i64::try_from(new.content.len())
            .map_err(|_| StoreError::Config("attachment too large".into()))?;
        let (storage, content, path) = match &self.attachments_dir {
            Some(dir) => {
                let path = dir.join(&sha256);
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| StoreError::Config(format!("attachments folder: {e}")))?;
                tokio::fs::write(&path, &new.content)
                    .await
                    .map_err(|e| StoreError::Config(format!("attachments folder: {e}")))?;
                ("folder", None, Some(path.display().to_string()))
            }
            None => ("database", Some(new.content), None),
        };
        let row = attachments::ActiveModel {
            case_id: Set(case.id),
            uploaded_by: Set(new.uploaded_by.0),
            file_name: Set(new.file_name),
            content_type: Set(new.content_type),
            size_bytes: Set(size),
            sha256: Set(sha256),
            storage: Set(storage.to_owned()),
            content: Set(content),
            path: Set(path),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(&self.write)
        .await?;
        Ok(attachment(&row))
    }

    /// The case's attachments, oldest first.
    pub async fn attachments(&self, reference: &str) -> Result<Vec<Attachment>, StoreError> {
        let case = find(&self.read, reference).await?;
        Ok(attachments::Entity::find()
            .filter(attachments::Column::CaseId.eq(case.id))
            .order_by_asc(attachments::Column::Id)
            .all(&self.read)
            .await?
            .iter()
            .map(attachment)
            .collect())
    }

    /// One attachment of the case with `reference`, with its bytes, checked against their
    /// hash.
    pub async fn attachment(
        &self,
        reference: &str,
        id: i64,
    ) -> Result<(Attachment, Vec<u8>), StoreError> {
        let case = find(&self.read, reference).await?;
        let row = attachments::Entity::find_by_id(id)
            .filter(attachments::Column::CaseId.eq(case.id))
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        let bytes = match (&row.content, &row.path) {
            (Some(content), _) => content.clone(),
            (None, Some(path)) => tokio::fs::read(PathBuf::from(path))
                .await
                .map_err(|e| StoreError::Corrupt(format!("attachment {id}: {e}")))?,
            (None, None) => {
                return Err(StoreError::Corrupt(format!(
                    "attachment {id} has no content"
                )));
            }
        };
        if hex::encode(Sha256::digest(&bytes)) != row.sha256 {
            return Err(StoreError::Corrupt(format!(
                "attachment {id} does not match its hash"
            )));
        }
        Ok((attachment(&row), bytes))
    }
}

fn message(row: messages::Model) -> Result<Message, StoreError> {
    Ok(Message {
        id: row.id,
        author_id: PersonId(row.author_id),
        visibility: parse(&row.visibility)?,
        body: Text::parse(row.body).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        created_at: row.created_at,
    })
}

fn attachment(row: &attachments::Model) -> Attachment {
    Attachment {
        id: row.id,
        uploaded_by: PersonId(row.uploaded_by),
        file_name: row.file_name.clone(),
        content_type: row.content_type.clone(),
        size_bytes: u64::try_from(row.size_bytes).unwrap_or_default(),
        sha256: row.sha256.clone(),
        created_at: row.created_at,
    }
}
