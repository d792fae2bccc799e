//! Messages and attachments on a case.
//!
//! Whether a person may add or read them is the caller's question (the workflow's
//! visibility rules); the store keeps them and hands back what it is asked for.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use disputes_workflow::visibility::PanelScope;
use disputes_workflow::{Case, PersonId, Text};
use sea_orm::sea_query::{Expr, IntoCondition};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use sha2::{Digest, Sha256};

use crate::StoredCase;
use crate::cases::find;
use crate::entity::{attachments, messages};
use crate::error::StoreError;
use crate::idempotency::{KeyedWrite, WriteOutcome, complete_in};
use crate::search::{self, Source};
use crate::{Store, Tx, outbox, parse};

/// Who may read a message or a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Everyone who can see the case.
    Parties,
    /// The panel of one stage, the subgroup chair and the facilitator.
    Panel(PanelScope),
}

impl Visibility {
    /// The stored columns: `visibility` and `panel_scope`.
    pub(crate) fn columns(self) -> (String, Option<String>) {
        match self {
            Visibility::Parties => ("parties".to_owned(), None),
            Visibility::Panel(scope) => ("panel".to_owned(), Some(scope.as_str().to_owned())),
        }
    }

    fn from_columns(visibility: &str, scope: Option<&str>) -> Result<Visibility, StoreError> {
        match (visibility, scope) {
            ("parties", _) => Ok(Visibility::Parties),
            ("panel", Some(scope)) => Ok(Visibility::Panel(parse(scope)?)),
            _ => Err(StoreError::Corrupt(format!(
                "visibility {visibility} with panel scope {scope:?}"
            ))),
        }
    }
}

/// The rows of a table with `visibility` and `panel_scope` columns that a reader of the
/// panel notes of `scopes` may read: everything for the parties, and the panel notes of
/// those scopes.
pub(crate) fn readable<C: ColumnTrait>(
    visibility: C,
    panel_scope: C,
    scopes: &[PanelScope],
) -> Condition {
    Condition::any().add(visibility.eq("parties")).add(
        Condition::all()
            .add(visibility.eq("panel"))
            .add(panel_scope.is_in(scopes.iter().map(|s| s.as_str())))
            .into_condition(),
    )
}

/// A message on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Its id.
    pub id: i64,
    /// Who wrote it.
    pub author_id: PersonId,
    /// Who may read it.
    pub visibility: Visibility,
    /// What it says.
    pub body: Text,
    /// When it was written.
    pub created_at: DateTime<Utc>,
}

/// A panel-only message or file its author shares with everyone on the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shared {
    /// The message with this id.
    Message(i64),
    /// The file with this id.
    File(i64),
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
    /// Who may read it.
    pub visibility: Visibility,
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
    /// Who may read it.
    pub visibility: Visibility,
}

impl Store {
    /// The people to tell that `author` added something for `visibility` to `case`.
    pub(crate) async fn readers(
        &self,
        case: &Case,
        visibility: Visibility,
        author: PersonId,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let panel = match visibility {
            Visibility::Parties => None,
            Visibility::Panel(scope) => Some(scope),
        };
        outbox::readers_of(&self.reads(), case, panel, author).await
    }

    /// Adds a message to `stored` (the case as the caller read it, to check who may write),
    /// completing the request's idempotency key `key`, if any, in the same transaction.
    pub async fn add_message(
        &self,
        stored: &StoredCase,
        author: PersonId,
        visibility: Visibility,
        body: Text,
        at: DateTime<Utc>,
        key: Option<&KeyedWrite>,
    ) -> Result<Message, StoreError> {
        let (case_id, reference) = (self.row_id(stored).await?, stored.reference.as_str());
        let readers = self.readers(&stored.case, visibility, author).await?;
        let txn = self.begin_write().await?;
        outbox::gather_news(&txn, case_id, reference, &readers, at, self.news_digest).await?;
        let row = insert_message(&txn, case_id, author, visibility, body, at).await?;
        let outcome = WriteOutcome::Message {
            reference: reference.to_owned(),
            id: row.id,
        };
        complete_in(&Tx::Pool(&txn), key, &outcome).await?;
        txn.commit().await?;
        message(row)
    }

