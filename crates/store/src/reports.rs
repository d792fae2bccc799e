//! The annual review's figures, counted by the database.
//!
//! Cases are counted by outcome, stage reached, principle, and the sector and grouping of
//! each side; deadlines by how they ended; recommendations by what became of them. Time per
//! stage needs working days, which SQL cannot count, so the spans come from the database and
//! are measured here on the Compact's calendar.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use disputes_workflow::Calendar;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::Store;
use crate::entity::{
    case_principles, cases, deadlines, organisations, recommendations, stage_spans,
};
use crate::error::StoreError;

/// How many of something there were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    /// What was counted, in its API spelling (`upheld`, `notice`, `vcs`, ...); `open` for
    /// cases without an outcome yet.
    pub key: String,
    /// How many.
    pub count: u64,
}

/// Working days spent in one stage, over the cases that have left it.
#[derive(Debug, Clone, PartialEq)]
pub struct StageTime {
    /// The stage.
    pub stage: String,
    /// How many stays in the stage were measured.
    pub spans: u64,
    /// The median stay, in working days.
    pub median_working_days: f64,
}

/// The outcomes of the cases raised between two dates.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeReport {
    /// First day counted.
    pub from: NaiveDate,
    /// Last day counted.
    pub to: NaiveDate,
    /// Cases raised in the period.
    pub cases: u64,
    /// By outcome (`open` while not closed).
    pub by_outcome: Vec<Count>,
    /// By the furthest stage reached.
    pub by_stage_reached: Vec<Count>,
    /// By principle cited (a case citing two counts under each).
    pub by_principle: Vec<Count>,
    /// By the raising organisation's sector.
    pub by_raising_sector: Vec<Count>,
    /// By the raising organisation's grouping.
    pub by_raising_grouping: Vec<Count>,
    /// By the respondent organisation's sector.
    pub by_respondent_sector: Vec<Count>,
    /// By the respondent organisation's grouping.
    pub by_respondent_grouping: Vec<Count>,
    /// By appeal result, for appealed cases.
    pub by_appeal_result: Vec<Count>,
    /// Obligations (not windows) by how they ended: `met`, `late`, `missed`.
    pub deadlines: Vec<Count>,
    /// The share of ended obligations met on time, when any ended.
    pub share_of_deadlines_met: Option<f64>,
    /// Recommendations by status: `open`, `implemented`, `not_implemented`.
    pub recommendations: Vec<Count>,
    /// Working days per stage.
    pub stage_times: Vec<StageTime>,
}

