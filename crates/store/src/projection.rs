//! Keeps the query tables in step with a case's record, in the action's transaction.
//!
//! The record (`cases.record`) is what the workflow decides on; deadlines, stage spans,
//! principles, panels, decisions and recommendations are written from it here so the
//! scheduler, the lists and the reports can query them. Only what changed is written: a
//! deadline keeps its row (and the scheduler's marks on it) for life, keyed by its position
//! in the case's list.

use chrono::NaiveDate;
use disputes_workflow::panel::Panel;
use disputes_workflow::{Case, CaseEvent, Deadline, Party, Stage};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::entity::{
    appeal_decisions, case_principles, deadlines, decisions, panel_members, panels,
    recommendations, stage_spans,
};
use crate::error::StoreError;
use crate::writer::RunIn;
use crate::{Tx, spell};

/// A case's row as its query tables refer to it: its id, and the day the case was opened,
/// which the rows the annual report counts keep beside it (migration 12).
#[derive(Clone, Copy)]
struct CaseRow {
    id: i64,
    opened_on: NaiveDate,
}

pub(crate) async fn project(
    txn: &Tx<'_>,
    case_id: i64,
    old: Option<&Case>,
    new: &Case,
    event: &CaseEvent,
) -> Result<(), StoreError> {
    let today = new.terms.today(event.at);
    let row = CaseRow {
        id: case_id,
        opened_on: new.opened_on(),
    };
    if old.is_none() {
        let rows = new
            .principles
            .iter()
            .map(|principle| case_principles::ActiveModel {
                case_id: Set(row.id),
                case_opened_on: Set(Some(row.opened_on)),
                principle: Set(principle.clone()),
            })
            .collect::<Vec<_>>();
        if !rows.is_empty() {
            case_principles::Entity::insert_many(rows)
                .run_in(txn)
                .await?;
        }
    }
    sync_deadlines(txn, row, old, new).await?;
    sync_stage_spans(txn, row, old.map(Case::stage), new.stage(), today).await?;
    for (kind, before, after) in [
        (
            "formal",
            old.and_then(|c| c.panel.as_ref()),
            new.panel.as_ref(),
        ),
        (
            "appeal",
            old.and_then(|c| c.appeal_panel.as_ref()),
            new.appeal_panel.as_ref(),
        ),
    ] {
        if let (None, Some(panel)) = (before, after) {
            insert_panel(txn, case_id, kind, panel).await?;
        }
    }
    sync_decision(txn, row, old, new).await?;
    if let (None, Some(decision)) = (
        old.and_then(|c| c.appeal_decision.as_ref()),
        new.appeal_decision.as_ref(),
    ) {
        appeal_decisions::Entity::insert(appeal_decisions::ActiveModel {
            case_id: Set(case_id),
            result: Set(spell(&decision.result)),
            outcome: Set(decision.outcome.as_str().to_owned()),
            reasons: Set(decision.reasons.to_string()),
            decided_on: Set(decision.decided_on),
            decided_by: Set(decision.decided_by.0),
        })
        .run_in(txn)
        .await?;
    }
    Ok(())
}

async fn sync_deadlines(
    txn: &Tx<'_>,
    case: CaseRow,
    old: Option<&Case>,
    new: &Case,
) -> Result<(), StoreError> {
    let before = new.terms.deadlines.reminder_before;
    for (position, deadline) in new.deadlines.iter().enumerate() {
        let previous = old.and_then(|c| c.deadlines.get(position));
        if previous == Some(deadline) {
            continue;
        }
        // Far-future dates beyond the calendar's range cannot be reminded of; the due day
        // stands in.
        let remind_on = deadline.reminder_on(before).unwrap_or(deadline.due_on);
        let overdue_on = deadline.overdue_notice_on().unwrap_or(deadline.due_on);
        let position = i32::try_from(position)
            .map_err(|_| StoreError::Corrupt("too many deadlines".into()))?;
        let mut row = deadlines::ActiveModel {
            due_on: Set(deadline.due_on),
            remind_on: Set(remind_on),
            overdue_on: Set(overdue_on),
            status: Set(deadline.status.as_str().to_owned()),
            settled_on: Set(deadline.settled_on),
            estimated: Set(deadline.estimated),
            reminder_sent_for: Set(deadline.reminded_for),
            overdue_sent_for: Set(deadline.overdue_noticed_for),
            ..Default::default()
        };
        if previous.is_some() {
            deadlines::Entity::update_many()
                .set(row)
                .filter(deadlines::Column::CaseId.eq(case.id))
                .filter(deadlines::Column::Position.eq(position))
                .run_in(txn)
                .await?;
        } else {
            fill_new_deadline(&mut row, case, position, deadline)?;
            deadlines::Entity::insert(row).run_in(txn).await?;
        }
    }
    Ok(())
}

fn fill_new_deadline(
    row: &mut deadlines::ActiveModel,
    case: CaseRow,
    position: i32,
    deadline: &Deadline,
) -> Result<(), StoreError> {
    row.case_id = Set(case.id);
    row.case_opened_on = Set(Some(case.opened_on));
    row.position = Set(position);
    row.kind = Set(deadline.kind.as_str().to_owned());
    row.owed_by = Set(spell(&deadline.owed_by));
    row.started_on = Set(deadline.started_on);
    row.working_days = Set(i32::try_from(deadline.working_days)
        .map_err(|_| StoreError::Corrupt("deadline length out of range".into()))?);
    row.calendar_version = Set(deadline.calendar_version.to_string());
    Ok(())
}

