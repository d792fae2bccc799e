//! Sessions and API tokens: the two things a request can be signed in with, each granting
//! its person's rights with a limit of its own (a session that still owes its second
//! factor; a token that may only read).
//!
//! The secret a browser or script holds never reaches the database: only its SHA-256 is
//! stored and looked up, so a copy of the database opens no account.

use chrono::{DateTime, Duration, Utc};
use disputes_workflow::PersonId;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, Set,
};

use crate::Store;
use crate::access::{digest, person_select, persons_with_roles};
use crate::directory::PersonRecord;
use crate::entity::{api_tokens, people, sessions};
use crate::error::StoreError;

/// A session's last-seen time is written at most this often: often enough for the idle
/// limit and the sessions list, rarely enough that reading a page writes nothing.
pub const LAST_SEEN_EVERY: Duration = Duration::seconds(60);

/// What a session still owes before it may do anything but finish signing in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// A code from the person's authenticator (or a recovery code).
    Code,
    /// Enrolling an authenticator, which their role requires.
    Enrol,
}

impl Pending {
    fn as_str(self) -> &'static str {
        match self {
            Pending::Code => "code",
            Pending::Enrol => "enrol",
        }
    }

    fn parse(text: &str) -> Result<Pending, StoreError> {
        match text {
            "code" => Ok(Pending::Code),
            "enrol" => Ok(Pending::Enrol),
            other => Err(StoreError::Corrupt(format!("session pending {other}"))),
        }
    }
}

/// What an API token may do with its person's rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenScope {
    /// Read only: any request that could change something is refused.
    Read,
    /// Read and write, as its person could.
    Write,
}

impl TokenScope {
    /// The word stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenScope::Read => "read",
            TokenScope::Write => "write",
        }
    }

    fn parse(text: &str) -> Result<TokenScope, StoreError> {
        match text {
            "read" => Ok(TokenScope::Read),
            "write" => Ok(TokenScope::Write),
            other => Err(StoreError::Corrupt(format!("token scope {other}"))),
        }
    }
}

/// What a request's secret turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// A session (of a browser, or of a script that signed in with a password).
    Session {
        /// Its id, for the sessions list.
        id: i64,
        /// What it still owes, if anything.
        pending: Option<Pending>,
    },
    /// An API token.
    Token {
        /// Its id.
        id: i64,
        /// What it may do.
        scope: TokenScope,
    },
}

/// The person a secret signs in, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Who.
    pub record: PersonRecord,
    /// With what.
    pub grant: Grant,
}

/// A session about to be opened.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    /// Whose.
    pub person: PersonId,
    /// The secret the browser will hold.
    pub secret: &'a str,
    /// When it opens.
    pub at: DateTime<Utc>,
    /// When it ends however busy it is (the absolute limit).
    pub expires_at: DateTime<Utc>,
    /// Sessions not seen since this moment are over (the idle limit), and are cleared away
    /// as this one opens.
    pub idle_before: DateTime<Utc>,
    /// The browser's `User-Agent`, to tell sessions apart in the list.
    pub user_agent: Option<&'a str>,
    /// The address it signed in from.
    pub address: Option<&'a str>,
    /// What it still owes.
    pub pending: Option<Pending>,
}

/// A session as its person sees it listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// Its id, for ending it.
    pub id: i64,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// When it was last used (to the minute).
    pub last_seen_at: DateTime<Utc>,
    /// When it ends at the latest.
    pub expires_at: Option<DateTime<Utc>>,
    /// The browser, as it described itself.
    pub user_agent: Option<String>,
    /// Where it signed in from.
    pub address: Option<String>,
}

/// An API token as its owner sees it listed (never the secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    /// Its id, for revoking it.
    pub id: i64,
    /// What its owner called it.
    pub name: String,
    /// What it may do.
    pub scope: TokenScope,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working, if ever.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was last used (to the minute), if ever.
    pub last_used_at: Option<DateTime<Utc>>,
}

impl ApiToken {
    fn of(row: api_tokens::Model) -> Result<ApiToken, StoreError> {
        Ok(ApiToken {
            id: row.id,
            scope: TokenScope::parse(&row.scope)?,
            name: row.name,
            created_at: row.created_at,
            expires_at: row.expires_at,
            last_used_at: row.last_used_at,
        })
    }
}

/// The columns of a table of secrets that sign a person in (sessions, API tokens).
struct GrantTable<C> {
    id: C,
    /// What limits the grant: a session's pending factor, a token's scope.
    limit: C,
    last_used: C,
    person: C,
    token_hash: C,
}

