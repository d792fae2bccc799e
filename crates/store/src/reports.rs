//! The annual review's figures, counted by the database.
//!
//! Cases are counted by outcome, stage reached, principle, and the sector and grouping of
//! each side; deadlines by how they ended; recommendations by what became of them. Time per
//! stage needs working days, which SQL cannot count, so the spans come from the database and
//! are measured here on the Compact's calendar.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use disputes_workflow::Calendar;
use sea_orm::sea_query::{Alias, Asterisk, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{AccessMode, ConnectionTrait, EntityTrait, IsolationLevel, TransactionTrait};

use crate::entity::{
    case_principles, cases, deadlines, organisations, recommendations, stage_spans,
};
use crate::error::StoreError;
use crate::{Backend, Store};

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
    ///
    /// Each table is read once: the cases are tallied by outcome, stage reached and appeal
    /// result in one pass, and by each side's organisation in another, whose sector and
    /// grouping are looked up here. On SQLite the reads run side by side on the read pool;
    /// on PostgreSQL, which spreads each read over parallel workers of its own, they run one
    /// after another in one read-only snapshot, so every figure counts the same cases.
    pub async fn outcome_report(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        calendar: &Calendar,
    ) -> Result<OutcomeReport, StoreError> {
        let period = Period { from, to };
        match self.backend() {
            Backend::Sqlite => report_on(&self.read, period, calendar).await,
            Backend::Postgres => {
                let snapshot = self
                    .read
                    .begin_with_config(
                        Some(IsolationLevel::RepeatableRead),
                        Some(AccessMode::ReadOnly),
                    )
                    .await?;
                let report = report_on(&snapshot, period, calendar).await?;
                snapshot.commit().await?;
                Ok(report)
            }
        }
    }
}

/// The report, read through `db`: reads sent through one connection or transaction wait
/// their turn, reads through a pool run at once.
async fn report_on(
    db: &impl ConnectionTrait,
    period: Period,
    calendar: &Calendar,
) -> Result<OutcomeReport, StoreError> {
    let Period { from, to } = period;
    let (tallies, raising, respondent, by_principle, deadlines, recommendations, spans, orgs) = tokio::try_join!(
        case_tallies(db, period),
        counts(db, period.by_side(cases::Column::RaisingOrganisationId)),
        counts(db, period.by_side(cases::Column::RespondentOrganisationId)),
        counts(db, period.by_principle()),
        counts(db, period.ended_obligations()),
        counts(db, period.recommendations()),
        stage_spans_of(db, period),
        async { Ok::<_, StoreError>(organisations::Entity::find().all(db).await?) },
    )?;
    let orgs: HashMap<String, organisations::Model> =
        orgs.into_iter().map(|o| (o.id.to_string(), o)).collect();
    let regroup = |by_org: &[Count], pick: fn(&organisations::Model) -> &String| {
        tally(by_org.iter().map(|c| {
            let key = orgs.get(&c.key).map_or("unknown", |o| pick(o).as_str());
            (key.to_owned(), c.count)
        }))
    };
    let met = deadlines
        .iter()
        .find(|c| c.key == "met")
        .map_or(0, |c| c.count);
    let ended_total: u64 = deadlines.iter().map(|c| c.count).sum();
    let by_outcome = tally(tallies.iter().map(|t| (t.outcome.clone(), t.count)));
    let mut by_appeal_result = tally(tallies.iter().map(|t| (t.appeal.clone(), t.count)));
    by_appeal_result.retain(|c| c.key != "open");
    Ok(OutcomeReport {
        from,
        to,
        cases: by_outcome.iter().map(|c| c.count).sum(),
        by_outcome,
        by_stage_reached: tally(tallies.iter().map(|t| (t.furthest.clone(), t.count))),
        by_principle,
        by_raising_sector: regroup(&raising, |o| &o.sector),
        by_raising_grouping: regroup(&raising, |o| &o.grouping),
        by_respondent_sector: regroup(&respondent, |o| &o.sector),
        by_respondent_grouping: regroup(&respondent, |o| &o.grouping),
        by_appeal_result,
        share_of_deadlines_met: (ended_total > 0).then(|| met as f64 / ended_total as f64),
        deadlines,
        recommendations,
        stage_times: stage_times(spans, calendar),
    })
}

