//! The deadlines people work from: what each person owes, and what is overdue across the
//! Compact. Read from the same `deadlines` rows the scheduler reminds from, with the facts
//! that decide who owes each one ([`Owing`]), so a home page and a reminder never disagree.

use chrono::NaiveDate;
use disputes_workflow::{
    DeadlineKind, OrganisationId, Owed, Owing, Person, PersonId, Role, StateKind,
};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, JoinType, Order, Query};

use crate::entity::{cases, deadlines, panels};
use crate::error::StoreError;
use crate::{Store, parse};

/// Most deadlines one list holds: a home page is read by a person, and a person reads the
/// soonest first.
pub const WORKLIST_LIMIT: u64 = 500;

/// Which running deadlines to list.
#[derive(Debug, Clone, Copy)]
pub enum Worklist<'a> {
    /// Those on the cases `person` could owe something on: their organisation's, the
    /// panels they chair, and, for the subgroup chair, every case. Whether they owe each
    /// one is [`Owing`]'s to say.
    Concerning(&'a Person),
    /// Those whose day passed before this one, windows aside.
    OverdueOn(NaiveDate),
}

/// A running deadline of a case that is neither paused nor closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDeadline {
    /// The case.
    pub reference: String,
    /// Its title.
    pub title: String,
    /// What is due.
    pub kind: DeadlineKind,
    /// The last working day to do it.
    pub due_on: NaiveDate,
    /// Who owes it.
    pub owing: Owing,
}

impl Store {
    /// The running deadlines of live cases that `list` asks for, soonest (so overdue) first,
    /// at most [`WORKLIST_LIMIT`].
    pub async fn worklist(&self, list: Worklist<'_>) -> Result<Vec<OpenDeadline>, StoreError> {
        let formal = Alias::new("formal_panel");
        let appeal = Alias::new("appeal_panel");
        let panel_of = |alias: &Alias, kind: &str| {
            Condition::all()
                .add(
                    Expr::col((alias.clone(), panels::Column::CaseId))
                        .equals((cases::Entity, cases::Column::Id)),
                )
                .add(Expr::col((alias.clone(), panels::Column::Kind)).eq(kind))
        };
        let mut query = Query::select();
        query
            .columns([
                (cases::Entity, cases::Column::Reference),
                (cases::Entity, cases::Column::Title),
                (cases::Entity, cases::Column::RaisingOrganisationId),
                (cases::Entity, cases::Column::RespondentOrganisationId),
            ])
            .columns([
                (deadlines::Entity, deadlines::Column::Kind),
                (deadlines::Entity, deadlines::Column::DueOn),
            ])
            .expr_as(
                Expr::col((formal.clone(), panels::Column::ChairId)),
                Alias::new("formal_chair"),
            )
            .expr_as(
                Expr::col((appeal.clone(), panels::Column::ChairId)),
                Alias::new("appeal_chair"),
            )
            .from(deadlines::Entity)
            .inner_join(
                cases::Entity,
                Expr::col((cases::Entity, cases::Column::Id))
                    .equals((deadlines::Entity, deadlines::Column::CaseId)),
            )
            .join_as(
                JoinType::LeftJoin,
                panels::Entity,
                formal.clone(),
                panel_of(&formal, "formal"),
            )
            .join_as(
                JoinType::LeftJoin,
                panels::Entity,
                appeal.clone(),
                panel_of(&appeal, "appeal"),
            )
            .and_where(Expr::col((deadlines::Entity, deadlines::Column::Status)).eq("running"))
            .and_where(
                Expr::col((cases::Entity, cases::Column::State))
                    .is_not_in([StateKind::Paused.as_str(), StateKind::Closed.as_str()]),
            )
            .order_by((deadlines::Entity, deadlines::Column::DueOn), Order::Asc)
            .order_by((cases::Entity, cases::Column::Id), Order::Asc)
            .limit(WORKLIST_LIMIT);
        match list {
            Worklist::Concerning(person) if person.has(Role::Chair) => {}
            Worklist::Concerning(person) => {
                let mut could = Condition::any()
                    .add(Expr::col((formal.clone(), panels::Column::ChairId)).eq(person.id.0))
                    .add(Expr::col((appeal.clone(), panels::Column::ChairId)).eq(person.id.0));
                if person.has(Role::Member) {
                    let org = person.organisation_id.0;
                    could = could
                        .add(
                            Expr::col((cases::Entity, cases::Column::RaisingOrganisationId))
                                .eq(org),
                        )
                        .add(
                            Expr::col((cases::Entity, cases::Column::RespondentOrganisationId))
                                .eq(org),
                        );
                }
                query.cond_where(could);
            }
            Worklist::OverdueOn(today) => {
                query
                    .and_where(Expr::col((deadlines::Entity, deadlines::Column::DueOn)).lt(today))
                    .and_where(
                        Expr::col((deadlines::Entity, deadlines::Column::Kind))
                            .ne(DeadlineKind::AppealWindow.as_str()),
                    );
            }
        }
        let rows = self.read.query_all(&query).await?;
        rows.iter()
            .map(|row| {
                let kind: DeadlineKind = parse(&row.try_get::<String>("", "kind")?)?;
                let panel_chair: Option<i64> = match kind.owed_by() {
                    Owed::PanelChair => row.try_get("", "formal_chair")?,
                    Owed::AppealPanelChair => row.try_get("", "appeal_chair")?,
                    _ => None,
                };
                Ok(OpenDeadline {
                    reference: row.try_get("", "reference")?,
                    title: row.try_get("", "title")?,
                    kind,
                    due_on: row.try_get("", "due_on")?,
                    owing: Owing {
                        owed_by: kind.owed_by(),
                        raising_organisation_id: OrganisationId(
                            row.try_get("", "raising_organisation_id")?,
                        ),
                        respondent_organisation_id: OrganisationId(
                            row.try_get("", "respondent_organisation_id")?,
                        ),
                        panel_chair: panel_chair.map(PersonId),
                    },
                })
            })
            .collect()
    }
}
