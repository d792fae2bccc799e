//! The recommendations of a decision an appeal overturned are withdrawn (the workflow now
//! withdraws them as the appeal is decided). The records of cases overturned before are
//! brought to what their replay now gives, with the workflow's own rule, so that
//! `disputes audit verify` still passes; the recommendations table follows them. The audit
//! events are not touched.

use disputes_workflow::{Case, RecommendationStatus};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

fn corrupt(error: impl std::fmt::Display) -> DbErr {
    DbErr::Custom(format!("a case record cannot be read: {error}"))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        let overturned = Statement::from_string(
            backend,
            "SELECT r.case_id AS case_id, r.record AS record FROM case_records r \
             JOIN cases c ON c.id = r.case_id WHERE c.appeal_result = 'decision_overturned'",
        );
        for row in db.query_all_raw(overturned).await? {
            let case_id: i64 = row.try_get("", "case_id")?;
            let record: String = row.try_get("", "record")?;
            let mut case: Case = serde_json::from_str(&record).map_err(corrupt)?;
            let before = case.clone();
            case.withdraw_overturned_recommendations();
            if case == before {
                continue;
            }
            let record = serde_json::to_string(&case).map_err(corrupt)?;
            manager
                .exec_stmt(
                    Query::update()
                        .table("case_records")
                        .value("record", record)
                        .and_where(Expr::col("case_id").eq(case_id))
                        .to_owned(),
                )
                .await?;
            let recommendations = case.decision.iter().flat_map(|d| d.recommendations.iter());
            for (position, recommendation) in recommendations.enumerate() {
                if recommendation.status != RecommendationStatus::Withdrawn {
                    continue;
                }
                manager
                    .exec_stmt(
                        Query::update()
                            .table("recommendations")
                            .value("status", "withdrawn")
                            .value("marked_on", recommendation.marked_on)
                            .and_where(Expr::col("case_id").eq(case_id))
                            .and_where(Expr::col("position").eq(position as i64))
                            .to_owned(),
                    )
                    .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // A withdrawn recommendation stays withdrawn: the code before this release would read
        // it as a status it does not know, and the records it needs cannot be told apart
        // from those it made.
        Ok(())
    }
}