impl Store {
    /// The outcome report for cases raised from `from` to `to` inclusive; stage times are
    /// counted on `calendar`.
    pub async fn outcome_report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        calendar: &Calendar,
    ) -> Result<OutcomeReport, StoreError> {
        let db = &self.read;
        let in_period = |query: &mut SelectStatement| {
            query
                .and_where(Expr::col((cases::Entity, cases::Column::OpenedOn)).gte(from))
                .and_where(Expr::col((cases::Entity, cases::Column::OpenedOn)).lte(to));
        };
        let by_case_column = |column: cases::Column| {
            let mut q = Query::select();
            q.expr_as(
                Expr::col((cases::Entity, column)).if_null("open"),
                Alias::new("key"),
            )
            .expr_as(
                Func::count(Expr::col((cases::Entity, cases::Column::Id))),
                Alias::new("n"),
            )
            .from(cases::Entity)
            .group_by_col((cases::Entity, column));
            in_period(&mut q);
            q
        };
        let by_organisation = |side: cases::Column, column: organisations::Column| {
            let org = Alias::new("org");
            let mut q = Query::select();
            q.expr_as(Expr::col((org.clone(), column)), Alias::new("key"))
                .expr_as(
                    Func::count(Expr::col((cases::Entity, cases::Column::Id))),
                    Alias::new("n"),
                )
                .from(cases::Entity)
                .join_as(
                    sea_orm::JoinType::InnerJoin,
                    organisations::Entity,
                    org.clone(),
                    Expr::col((org.clone(), organisations::Column::Id))
                        .equals((cases::Entity, side)),
                )
                .group_by_col((org, column));
            in_period(&mut q);
            q
        };
        let mut principles = Query::select();
        principles
            .expr_as(
                Expr::col((case_principles::Entity, case_principles::Column::Principle)),
                Alias::new("key"),
            )
            .expr_as(
                Func::count(Expr::col((cases::Entity, cases::Column::Id))),
                Alias::new("n"),
            )
            .from(case_principles::Entity)
            .inner_join(
                cases::Entity,
                Expr::col((cases::Entity, cases::Column::Id))
                    .equals((case_principles::Entity, case_principles::Column::CaseId)),
            )
            .group_by_col((case_principles::Entity, case_principles::Column::Principle));
        in_period(&mut principles);

        let mut ended = Query::select();
        ended
            .expr_as(
                Expr::col((deadlines::Entity, deadlines::Column::Status)),
                Alias::new("key"),
            )
            .expr_as(
                Func::count(Expr::col((deadlines::Entity, deadlines::Column::Id))),
                Alias::new("n"),
            )
            .from(deadlines::Entity)
            .inner_join(
                cases::Entity,
                Expr::col((cases::Entity, cases::Column::Id))
                    .equals((deadlines::Entity, deadlines::Column::CaseId)),
            )
            .and_where(Expr::col((deadlines::Entity, deadlines::Column::Kind)).ne("appeal_window"))
            .and_where(
                Expr::col((deadlines::Entity, deadlines::Column::Status))
                    .is_in(["met", "late", "missed"]),
            )
            .group_by_col((deadlines::Entity, deadlines::Column::Status));
        in_period(&mut ended);

        let mut marked = Query::select();
        marked
            .expr_as(
                Expr::col((recommendations::Entity, recommendations::Column::Status)),
                Alias::new("key"),
            )
            .expr_as(
                Func::count(Expr::col((
                    recommendations::Entity,
                    recommendations::Column::Id,
                ))),
                Alias::new("n"),
            )
            .from(recommendations::Entity)
            .inner_join(
                cases::Entity,
                Expr::col((cases::Entity, cases::Column::Id))
                    .equals((recommendations::Entity, recommendations::Column::CaseId)),
            )
            .group_by_col((recommendations::Entity, recommendations::Column::Status));
        in_period(&mut marked);

        let by_outcome = counts(db, &by_case_column(cases::Column::Outcome)).await?;
        let mut by_appeal_result = counts(db, &by_case_column(cases::Column::AppealResult)).await?;
        by_appeal_result.retain(|c| c.key != "open");
        let deadlines = counts(db, &ended).await?;
        let met = deadlines
            .iter()
            .find(|c| c.key == "met")
            .map_or(0, |c| c.count);
        let ended_total: u64 = deadlines.iter().map(|c| c.count).sum();
        Ok(OutcomeReport {
            from,
            to,
            cases: by_outcome.iter().map(|c| c.count).sum(),
            by_outcome,
            by_stage_reached: counts(db, &by_case_column(cases::Column::FurthestStage)).await?,
            by_principle: counts(db, &principles).await?,
            by_raising_sector: counts(
                db,
                &by_organisation(
                    cases::Column::RaisingOrganisationId,
                    organisations::Column::Sector,
                ),
            )
            .await?,
            by_raising_grouping: counts(
                db,
                &by_organisation(
                    cases::Column::RaisingOrganisationId,
                    organisations::Column::Grouping,
                ),
            )
            .await?,
            by_respondent_sector: counts(
                db,
                &by_organisation(
                    cases::Column::RespondentOrganisationId,
                    organisations::Column::Sector,
                ),
            )
            .await?,
            by_respondent_grouping: counts(
                db,
                &by_organisation(
                    cases::Column::RespondentOrganisationId,
                    organisations::Column::Grouping,
                ),
            )
            .await?,
            by_appeal_result,
            share_of_deadlines_met: (ended_total > 0).then(|| met as f64 / ended_total as f64),
            deadlines,
            recommendations: counts(db, &marked).await?,
            stage_times: stage_times(db, from, to, calendar).await?,
        })
    }
}

async fn counts(
    db: &DatabaseConnection,
    query: &SelectStatement,
) -> Result<Vec<Count>, StoreError> {
    let rows = db.query_all(query).await?;
    let mut counts = Vec::with_capacity(rows.len());
    for row in rows {
        let key: String = row.try_get("", "key")?;
        let n: i64 = row.try_get("", "n")?;
        counts.push(Count {
            key,
            count: u64::try_from(n).unwrap_or_default(),
        });
    }
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    Ok(counts)
}

async fn stage_times(
    db: &DatabaseConnection,
    from: NaiveDate,
    to: NaiveDate,
    calendar: &Calendar,
) -> Result<Vec<StageTime>, StoreError> {
    let query = Query::select()
        .column((stage_spans::Entity, stage_spans::Column::Stage))
        .column((stage_spans::Entity, stage_spans::Column::EnteredOn))
        .column((stage_spans::Entity, stage_spans::Column::LeftOn))
        .from(stage_spans::Entity)
        .inner_join(
            cases::Entity,
            Expr::col((cases::Entity, cases::Column::Id))
                .equals((stage_spans::Entity, stage_spans::Column::CaseId)),
        )
        .and_where(Expr::col((stage_spans::Entity, stage_spans::Column::LeftOn)).is_not_null())
        .and_where(Expr::col((cases::Entity, cases::Column::OpenedOn)).gte(from))
        .and_where(Expr::col((cases::Entity, cases::Column::OpenedOn)).lte(to))
        .to_owned();
    let mut days: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for row in db.query_all(&query).await? {
        let stage: String = row.try_get("", "stage")?;
        let entered: NaiveDate = row.try_get("", "entered_on")?;
        let left: NaiveDate = row.try_get("", "left_on")?;
        days.entry(stage)
            .or_default()
            .push(calendar.working_days_between(entered, left));
    }
    let order = |stage: &str| {
        ["informal", "formal", "appeal"]
            .iter()
            .position(|s| *s == stage)
    };
    let mut times: Vec<StageTime> = days
        .into_iter()
        .map(|(stage, mut spans)| {
            spans.sort_unstable();
            StageTime {
                spans: spans.len() as u64,
                median_working_days: median(&spans),
                stage,
            }
        })
        .collect();
    times.sort_by_key(|t| order(&t.stage));
    Ok(times)
}

fn median(sorted: &[u32]) -> f64 {
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => f64::from(sorted[n / 2]),
        n => (f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0,
    }
}
