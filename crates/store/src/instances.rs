//! The server processes sharing the database, and whether each is alive.
//!
//! A process records itself when it starts and beats a heartbeat while it runs; its
//! claims on emails name it. When it stops, it gives its claims back; when it dies, its
//! heartbeat stops, and once the heartbeat is `stale` old its claims are anyone's
//! ([`Store::claim_emails`]). Heartbeats, like claims, are kept in real time.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::Store;
use crate::entity::{instances, outbox};
use crate::error::StoreError;

impl Store {
    /// Records the process `id` (on `host`), alive at `at`.
    pub async fn register_instance(
        &self,
        id: &str,
        host: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        instances::ActiveModel {
            id: Set(id.to_owned()),
            host: Set(host.chars().take(200).collect()),
            started_at: Set(at),
            heartbeat_at: Set(at),
            stopped_at: Set(None),
        }
        .insert(*self.writer().await)
        .await?;
        Ok(())
    }

    /// Records that the process `id` is alive at `at`.
    pub async fn heartbeat(&self, id: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        instances::Entity::update_many()
            .col_expr(instances::Column::HeartbeatAt, Expr::value(at))
            .filter(instances::Column::Id.eq(id))
            .exec(*self.writer().await)
            .await?;
        Ok(())
    }

    /// Records that the process `id` stopped at `at`, and gives back the claims it still
    /// holds on emails: how many.
    pub async fn stop_instance(&self, id: &str, at: DateTime<Utc>) -> Result<u64, StoreError> {
        let released = self.release_claims(Some(id)).await?;
        instances::Entity::update_many()
            .col_expr(instances::Column::StoppedAt, Expr::value(at))
            .filter(instances::Column::Id.eq(id))
            .exec(*self.writer().await)
            .await?;
        Ok(released)
    }

    /// Records every process but `id` as stopped at `at`: for a SQLite database, which one
    /// process owns, when that process starts.
    pub async fn stop_other_instances(
        &self,
        id: &str,
        at: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        Ok(instances::Entity::update_many()
            .col_expr(instances::Column::StoppedAt, Expr::value(at))
            .filter(instances::Column::Id.ne(id))
            .filter(instances::Column::StoppedAt.is_null())
            .exec(*self.writer().await)
            .await?
            .rows_affected)
    }

    /// Gives back every claim on an email, whoever holds it: for a SQLite database, which
    /// one process owns, when that process starts. How many.
    pub async fn release_all_claims(&self) -> Result<u64, StoreError> {
        self.release_claims(None).await
    }

    /// Gives back the claims of the process `holder`, or of every process.
    async fn release_claims(&self, holder: Option<&str>) -> Result<u64, StoreError> {
        let mut release = outbox::Entity::update_many()
            .col_expr(
                outbox::Column::LockedUntil,
                Expr::value(None::<DateTime<Utc>>),
            )
            .col_expr(outbox::Column::ClaimedBy, Expr::value(None::<String>))
            .filter(outbox::Column::Status.eq("pending"))
            .filter(outbox::Column::LockedUntil.is_not_null());
        if let Some(holder) = holder {
            release = release.filter(outbox::Column::ClaimedBy.eq(holder));
        }
        Ok(release.exec(*self.writer().await).await?.rows_affected)
    }

    /// Forgets the processes not heard from since `before`.
    pub async fn forget_instances_before(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        Ok(instances::Entity::delete_many()
            .filter(instances::Column::HeartbeatAt.lt(before))
            .exec(*self.writer().await)
            .await?
            .rows_affected)
    }
}

/// The processes alive: not stopped, and heard from since `stale_before`.
pub(crate) fn live_instances(stale_before: DateTime<Utc>) -> SelectStatement {
    Query::select()
        .column(instances::Column::Id)
        .from(instances::Entity)
        .and_where(instances::Column::StoppedAt.is_null())
        .and_where(instances::Column::HeartbeatAt.gte(stale_before))
        .to_owned()
}