/// Ends the stay in the stage the case left and begins one in the stage it entered.
async fn sync_stage_spans(
    txn: &Tx<'_>,
    case: CaseRow,
    old: Option<Stage>,
    new: Stage,
    today: NaiveDate,
) -> Result<(), StoreError> {
    if old == Some(new) {
        return Ok(());
    }
    // A new case has no stays to count or end.
    let spans = match old {
        None => 0,
        Some(_) => {
            let spans = txn
                .scalar(
                    Query::select()
                        .expr(Expr::col(stage_spans::Column::Id).count())
                        .from(stage_spans::Entity)
                        .and_where(Expr::col(stage_spans::Column::CaseId).eq(case.id)),
                )
                .await?
                .unwrap_or_default();
            stage_spans::Entity::update_many()
                .set(stage_spans::ActiveModel {
                    left_on: Set(Some(today)),
                    ..Default::default()
                })
                .filter(stage_spans::Column::CaseId.eq(case.id))
                .filter(stage_spans::Column::LeftOn.is_null())
                .run_in(txn)
                .await?;
            spans
        }
    };
    if new != Stage::Closed {
        stage_spans::Entity::insert(stage_spans::ActiveModel {
            case_id: Set(case.id),
            case_opened_on: Set(Some(case.opened_on)),
            position: Set(i32::try_from(spans)
                .map_err(|_| StoreError::Corrupt("too many stage spans".into()))?),
            stage: Set(new.as_str().to_owned()),
            entered_on: Set(today),
            left_on: Set(None),
            ..Default::default()
        })
        .run_in(txn)
        .await?;
    }
    Ok(())
}

async fn insert_panel(
    txn: &Tx<'_>,
    case_id: i64,
    kind: &str,
    panel: &Panel,
) -> Result<(), StoreError> {
    let panel_id = panels::Entity::insert(panels::ActiveModel {
        case_id: Set(case_id),
        kind: Set(kind.to_owned()),
        chair_id: Set(panel.chair_id.0),
        convened_on: Set(panel.convened_on),
        ..Default::default()
    })
    .id_in(txn)
    .await?;
    let members = panel
        .members
        .iter()
        .map(|member| panel_members::ActiveModel {
            panel_id: Set(panel_id),
            person_id: Set(member.person_id.0),
            organisation_id: Set(member.organisation_id.0),
            sector: Set(member.sector.as_str().to_owned()),
        })
        .collect::<Vec<_>>();
    if !members.is_empty() {
        panel_members::Entity::insert_many(members)
            .run_in(txn)
            .await?;
    }
    Ok(())
}

async fn sync_decision(
    txn: &Tx<'_>,
    case: CaseRow,
    old: Option<&Case>,
    new: &Case,
) -> Result<(), StoreError> {
    let before = old.and_then(|c| c.decision.as_ref());
    let Some(decision) = new.decision.as_ref() else {
        return Ok(());
    };
    if before == Some(decision) {
        return Ok(());
    }
    let row = decisions::ActiveModel {
        case_id: Set(case.id),
        outcome: Set(spell(&decision.outcome)),
        findings: Set(decision.findings.to_string()),
        decided_on: Set(decision.decided_on),
        decided_by: Set(decision.decided_by.0),
        accepted_by_raiser: Set(decision.accepted_by.contains(&Party::Raiser)),
        accepted_by_respondent: Set(decision.accepted_by.contains(&Party::Respondent)),
    };
    if before.is_some() {
        decisions::Entity::update_many()
            .set(row)
            .filter(decisions::Column::CaseId.eq(case.id))
            .run_in(txn)
            .await?;
    } else {
        decisions::Entity::insert(row).run_in(txn).await?;
    }
    for (position, recommendation) in decision.recommendations.iter().enumerate() {
        let previous = before.and_then(|d| d.recommendations.get(position));
        if previous == Some(recommendation) {
            continue;
        }
        let position = i32::try_from(position)
            .map_err(|_| StoreError::Corrupt("too many recommendations".into()))?;
        let status = Set(spell(&recommendation.status));
        if previous.is_some() {
            recommendations::Entity::update_many()
                .set(recommendations::ActiveModel {
                    status,
                    marked_on: Set(recommendation.marked_on),
                    ..Default::default()
                })
                .filter(recommendations::Column::CaseId.eq(case.id))
                .filter(recommendations::Column::Position.eq(position))
                .run_in(txn)
                .await?;
        } else {
            recommendations::Entity::insert(recommendations::ActiveModel {
                case_id: Set(case.id),
                case_opened_on: Set(Some(case.opened_on)),
                position: Set(position),
                text: Set(recommendation.text.to_string()),
                owner_organisation_id: Set(recommendation.owner_organisation_id.0),
                due_on: Set(recommendation.due_on),
                status,
                marked_on: Set(recommendation.marked_on),
                ..Default::default()
            })
            .run_in(txn)
            .await?;
        }
    }
    Ok(())
}
