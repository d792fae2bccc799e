//! Links between cases, kept in both directions; each case lists only the linked cases its
//! viewer may see.

use chrono::{DateTime, Utc};
use disputes_workflow::{LinkKind, Person, PersonId};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, FromQueryResult, QueryFilter, Set,
    TransactionTrait,
};

use crate::entity::{case_links, cases};
use crate::error::StoreError;
use crate::lists::visible_to;
use crate::{Store, parse, spell};

/// A case linked to another, as a viewer of that other case may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseLink {
    /// The linked case's reference.
    pub reference: String,
    /// Its title.
    pub title: String,
    /// Why they are linked.
    pub kind: LinkKind,
}

impl Store {
    /// Links the cases `a` and `b` (by reference) as `kind`, or changes an existing link's
    /// kind; [`StoreError::NotFound`] if either does not exist.
    pub async fn link_cases(
        &self,
        a: &str,
        b: &str,
        kind: LinkKind,
        by: PersonId,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let writer = self.writer().await;
        let txn = (*writer).begin().await?;
        let a = crate::cases::find(&txn, a).await?.id;
        let b = crate::cases::find(&txn, b).await?.id;
        for (from, to) in [(a, b), (b, a)] {
            case_links::Entity::delete_many()
                .filter(case_links::Column::CaseId.eq(from))
                .filter(case_links::Column::LinkedCaseId.eq(to))
                .exec(&txn)
                .await?;
            case_links::ActiveModel {
                case_id: Set(from),
                linked_case_id: Set(to),
                kind: Set(spell(&kind)),
                linked_by: Set(by.0),
                linked_at: Set(at),
            }
            .insert(&txn)
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Removes the link between `a` and `b`; [`StoreError::NotFound`] if there is none.
    pub async fn unlink_cases(&self, a: &str, b: &str) -> Result<(), StoreError> {
        let writer = self.writer().await;
        let txn = (*writer).begin().await?;
        let a = crate::cases::find(&txn, a).await?.id;
        let b = crate::cases::find(&txn, b).await?.id;
        let removed = case_links::Entity::delete_many()
            .filter(
                Condition::any()
                    .add(
                        Condition::all()
                            .add(case_links::Column::CaseId.eq(a))
                            .add(case_links::Column::LinkedCaseId.eq(b)),
                    )
                    .add(
                        Condition::all()
                            .add(case_links::Column::CaseId.eq(b))
                            .add(case_links::Column::LinkedCaseId.eq(a)),
                    ),
            )
            .exec(&txn)
            .await?;
        if removed.rows_affected == 0 {
            return Err(StoreError::NotFound);
        }
        txn.commit().await?;
        Ok(())
    }

    /// The cases linked to the case `reference` that `viewer` may see, by reference; a
    /// linked case they may not see is left out entirely. One statement: every case view
    /// (and so every action's answer) reads it.
    pub async fn links_of(
        &self,
        reference: &str,
        viewer: &Person,
    ) -> Result<Vec<CaseLink>, StoreError> {
        let this = Query::select()
            .column(cases::Column::Id)
            .from(cases::Entity)
            .and_where(Expr::col(cases::Column::Reference).eq(reference))
            .to_owned();
        let select = Query::select()
            .columns([
                (cases::Entity, cases::Column::Reference),
                (cases::Entity, cases::Column::Title),
            ])
            .column((case_links::Entity, case_links::Column::Kind))
            .from(case_links::Entity)
            .inner_join(
                cases::Entity,
                Expr::col((cases::Entity, cases::Column::Id))
                    .equals((case_links::Entity, case_links::Column::LinkedCaseId)),
            )
            .and_where(
                Expr::col((case_links::Entity, case_links::Column::CaseId)).in_subquery(this),
            )
            .cond_where(visible_to(viewer))
            .order_by((cases::Entity, cases::Column::Year), Order::Asc)
            .order_by((cases::Entity, cases::Column::Number), Order::Asc)
            .to_owned();
        let rows = Linked::find_by_statement(self.read.get_database_backend().build(&select))
            .all(&self.read)
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(CaseLink {
                    reference: row.reference,
                    title: row.title,
                    kind: parse(&row.kind)?,
                })
            })
            .collect()
    }
}

/// A linked case as [`Store::links_of`] reads it.
#[derive(Debug, FromQueryResult)]
struct Linked {
    reference: String,
    title: String,
    kind: String,
}