/// The days whose cases a report counts, as conditions on the cases they were raised on.
#[derive(Debug, Clone, Copy)]
struct Period {
    from: NaiveDate,
    to: NaiveDate,
}

impl Period {
    /// Restricts `query`, which reads `cases`, to the cases raised in the period.
    fn restrict(self, query: &mut SelectStatement) {
        self.restrict_rows(query, cases::Entity, cases::Column::OpenedOn);
    }

    /// `key, n` counting `table`'s rows by `key`, over the period's cases: through the
    /// opening day each row keeps, so that a year's rows are one range of an index that
    /// leads with it, and no case is read.
    fn count_by<T: EntityTrait>(
        self,
        table: T,
        opened_on: T::Column,
        key: T::Column,
    ) -> SelectStatement {
        let mut q = Query::select();
        q.expr_as(Expr::col((table, key)), Alias::new("key"))
            .expr_as(Expr::col(Asterisk).count(), Alias::new("n"))
            .from(table)
            .group_by_col((table, key));
        self.restrict_rows(&mut q, table, opened_on);
        q
    }

    /// Restricts `query`, which reads `table`, to the rows of cases raised in the period.
    fn restrict_rows<T: EntityTrait>(
        self,
        query: &mut SelectStatement,
        table: T,
        opened_on: T::Column,
    ) {
        query
            .and_where(Expr::col((table, opened_on)).gte(self.from))
            .and_where(Expr::col((table, opened_on)).lte(self.to));
    }

    /// The period's cases counted by one side's organisation id.
    fn by_side(self, side: cases::Column) -> SelectStatement {
        let mut q = Query::select();
        q.expr_as(
            Expr::col((cases::Entity, side)).cast_as(Alias::new(TEXT)),
            Alias::new("key"),
        )
        .expr_as(
            Func::count(Expr::col((cases::Entity, cases::Column::Id))),
            Alias::new("n"),
        )
        .from(cases::Entity)
        .group_by_col((cases::Entity, side));
        self.restrict(&mut q);
        q
    }

    fn by_principle(self) -> SelectStatement {
        self.count_by(
            case_principles::Entity,
            case_principles::Column::CaseOpenedOn,
            case_principles::Column::Principle,
        )
    }

    /// Obligations (not windows) that ended, by how.
    fn ended_obligations(self) -> SelectStatement {
        let mut q = self.count_by(
            deadlines::Entity,
            deadlines::Column::CaseOpenedOn,
            deadlines::Column::Status,
        );
        q.and_where(Expr::col((deadlines::Entity, deadlines::Column::Kind)).ne("appeal_window"))
            .and_where(
                Expr::col((deadlines::Entity, deadlines::Column::Status))
                    .is_in(["met", "late", "missed"]),
            );
        q
    }

    fn recommendations(self) -> SelectStatement {
        self.count_by(
            recommendations::Entity,
            recommendations::Column::CaseOpenedOn,
            recommendations::Column::Status,
        )
    }
}

/// The type integers are cast to so that every count's key reads as text.
const TEXT: &str = "text";

/// How many of the period's cases ended one way, reached one stage and had one appeal
/// result.
struct CaseTally {
    outcome: String,
    furthest: String,
    appeal: String,
    count: u64,
}

async fn case_tallies(
    db: &impl ConnectionTrait,
    period: Period,
) -> Result<Vec<CaseTally>, StoreError> {
    let columns = [
        cases::Column::Outcome,
        cases::Column::FurthestStage,
        cases::Column::AppealResult,
    ];
    let mut q = Query::select();
    for column in columns {
        q.expr(Expr::col((cases::Entity, column)).if_null("open"))
            .group_by_col((cases::Entity, column));
    }
    q.expr_as(
        Func::count(Expr::col((cases::Entity, cases::Column::Id))),
        Alias::new("n"),
    )
    .from(cases::Entity);
    period.restrict(&mut q);
    let mut tallies = Vec::new();
    for row in db.query_all(&q).await? {
        let n: i64 = row.try_get_by_index(3)?;
        tallies.push(CaseTally {
            outcome: row.try_get_by_index(0)?,
            furthest: row.try_get_by_index(1)?,
            appeal: row.try_get_by_index(2)?,
            count: u64::try_from(n).unwrap_or_default(),
        });
    }
    Ok(tallies)
}

