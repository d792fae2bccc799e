//! Recommendations across cases: what champions follow up after the cases close.

use chrono::NaiveDate;
use disputes_workflow::{OrganisationId, Person, RecommendationStatus};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entity::{cases, recommendations};
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
    /// By when.
    pub due_on: NaiveDate,
    /// Whether it was done.
    pub status: RecommendationStatus,
    /// When it was marked.
    pub marked_on: Option<NaiveDate>,
}

impl Store {
    /// The recommendations of the cases `viewer` may see, by due date; only those with
    /// `status` when given.
    pub async fn recommendations(
        &self,
        viewer: &Person,
        status: Option<RecommendationStatus>,
        page: PageRequest,
    ) -> Result<Page<RecommendationRow>, StoreError> {
        let visible = Query::select()
            .column(cases::Column::Id)
            .from(cases::Entity)
            .cond_where(visible_to(viewer))
            .to_owned();
        let mut query = recommendations::Entity::find()
            .filter(recommendations::Column::CaseId.in_subquery(visible))
            .order_by_asc(recommendations::Column::DueOn)
            .order_by_asc(recommendations::Column::Id);
        if let Some(status) = status {
            query = query.filter(recommendations::Column::Status.eq(spell(&status)));
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
        Ok(RecommendationRow {
            id: row.id,
            reference: case.reference,
            position: usize::try_from(row.position).unwrap_or_default(),
            text: row.text,
            owner_organisation_id: OrganisationId(row.owner_organisation_id),
            due_on: row.due_on,
            status: parse(&row.status)?,
            marked_on: row.marked_on,
        })
    }
}