/// The sessions still live at `now`: within the absolute limit, and seen since
/// `idle_before`.
fn live_sessions(now: DateTime<Utc>, idle_before: DateTime<Utc>) -> Condition {
    let last_seen = Func::coalesce([
        Expr::col((sessions::Entity, sessions::Column::LastUsedAt)),
        Expr::col((sessions::Entity, sessions::Column::CreatedAt)),
    ]);
    Condition::all()
        .add(Expr::col((sessions::Entity, sessions::Column::ExpiresAt)).gt(now))
        .add(Expr::expr(last_seen).gt(idle_before))
}

/// The tokens still working at `now`.
fn live_tokens(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(Expr::col((api_tokens::Entity, api_tokens::Column::RevokedAt)).is_null())
        .add(
            Condition::any()
                .add(Expr::col((api_tokens::Entity, api_tokens::Column::ExpiresAt)).is_null())
                .add(Expr::col((api_tokens::Entity, api_tokens::Column::ExpiresAt)).gt(now)),
        )
}

impl Store {
    /// Records a session; sessions past either limit, anyone's, are cleared away.
    pub async fn open_session(&self, new: NewSession<'_>) -> Result<i64, StoreError> {
        let writer = self.writer().await;
        sessions::Entity::delete_many()
            .filter(live_sessions(new.at, new.idle_before).not())
            .exec(*writer)
            .await?;
        let row = sessions::ActiveModel {
            token_hash: Set(digest(new.secret)),
            person_id: Set(new.person.0),
            created_at: Set(new.at),
            expires_at: Set(Some(new.expires_at)),
            last_used_at: Set(None),
            user_agent: Set(new.user_agent.map(str::to_owned)),
            address: Set(new.address.map(str::to_owned)),
            pending: Set(new.pending.map(|p| p.as_str().to_owned())),
            ..Default::default()
        }
        .insert(*writer)
        .await?;
        Ok(row.id)
    }

    /// The active person `secret` signs in at `now`, by a live session (seen since
    /// `idle_before`) or a working API token, and what it grants. Notes the use, at most
    /// once every [`LAST_SEEN_EVERY`].
    pub async fn holder(
        &self,
        secret: &str,
        now: DateTime<Utc>,
        idle_before: DateTime<Utc>,
    ) -> Result<Option<Holder>, StoreError> {
        let hash = digest(secret);
        let session = GrantTable {
            id: sessions::Column::Id,
            limit: sessions::Column::Pending,
            last_used: sessions::Column::LastUsedAt,
            person: sessions::Column::PersonId,
            token_hash: sessions::Column::TokenHash,
        };
        if let Some((record, id, pending)) = self
            .grant_row::<sessions::Entity>(&session, &hash, live_sessions(now, idle_before), now)
            .await?
        {
            let pending = pending.as_deref().map(Pending::parse).transpose()?;
            return Ok(Some(Holder {
                record,
                grant: Grant::Session { id, pending },
            }));
        }
        let token = GrantTable {
            id: api_tokens::Column::Id,
            limit: api_tokens::Column::Scope,
            last_used: api_tokens::Column::LastUsedAt,
            person: api_tokens::Column::PersonId,
            token_hash: api_tokens::Column::TokenHash,
        };
        let Some((record, id, scope)) = self
            .grant_row::<api_tokens::Entity>(&token, &hash, live_tokens(now), now)
            .await?
        else {
            return Ok(None);
        };
        let scope = scope.ok_or_else(|| StoreError::Corrupt("token without a scope".into()))?;
        Ok(Some(Holder {
            record,
            grant: Grant::Token {
                id,
                scope: TokenScope::parse(&scope)?,
            },
        }))
    }

    /// The active person whose row of `table` holds `hash` and meets `live`, in one query
    /// with their roles, and that row's id and limit; its last use noted at `now` when the
    /// last note is older than [`LAST_SEEN_EVERY`].
    async fn grant_row<E: EntityTrait>(
        &self,
        table: &GrantTable<E::Column>,
        hash: &str,
        live: Condition,
        now: DateTime<Utc>,
    ) -> Result<Option<(PersonRecord, i64, Option<String>)>, StoreError> {
        let column = |c: E::Column| Expr::col((E::default(), c));
        let select = person_select()
            .expr_as(column(table.id), "grant_id")
            .expr_as(column(table.limit), "grant_limit")
            .expr_as(column(table.last_used), "used")
            .inner_join(
                E::default(),
                column(table.person).equals((people::Entity, people::Column::Id)),
            )
            .and_where(column(table.token_hash).eq(hash))
            .cond_where(live)
            .to_owned();
        let Some((record, (id, limit, used))) = persons_with_roles(self, &select, |row| {
            Ok((
                row.int("grant_id")?,
                row.maybe_text("grant_limit")?,
                row.maybe_time("used")?,
            ))
        })
        .await?
        else {
            return Ok(None);
        };
        if used.is_none_or(|at| at <= now - LAST_SEEN_EVERY) {
            E::update_many()
                .col_expr(table.last_used, Expr::val(now))
                .filter(table.id.eq(id))
                .exec(*self.writer().await)
                .await?;
        }
        Ok(Some((record, id, limit)))
    }

