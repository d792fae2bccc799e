//! What proves a person is who they say beyond their password: password-reset links, the
//! authenticator app (TOTP) and its recovery codes.
//!
//! Reset tokens and recovery codes are kept as their SHA-256 alone, like every other secret
//! handed out. The authenticator's secret is kept as it is, since checking a code needs it;
//! it is never exported ([`crate::export`]) and never shown again after enrolment.

use chrono::{DateTime, Utc};
use disputes_workflow::PersonId;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::Store;
use crate::access::digest;
use crate::entity::{
    account_events, oidc_attempts, password_resets, people, recovery_codes, second_factors,
    sessions,
};
use crate::error::StoreError;

/// The reset link held as `secret`, unless it was used or has expired by `now`.
fn live_reset(secret: &str, now: DateTime<Utc>) -> sea_orm::Select<password_resets::Entity> {
    password_resets::Entity::find()
        .filter(password_resets::Column::TokenHash.eq(digest(secret)))
        .filter(password_resets::Column::UsedAt.is_null())
        .filter(password_resets::Column::ExpiresAt.gt(now))
}

/// A person's authenticator, as the server needs it to check a code.
#[derive(Clone, PartialEq, Eq)]
pub struct SecondFactor {
    /// The shared secret, base32.
    pub secret: String,
    /// When enrolment was confirmed with a first code; until then it does not guard sign-in.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The last time step a code was accepted for.
    pub last_step: Option<i64>,
}

impl std::fmt::Debug for SecondFactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecondFactor")
            .field("confirmed_at", &self.confirmed_at)
            .field("last_step", &self.last_step)
            .finish_non_exhaustive()
    }
}

/// What happened to an account's sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountEventKind {
    /// A password-reset link was asked for (and emailed).
    ResetRequested,
    /// The password was set through a reset link; every session ended.
    PasswordReset,
    /// An authenticator app was set up.
    SecondFactorAdded,
    /// The authenticator was removed (by its person, or reset by the facilitator).
    SecondFactorRemoved,
    /// A recovery code was used to sign in.
    RecoveryCodeUsed,
    /// An API token was made.
    TokenCreated,
    /// An API token was revoked.
    TokenRevoked,
    /// Every other session was signed out.
    SignedOutElsewhere,
}

impl AccountEventKind {
    /// Every kind, for those who list them.
    pub const ALL: [AccountEventKind; 8] = [
        AccountEventKind::ResetRequested,
        AccountEventKind::PasswordReset,
        AccountEventKind::SecondFactorAdded,
        AccountEventKind::SecondFactorRemoved,
        AccountEventKind::RecoveryCodeUsed,
        AccountEventKind::TokenCreated,
        AccountEventKind::TokenRevoked,
        AccountEventKind::SignedOutElsewhere,
    ];

    /// The word stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountEventKind::ResetRequested => "reset_requested",
            AccountEventKind::PasswordReset => "password_reset",
            AccountEventKind::SecondFactorAdded => "second_factor_added",
            AccountEventKind::SecondFactorRemoved => "second_factor_removed",
            AccountEventKind::RecoveryCodeUsed => "recovery_code_used",
            AccountEventKind::TokenCreated => "token_created",
            AccountEventKind::TokenRevoked => "token_revoked",
            AccountEventKind::SignedOutElsewhere => "signed_out_elsewhere",
        }
    }

    fn parse(text: &str) -> Result<AccountEventKind, StoreError> {
        AccountEventKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| StoreError::Corrupt(format!("account event {text}")))
    }
}

/// An entry of an account's security history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountEvent {
    /// What happened.
    pub kind: AccountEventKind,
    /// Who did it, when not the person themselves (the facilitator).
    pub actor: Option<PersonId>,
    /// More: a token's name, the facilitator's reason.
    pub detail: Option<String>,
    /// The address it came from.
    pub address: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

/// A sign-in through an OpenID Connect provider about to leave for it.
#[derive(Clone)]
pub struct OidcAttempt {
    /// The `state` sent to the provider, which comes back with the person.
    pub state: String,
    /// The secret of the cookie the browser that started it holds.
    pub browser: String,
    /// The provider's name in the configuration.
    pub provider: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE verifier for the code exchange.
    pub verifier: String,
    /// Where to go once signed in.
    pub next: String,
}

