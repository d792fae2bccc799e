//! Queues the emails an event calls for, in the event's own transaction.
//!
//! The workflow says who is concerned ([`Audience`]); this turns those groups into people
//! with addresses and writes one outbox row each. A row carries ids only: the dispatcher
//! reads the case afresh when it renders the email.

use disputes_workflow::{Audience, Case, CaseEvent, Role};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::entity::{outbox, people, person_roles};
use crate::error::StoreError;

pub(crate) async fn enqueue(
    txn: &DatabaseTransaction,
    case_id: i64,
    reference: &str,
    case: &Case,
    event: &CaseEvent,
) -> Result<(), StoreError> {
    let audience = Audience::of(case, event);
    if audience.is_empty() {
        return Ok(());
    }
    let seq = i32::try_from(event.seq)
        .map_err(|_| StoreError::Corrupt("event number out of range".into()))?;
    for (person_id, email) in recipients(txn, &audience).await? {
        outbox::ActiveModel {
            message_key: Set(format!("{reference}/{}/{person_id}", event.seq)),
            case_id: Set(Some(case_id)),
            event_seq: Set(Some(seq)),
            deadline_id: Set(None),
            kind: Set(event.name().to_owned()),
            recipient_id: Set(Some(person_id)),
            recipient_email: Set(email),
            status: Set("pending".to_owned()),
            attempts: Set(0),
            next_attempt_at: Set(event.at),
            locked_until: Set(None),
            last_error: Set(None),
            created_at: Set(event.at),
            sent_at: Set(None),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The active people in `audience`, each once, by id.
async fn recipients(
    txn: &DatabaseTransaction,
    audience: &Audience,
) -> Result<Vec<(i64, String)>, StoreError> {
    let has_role = |roles: &[Role]| {
        let with_role = Query::select()
            .column(person_roles::Column::PersonId)
            .from(person_roles::Entity)
            .and_where(
                Expr::col(person_roles::Column::Role).is_in(roles.iter().map(|r| r.as_str())),
            )
            .to_owned();
        people::Column::Id.in_subquery(with_role)
    };
    let mut who = Condition::any();
    if !audience.organisations.is_empty() {
        who = who.add(
            Condition::all()
                .add(
                    people::Column::OrganisationId
                        .is_in(audience.organisations.iter().map(|o| o.0)),
                )
                .add(has_role(&[Role::Member, Role::Champion])),
        );
    }
    if audience.oversight {
        who = who.add(has_role(&[Role::Chair, Role::Facilitator]));
    }
    if !audience.panel_members.is_empty() {
        who = who.add(people::Column::Id.is_in(audience.panel_members.iter().map(|p| p.0)));
    }
    let mut query = people::Entity::find()
        .filter(people::Column::Active.eq(true))
        .filter(who);
    if let Some(except) = audience.except {
        query = query.filter(people::Column::Id.ne(except.0));
    }
    let rows: Vec<(i64, String)> = query
        .select_only()
        .column(people::Column::Id)
        .column(people::Column::Email)
        .order_by_asc(people::Column::Id)
        .into_tuple()
        .all(txn)
        .await?;
    Ok(rows)
}