    /// `person`'s live sessions, the most recently used first.
    pub async fn sessions_of(
        &self,
        person: PersonId,
        now: DateTime<Utc>,
        idle_before: DateTime<Utc>,
    ) -> Result<Vec<SessionInfo>, StoreError> {
        let rows = sessions::Entity::find()
            .filter(sessions::Column::PersonId.eq(person.0))
            .filter(live_sessions(now, idle_before))
            .order_by_desc(sessions::Column::Id)
            .all(&self.read)
            .await?;
        let mut sessions: Vec<SessionInfo> = rows
            .into_iter()
            .map(|row| SessionInfo {
                id: row.id,
                last_seen_at: row.last_used_at.unwrap_or(row.created_at),
                created_at: row.created_at,
                expires_at: row.expires_at,
                user_agent: row.user_agent,
                address: row.address,
            })
            .collect();
        sessions.sort_by_key(|s| std::cmp::Reverse(s.last_seen_at));
        Ok(sessions)
    }

    /// Marks session `id` as owing nothing more: its second factor was given.
    pub async fn settle_session(&self, id: i64) -> Result<(), StoreError> {
        sessions::Entity::update_many()
            .col_expr(sessions::Column::Pending, Expr::value(None::<String>))
            .filter(sessions::Column::Id.eq(id))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Ends the session `secret` (signing out). Ending one that does not exist is not an
    /// error.
    pub async fn close_session(&self, secret: &str) -> Result<(), StoreError> {
        sessions::Entity::delete_many()
            .filter(sessions::Column::TokenHash.eq(digest(secret)))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Ends `person`'s session `id`; not found if it is not theirs.
    pub async fn close_session_of(&self, person: PersonId, id: i64) -> Result<(), StoreError> {
        let result = sessions::Entity::delete_many()
            .filter(sessions::Column::Id.eq(id))
            .filter(sessions::Column::PersonId.eq(person.0))
            .exec(*self.writer().await)
            .await?;
        if result.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Ends every session of `person` (on a password change, or when they leave), except
    /// `keep` (the one asking, when they sign out everywhere else). Returns how many ended.
    pub async fn close_sessions_of(
        &self,
        person: PersonId,
        keep: Option<i64>,
    ) -> Result<u64, StoreError> {
        let mut delete =
            sessions::Entity::delete_many().filter(sessions::Column::PersonId.eq(person.0));
        if let Some(keep) = keep {
            delete = delete.filter(sessions::Column::Id.ne(keep));
        }
        Ok(delete.exec(*self.writer().await).await?.rows_affected)
    }

    /// Issues an API token named `name` for `person`, identified by `secret`, able to do
    /// what `scope` says until `expires_at`.
    pub async fn create_api_token(
        &self,
        person: PersonId,
        name: &str,
        scope: TokenScope,
        secret: &str,
        at: DateTime<Utc>,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<ApiToken, StoreError> {
        let row = api_tokens::ActiveModel {
            token_hash: Set(digest(secret)),
            person_id: Set(person.0),
            created_at: Set(at),
            expires_at: Set(expires_at),
            last_used_at: Set(None),
            name: Set(name.to_owned()),
            revoked_at: Set(None),
            scope: Set(scope.as_str().to_owned()),
            ..Default::default()
        }
        .insert(*self.writer().await)
        .await?;
        ApiToken::of(row)
    }

    /// `person`'s tokens still working at `now`, the newest first.
    pub async fn api_tokens_of(
        &self,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> Result<Vec<ApiToken>, StoreError> {
        api_tokens::Entity::find()
            .filter(api_tokens::Column::PersonId.eq(person.0))
            .filter(live_tokens(now))
            .order_by_desc(api_tokens::Column::Id)
            .all(&self.read)
            .await?
            .into_iter()
            .map(ApiToken::of)
            .collect()
    }

    /// Revokes `person`'s token `id`; it stops working at once.
    pub async fn revoke_api_token(
        &self,
        person: PersonId,
        id: i64,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let result = api_tokens::Entity::update_many()
            .set(api_tokens::ActiveModel {
                revoked_at: Set(Some(at)),
                ..Default::default()
            })
            .filter(api_tokens::Column::Id.eq(id))
            .filter(api_tokens::Column::PersonId.eq(person.0))
            .filter(api_tokens::Column::RevokedAt.is_null())
            .exec(*self.writer().await)
            .await?;
        if result.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