impl std::fmt::Debug for OidcAttempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcAttempt")
            .field("provider", &self.provider)
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Records `attempt`, to be taken back within `until`; attempts long past are cleared.
    pub async fn start_oidc_attempt(
        &self,
        attempt: &OidcAttempt,
        at: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let writer = self.writer().await;
        oidc_attempts::Entity::delete_many()
            .filter(oidc_attempts::Column::ExpiresAt.lt(at))
            .exec(*writer)
            .await?;
        oidc_attempts::ActiveModel {
            state_hash: Set(digest(&attempt.state)),
            browser_hash: Set(digest(&attempt.browser)),
            provider: Set(attempt.provider.clone()),
            nonce: Set(attempt.nonce.clone()),
            verifier: Set(attempt.verifier.clone()),
            next: Set(attempt.next.clone()),
            created_at: Set(at),
            expires_at: Set(until),
            ..Default::default()
        }
        .insert(*writer)
        .await?;
        Ok(())
    }

    /// Takes the attempt whose state is `state`, once: none when there is none, it has
    /// expired by `now`, or it was started by a browser other than the one holding
    /// `browser` (and then it is spent all the same, as someone else has its state).
    pub async fn take_oidc_attempt(
        &self,
        state: &str,
        browser: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<OidcAttempt>, StoreError> {
        let txn = self.begin_write().await?;
        let Some(row) = oidc_attempts::Entity::find()
            .filter(oidc_attempts::Column::StateHash.eq(digest(state)))
            .one(&*txn)
            .await?
        else {
            return Ok(None);
        };
        oidc_attempts::Entity::delete_by_id(row.id)
            .exec(&*txn)
            .await?;
        txn.commit().await?;
        if row.expires_at <= now || row.browser_hash != digest(browser) {
            return Ok(None);
        }
        Ok(Some(OidcAttempt {
            state: state.to_owned(),
            browser: browser.to_owned(),
            provider: row.provider,
            nonce: row.nonce,
            verifier: row.verifier,
            next: row.next,
        }))
    }

    /// Adds `event` to `person`'s security history.
    pub async fn record_account_event(
        &self,
        person: PersonId,
        event: &AccountEvent,
    ) -> Result<(), StoreError> {
        account_events::ActiveModel {
            person_id: Set(person.0),
            actor_id: Set(event.actor.map(|a| a.0)),
            kind: Set(event.kind.as_str().to_owned()),
            detail: Set(event.detail.clone()),
            address: Set(event.address.clone()),
            at: Set(event.at),
            ..Default::default()
        }
        .insert(*self.writer().await)
        .await?;
        Ok(())
    }

    /// `person`'s security history, the latest `limit` entries, newest first.
    pub async fn account_events(
        &self,
        person: PersonId,
        limit: u64,
    ) -> Result<Vec<AccountEvent>, StoreError> {
        account_events::Entity::find()
            .filter(account_events::Column::PersonId.eq(person.0))
            .order_by_desc(account_events::Column::At)
            .order_by_desc(account_events::Column::Id)
            .limit(limit)
            .all(&self.read)
            .await?
            .into_iter()
            .map(|row| {
                Ok(AccountEvent {
                    kind: AccountEventKind::parse(&row.kind)?,
                    actor: row.actor_id.map(PersonId),
                    detail: row.detail,
                    address: row.address,
                    at: row.at,
                })
            })
            .collect()
    }

    /// Records a password-reset link for `person`, held as `secret`, usable once until
    /// `expires_at`.
    pub async fn start_password_reset(
        &self,
        person: PersonId,
        secret: &str,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        password_resets::ActiveModel {
            token_hash: Set(digest(secret)),
            person_id: Set(person.0),
            created_at: Set(at),
            expires_at: Set(expires_at),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(*self.writer().await)
        .await?;
        Ok(())
    }

    /// Whose unused, unexpired reset link `secret` is, if anyone's (to show the form).
    pub async fn password_reset_holder(
        &self,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<PersonId>, StoreError> {
        Ok(live_reset(secret, now)
            .one(&self.read)
            .await?
            .map(|row| PersonId(row.person_id)))
    }

    /// Sets a new password through the reset link `secret`, in one transaction: the link
    /// and every other link of the person's are spent, and all their sessions end. Not found
    /// when the link is unknown, used, expired, or its person has left.
    pub async fn finish_password_reset(
        &self,
        secret: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<PersonId, StoreError> {
        let txn = self.begin_write().await?;
        let reset = live_reset(secret, now)
            .one(&*txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        let person = reset.person_id;
        let changed = people::Entity::update_many()
            .col_expr(people::Column::PasswordHash, Expr::value(password_hash))
            .filter(people::Column::Id.eq(person))
            .filter(people::Column::Active.eq(true))
            .exec(&*txn)
            .await?;
        if changed.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        password_resets::Entity::update_many()
            .col_expr(password_resets::Column::UsedAt, Expr::value(now))
            .filter(password_resets::Column::PersonId.eq(person))
            .filter(password_resets::Column::UsedAt.is_null())
            .exec(&*txn)
            .await?;
        sessions::Entity::delete_many()
            .filter(sessions::Column::PersonId.eq(person))
            .exec(&*txn)
            .await?;
        txn.commit().await?;
        Ok(PersonId(person))
    }

    /// `person`'s authenticator, confirmed or still being enrolled, if they have one.
    pub async fn second_factor(
        &self,
        person: PersonId,
    ) -> Result<Option<SecondFactor>, StoreError> {
        Ok(second_factors::Entity::find_by_id(person.0)
            .one(&self.read)
            .await?
            .map(|row| SecondFactor {
                secret: row.secret,
                confirmed_at: row.confirmed_at,
                last_step: row.last_step,
            }))
    }

    /// Starts enrolling an authenticator holding `secret` for `person`, replacing one whose
    /// enrolment was never confirmed. A confirmed one is kept: 409 (it must be removed
    /// first, by its person or the facilitator).
    pub async fn begin_second_factor(
        &self,
        person: PersonId,
        secret: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let writer = self.writer().await;
        second_factors::Entity::delete_many()
            .filter(second_factors::Column::PersonId.eq(person.0))
            .filter(second_factors::Column::ConfirmedAt.is_null())
            .exec(*writer)
            .await?;
        let inserted = second_factors::Entity::insert(second_factors::ActiveModel {
            person_id: Set(person.0),
            secret: Set(secret.to_owned()),
            created_at: Set(at),
            confirmed_at: Set(None),
            last_step: Set(None),
        })
        .on_conflict(
            OnConflict::column(second_factors::Column::PersonId)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(*writer)
        .await?;
        if inserted == 0 {
            return Err(StoreError::Conflict(
                "an authenticator is already set up for this person".to_owned(),
            ));
        }
        Ok(())
    }

    /// Accepts a code of time step `step` from `person`'s authenticator, once: refused
    /// (false) when a code of that step or a later one was accepted before, so that a code
    /// seen over someone's shoulder cannot be used again. `confirm` also confirms an
    /// enrolment and gives the person `recovery` as their recovery codes, replacing any
    /// they had.
    pub async fn accept_second_factor_step(
        &self,
        person: PersonId,
        step: i64,
        at: DateTime<Utc>,
        recovery: Option<&[String]>,
    ) -> Result<bool, StoreError> {
        let txn = self.begin_write().await?;
        let mut update = second_factors::Entity::update_many()
            .col_expr(second_factors::Column::LastStep, Expr::value(step))
            .filter(second_factors::Column::PersonId.eq(person.0))
            .filter(
                sea_orm::Condition::any()
                    .add(second_factors::Column::LastStep.is_null())
                    .add(second_factors::Column::LastStep.lt(step)),
            );
        update = match recovery {
            Some(_) => update
                .col_expr(second_factors::Column::ConfirmedAt, Expr::value(at))
                .filter(second_factors::Column::ConfirmedAt.is_null()),
            None => update.filter(second_factors::Column::ConfirmedAt.is_not_null()),
        };
        if update.exec(&*txn).await?.rows_affected == 0 {
            return Ok(false);
        }
        if let Some(codes) = recovery {
            recovery_codes::Entity::delete_many()
                .filter(recovery_codes::Column::PersonId.eq(person.0))
                .exec(&*txn)
                .await?;
            recovery_codes::Entity::insert_many(codes.iter().map(|code| {
                recovery_codes::ActiveModel {
                    person_id: Set(person.0),
                    code_hash: Set(digest(code)),
                    created_at: Set(at),
                    used_at: Set(None),
                    ..Default::default()
                }
            }))
            .exec_without_returning(&*txn)
            .await?;
        }
        txn.commit().await?;
        Ok(true)
    }

    /// Spends one of `person`'s recovery codes; false when `code` is not one of their
    /// unused codes.
    pub async fn use_recovery_code(
        &self,
        person: PersonId,
        code: &str,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let result = recovery_codes::Entity::update_many()
            .col_expr(recovery_codes::Column::UsedAt, Expr::value(at))
            .filter(recovery_codes::Column::PersonId.eq(person.0))
            .filter(recovery_codes::Column::CodeHash.eq(digest(code)))
            .filter(recovery_codes::Column::UsedAt.is_null())
            .exec(*self.writer().await)
            .await?;
        Ok(result.rows_affected == 1)
    }

    /// How many unused recovery codes `person` has left.
    pub async fn recovery_codes_left(&self, person: PersonId) -> Result<u64, StoreError> {
        Ok(recovery_codes::Entity::find()
            .filter(recovery_codes::Column::PersonId.eq(person.0))
            .filter(recovery_codes::Column::UsedAt.is_null())
            .count(&self.read)
            .await?)
    }

    /// Removes `person`'s authenticator and recovery codes (they lost their phone, or the
    /// facilitator reset it). Returns whether there was one.
    pub async fn remove_second_factor(&self, person: PersonId) -> Result<bool, StoreError> {
        let txn = self.begin_write().await?;
        recovery_codes::Entity::delete_many()
            .filter(recovery_codes::Column::PersonId.eq(person.0))
            .exec(&*txn)
            .await?;
        let removed = second_factors::Entity::delete_many()
            .filter(second_factors::Column::PersonId.eq(person.0))
            .exec(&*txn)
            .await?;
        txn.commit().await?;
        Ok(removed.rows_affected > 0)
    }
}