    /// Shares the panel-only message or file `id` of `stored` with everyone on the case, as
    /// its `author` alone may, at `at`: the readers it now reaches (and could not before)
    /// are told as of something added then. Not found unless it is theirs and for the panel
    /// only. Its panel scope is kept, to tell who could read it before.
    pub async fn share_with_parties(
        &self,
        stored: &StoredCase,
        shared: Shared,
        author: PersonId,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let (case_id, reference) = (self.row_id(stored).await?, stored.reference.as_str());
        let scope = match shared {
            Shared::Message(id) => messages::Entity::find_by_id(id)
                .filter(messages::Column::CaseId.eq(case_id))
                .filter(messages::Column::AuthorId.eq(author.0))
                .filter(messages::Column::Visibility.eq("panel"))
                .one(&self.read)
                .await?
                .and_then(|row| row.panel_scope),
            Shared::File(id) => attachments::Entity::find_by_id(id)
                .filter(attachments::Column::CaseId.eq(case_id))
                .filter(attachments::Column::UploadedBy.eq(author.0))
                .filter(attachments::Column::Visibility.eq("panel"))
                .one(&self.read)
                .await?
                .and_then(|row| row.panel_scope),
        };
        let scope: PanelScope = crate::parse(&scope.ok_or(StoreError::NotFound)?)?;
        let before = self
            .readers(&stored.case, Visibility::Panel(scope), author)
            .await?;
        let newly: Vec<(i64, String)> = self
            .readers(&stored.case, Visibility::Parties, author)
            .await?
            .into_iter()
            .filter(|reader| !before.contains(reader))
            .collect();
        let parties = || Expr::value("parties");
        let when = || Expr::value(at);
        let txn = self.begin_write().await?;
        let (changed, source, id) = match shared {
            Shared::Message(id) => {
                let changed = messages::Entity::update_many()
                    .col_expr(messages::Column::Visibility, parties())
                    .col_expr(messages::Column::SharedAt, when())
                    .filter(messages::Column::Id.eq(id))
                    .filter(messages::Column::AuthorId.eq(author.0))
                    .filter(messages::Column::Visibility.eq("panel"))
                    .exec(&*txn)
                    .await?;
                (changed.rows_affected, Source::Message, id)
            }
            Shared::File(id) => {
                let changed = attachments::Entity::update_many()
                    .col_expr(attachments::Column::Visibility, parties())
                    .col_expr(attachments::Column::SharedAt, when())
                    .filter(attachments::Column::Id.eq(id))
                    .filter(attachments::Column::UploadedBy.eq(author.0))
                    .filter(attachments::Column::Visibility.eq("panel"))
                    .exec(&*txn)
                    .await?;
                (changed.rows_affected, Source::File, id)
            }
        };
        // Shared by a request at the same moment: the first one did it.
        if changed == 0 {
            return Err(StoreError::NotFound);
        }
        search::reveal(&txn, case_id, (source, id)).await?;
        outbox::gather_news(&txn, case_id, reference, &newly, at, self.news_digest).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The message with `id` on the case with `reference`.
    pub async fn message(&self, reference: &str, id: i64) -> Result<Message, StoreError> {
        let case = find(&self.read, reference).await?;
        let row = messages::Entity::find_by_id(id)
            .filter(messages::Column::CaseId.eq(case.id))
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        message(row)
    }

    /// The case's messages, oldest first: those for the parties, and the panel messages
    /// of `scopes` (the scopes the reader may read).
    pub async fn messages(
        &self,
        reference: &str,
        scopes: &[PanelScope],
    ) -> Result<Vec<Message>, StoreError> {
        let case = find(&self.read, reference).await?;
        messages::Entity::find()
            .filter(messages::Column::CaseId.eq(case.id))
            .filter(readable(
                messages::Column::Visibility,
                messages::Column::PanelScope,
                scopes,
            ))
            .order_by_asc(messages::Column::CreatedAt)
            .order_by_asc(messages::Column::Id)
            .all(&self.read)
            .await?
            .into_iter()
            .map(message)
            .collect()
    }

    /// Attaches a file to `stored` (the case as the caller read it), keeping its bytes in the
    /// database or, when the store was opened with an attachments folder, in a file there
    /// named by its hash.
    pub async fn add_attachment(
        &self,
        stored: &StoredCase,
        new: NewAttachment,
        at: DateTime<Utc>,
        key: Option<&KeyedWrite>,
    ) -> Result<Attachment, StoreError> {
        let (case_id, reference) = (self.row_id(stored).await?, stored.reference.as_str());
        let readers = self
            .readers(&stored.case, new.visibility, new.uploaded_by)
            .await?;
        let row = self.stow(case_id, new, at).await?;
        let txn = self.begin_write().await?;
        outbox::gather_news(&txn, case_id, reference, &readers, at, self.news_digest).await?;
        let row = insert_attachment(&txn, row).await?;
        let outcome = WriteOutcome::Attachment {
            reference: reference.to_owned(),
            id: row.id,
        };
        complete_in(&Tx::Pool(&txn), key, &outcome).await?;
        txn.commit().await?;
        attachment(&row)
    }

    /// The row of `new`, a file for the case `case_id`, with its bytes in the row or, when
    /// the store has an attachments folder, written there (named by their hash, so writing
    /// the same bytes again changes nothing) before any transaction holds the writer.
    pub(crate) async fn stow(
        &self,
        case_id: i64,
        new: NewAttachment,
        at: DateTime<Utc>,
    ) -> Result<attachments::ActiveModel, StoreError> {
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
        let (visibility, panel_scope) = new.visibility.columns();
        Ok(attachments::ActiveModel {
            visibility: Set(visibility),
            panel_scope: Set(panel_scope),
            case_id: Set(case_id),
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
        })
    }

    /// The description of the attachment with `id` on the case with `reference`.
    pub async fn attachment_info(
        &self,
        reference: &str,
        id: i64,
    ) -> Result<Attachment, StoreError> {
        let case = find(&self.read, reference).await?;
        let row = attachments::Entity::find_by_id(id)
            .filter(attachments::Column::CaseId.eq(case.id))
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        attachment(&row)
    }

    /// The case's attachments, oldest first: those for the parties, and the panel files of
    /// `scopes`.
    pub async fn attachments(
        &self,
        reference: &str,
        scopes: &[PanelScope],
    ) -> Result<Vec<Attachment>, StoreError> {
        let case = find(&self.read, reference).await?;
        attachments::Entity::find()
            .filter(attachments::Column::CaseId.eq(case.id))
            .filter(readable(
                attachments::Column::Visibility,
                attachments::Column::PanelScope,
                scopes,
            ))
            .order_by_asc(attachments::Column::Id)
            .all(&self.read)
            .await?
            .iter()
            .map(attachment)
            .collect()
    }

    /// One attachment of the case with `reference`, with its bytes, checked against their
    /// hash; not found unless it is for the parties or a panel of `scopes`.
    pub async fn attachment(
        &self,
        reference: &str,
        id: i64,
        scopes: &[PanelScope],
    ) -> Result<(Attachment, Vec<u8>), StoreError> {
        let case = find(&self.read, reference).await?;
        let row = attachments::Entity::find_by_id(id)
            .filter(attachments::Column::CaseId.eq(case.id))
            .filter(readable(
                attachments::Column::Visibility,
                attachments::Column::PanelScope,
                scopes,
            ))
            .one(&self.read)
            .await?
            // A file removed by the retention rule or an erasure is listed, not served.
            .filter(|row| row.storage != "removed")
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
        Ok((attachment(&row)?, bytes))
    }
}

/// Inserts a message on the case `case_id` in `txn`, searchable by those who may read it.
pub(crate) async fn insert_message(
    txn: &DatabaseTransaction,
    case_id: i64,
    author: PersonId,
    audience: Visibility,
    body: Text,
    at: DateTime<Utc>,
) -> Result<messages::Model, StoreError> {
    let (visibility, panel_scope) = audience.columns();
    let row = messages::ActiveModel {
        case_id: Set(case_id),
        author_id: Set(author.0),
        visibility: Set(visibility),
        panel_scope: Set(panel_scope),
        body: Set(body.to_string()),
        created_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let source = (Source::Message, row.id);
    search::index(&Tx::Pool(txn), case_id, source, audience, row.body.clone()).await?;
    Ok(row)
}

/// Inserts a file [`Store::stow`] prepared, in `txn`, its name searchable by those who may
/// read it.
pub(crate) async fn insert_attachment(
    txn: &DatabaseTransaction,
    row: attachments::ActiveModel,
) -> Result<attachments::Model, StoreError> {
    let row = row.insert(txn).await?;
    let audience = Visibility::from_columns(&row.visibility, row.panel_scope.as_deref())?;
    let file = (Source::File, row.id);
    search::index(
        &Tx::Pool(txn),
        row.case_id,
        file,
        audience,
        row.file_name.clone(),
    )
    .await?;
    Ok(row)
}

pub(crate) fn message(row: messages::Model) -> Result<Message, StoreError> {
    Ok(Message {
        id: row.id,
        author_id: PersonId(row.author_id),
        visibility: Visibility::from_columns(&row.visibility, row.panel_scope.as_deref())?,
        body: Text::parse(row.body).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        created_at: row.created_at,
    })
}

pub(crate) fn attachment(row: &attachments::Model) -> Result<Attachment, StoreError> {
    Ok(Attachment {
        id: row.id,
        uploaded_by: PersonId(row.uploaded_by),
        file_name: row.file_name.clone(),
        content_type: row.content_type.clone(),
        size_bytes: u64::try_from(row.size_bytes).unwrap_or_default(),
        sha256: row.sha256.clone(),
        created_at: row.created_at,
        visibility: Visibility::from_columns(&row.visibility, row.panel_scope.as_deref())?,
    })
}
