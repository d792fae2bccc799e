//! Recommendations across cases: what champions follow up after the cases close.

use chrono::NaiveDate;
use disputes_workflow::{OrganisationId, Person, RecommendationStatus};
use sea_orm::sea_query::{Expr, ExprTrait, Order, Query};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entity::{cases, organisations, recommendations};
use crate::error::StoreError;
use crate::lists::{Page, PageRequest, visible_to};
use crate::{Store, parse, spell};

/// A recommendation, with the case it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationRow {
    /// Its id.
    pub id: i64,
    /// The case's reference.
    pub reference: String,
    /// Its place in the decision's list, from 0.
    pub position: usize,
    /// What should be done.
    pub text: String,
    /// By whom.
    pub owner_organisation_id: OrganisationId,
    /// By whom, by name.
    pub owner_organisation_name: String,
    /// By when.
    pub due_on: NaiveDate,
    /// Whether it was done.
    pub status: RecommendationStatus,
    /// When it was marked.
    pub marked_on: Option<NaiveDate>,
}

/// Which recommendations to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecommendationFilter {
    /// Only those with this status.
    pub status: Option<RecommendationStatus>,
    /// Only those for this organisation to carry out.
    pub owner_organisation_id: Option<OrganisationId>,
    /// Only those of cases raised in this year.
    pub year: Option<i32>,
}

impl Store {
    /// The recommendations of the cases `viewer` may see, narrowed by `filter`: those still
    /// open and past their day (`today`) first, then by due date.
    pub async fn recommendations(
        &self,
        viewer: &Person,
        filter: &RecommendationFilter,
        today: NaiveDate,
        page: PageRequest,
    ) -> Result<Page<RecommendationRow>, StoreError> {
        let visible = Query::select()
            .column(cases::Column::Id)
            .from(cases::Entity)
            .cond_where(visible_to(viewer))
            .to_owned();
        let overdue = Expr::col(recommendations::Column::Status)
            .eq(spell(&RecommendationStatus::Open))
            .and(Expr::col(recommendations::Column::DueOn).lt(today));
        let mut query = recommendations::Entity::find()
            .filter(recommendations::Column::CaseId.in_subquery(visible))
            .order_by(
                Into::<Expr>::into(Expr::case(overdue, 0).finally(1)),
                Order::Asc,
            )
            .order_by_asc(recommendations::Column::DueOn)
            .order_by_asc(recommendations::Column::Id);
        if let Some(status) = filter.status {
            query = query.filter(recommendations::Column::Status.eq(spell(&status)));
        }
        if let Some(owner) = filter.owner_organisation_id {
            query = query.filter(recommendations::Column::OwnerOrganisationId.eq(owner.0));
        }
        if let Some(year) = filter.year {
            let first = NaiveDate::from_ymd_opt(year, 1, 1);
            let last = NaiveDate::from_ymd_opt(year, 12, 31);
            let (Some(first), Some(last)) = (first, last) else {
                return Page::new(std::iter::empty(), page, 0);
            };
            query = query.filter(recommendations::Column::CaseOpenedOn.between(first, last));
        }
        let total = query.clone().count(&self.read).await?;
        let rows = query
            .offset(page.index() * page.per_page())
            .limit(page.per_page())
            .all(&self.read)
            .await?;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            items.push(self.with_reference(row).await);
        }
        Page::new(items.into_iter(), page, total)
    }

    /// The recommendation with `id`. (Whether the caller may see its case is the caller's
    /// question.)
    pub async fn recommendation(&self, id: i64) -> Result<RecommendationRow, StoreError> {
        let row = recommendations::Entity::find_by_id(id)
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        self.with_reference(row).await
    }

    async fn with_reference(
        &self,
        row: recommendations::Model,
    ) -> Result<RecommendationRow, StoreError> {
        let case = cases::Entity::find_by_id(row.case_id)
            .one(&self.read)
            .await?
            .ok_or_else(|| StoreError::Corrupt("a recommendation's case is missing".into()))?;
        let owner = organisations::Entity::find_by_id(row.owner_organisation_id)
            .one(&self.read)
            .await?
            .ok_or_else(|| StoreError::Corrupt("a recommendation's owner is missing".into()))?;
        Ok(RecommendationRow {
            id: row.id,
            reference: case.reference,
            position: usize::try_from(row.position).unwrap_or_default(),
            text: row.text,
            owner_organisation_id: OrganisationId(row.owner_organisation_id),
            owner_organisation_name: owner.name,
            due_on: row.due_on,
            status: parse(&row.status)?,
            marked_on: row.marked_on,
        })
    }
}
