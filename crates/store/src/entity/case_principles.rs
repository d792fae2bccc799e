//! A principle a case cites.

use sea_orm::entity::prelude::*;

/// A row of `case_principles`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_principles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub case_id: i64,
    /// Its case's opening day, kept here for the annual report (migration 12).
    pub case_opened_on: Option<Date>,
    #[sea_orm(primary_key, auto_increment = false)]
    pub principle: String,
}

/// No relations are declared: the repository joins explicitly.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