/// Sums counts under their keys, largest first.
fn tally(counted: impl Iterator<Item = (String, u64)>) -> Vec<Count> {
    let mut sums: BTreeMap<String, u64> = BTreeMap::new();
    for (key, n) in counted {
        *sums.entry(key).or_default() += n;
    }
    let mut counts: Vec<Count> = sums
        .into_iter()
        .map(|(key, count)| Count { key, count })
        .collect();
    sort_counts(&mut counts);
    counts
}

fn sort_counts(counts: &mut [Count]) {
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
}

async fn counts(
    db: &impl ConnectionTrait,
    query: SelectStatement,
) -> Result<Vec<Count>, StoreError> {
    let rows = db.query_all(&query).await?;
    let mut counts = Vec::with_capacity(rows.len());
    for row in rows {
        let key: String = row.try_get("", "key")?;
        let n: i64 = row.try_get("", "n")?;
        counts.push(Count {
            key,
            count: u64::try_from(n).unwrap_or_default(),
        });
    }
    sort_counts(&mut counts);
    Ok(counts)
}

/// Stays in a stage that have ended, counted by stage and the days they began and ended:
/// many cases share those days, so the working days are counted once for each.
struct Stays {
    stage: String,
    entered: NaiveDate,
    left: NaiveDate,
    count: u64,
}

async fn stage_spans_of(
    db: &impl ConnectionTrait,
    period: Period,
) -> Result<Vec<Stays>, StoreError> {
    let columns = [
        stage_spans::Column::Stage,
        stage_spans::Column::EnteredOn,
        stage_spans::Column::LeftOn,
    ];
    let mut q = Query::select();
    for column in columns {
        q.column((stage_spans::Entity, column))
            .group_by_col((stage_spans::Entity, column));
    }
    q.expr_as(Expr::col(Asterisk).count(), Alias::new("n"))
        .from(stage_spans::Entity)
        .and_where(Expr::col((stage_spans::Entity, stage_spans::Column::LeftOn)).is_not_null());
    period.restrict_rows(
        &mut q,
        stage_spans::Entity,
        stage_spans::Column::CaseOpenedOn,
    );
    let mut stays = Vec::new();
    for row in db.query_all(&q).await? {
        let n: i64 = row.try_get("", "n")?;
        stays.push(Stays {
            stage: row.try_get("", "stage")?,
            entered: row.try_get("", "entered_on")?,
            left: row.try_get("", "left_on")?,
            count: u64::try_from(n).unwrap_or_default(),
        });
    }
    Ok(stays)
}

fn stage_times(stays: Vec<Stays>, calendar: &Calendar) -> Vec<StageTime> {
    let mut days: BTreeMap<String, Vec<(u32, u64)>> = BTreeMap::new();
    for stay in stays {
        days.entry(stay.stage).or_default().push((
            calendar.working_days_between(stay.entered, stay.left),
            stay.count,
        ));
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
                spans: spans.iter().map(|(_, n)| n).sum(),
                median_working_days: median(&spans),
                stage,
            }
        })
        .collect();
    times.sort_by_key(|t| order(&t.stage));
    times
}

/// The median of values given with how many times each occurs, sorted by value.
fn median(sorted: &[(u32, u64)]) -> f64 {
    let total: u64 = sorted.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return 0.0;
    }
    // The values at positions `total / 2` and, for an even total, the one before it.
    let at = |position: u64| {
        let mut seen = 0;
        for &(value, n) in sorted {
            seen += n;
            if position < seen {
                return f64::from(value);
            }
        }
        0.0
    };
    if total % 2 == 1 {
        at(total / 2)
    } else {
        (at(total / 2 - 1) + at(total / 2)) / 2.0
    }
}
