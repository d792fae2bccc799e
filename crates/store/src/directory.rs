//! Organisations and people: the directory every case and permission refers to.

use chrono::{DateTime, NaiveDate, Utc};
use disputes_i18n::Lang;
use disputes_workflow::names::organisation_key;
use disputes_workflow::{
    OrganisationId, PanelCandidate, Person, PersonId, Refusal, Role, Roles, Sector,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set,
};

use crate::entity::{organisations, people, person_roles};
use crate::error::StoreError;
use crate::lists::{Page, PageRequest};
use crate::{Store, parse};

/// A signatory organisation to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrganisation {
    /// Its name, unique in the Compact.
    pub name: String,
    /// Voluntary and community sector, or public service agency.
    pub sector: Sector,
    /// One of the Compact's groupings (the server checks which).
    pub grouping: String,
    /// When it signed the Compact.
    pub signatory_since: Option<NaiveDate>,
}

/// A signatory organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Its id.
    pub id: OrganisationId,
    /// Its name.
    pub name: String,
    /// Its sector.
    pub sector: Sector,
    /// Its grouping.
    pub grouping: String,
    /// When it signed the Compact.
    pub signatory_since: Option<NaiveDate>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// A person to add. The password arrives already hashed (argon2id, by the server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    /// Their email address, which they sign in with.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their organisation.
    pub organisation_id: OrganisationId,
    /// Their roles.
    pub roles: Roles,
    /// Their password's hash, in PHC string format.
    pub password_hash: String,
    /// The language their pages and emails are in.
    pub language: Lang,
}

/// A person, as the directory knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    /// Who they are, for the workflow.
    pub person: Person,
    /// Their email address.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Whether they may sign in and receive email.
    pub active: bool,
    /// When they were added.
    pub created_at: DateTime<Utc>,
    /// When they were erased, if they were: their name and address are tombstones, and they
    /// can no longer be changed or sign in.
    pub erased_at: Option<DateTime<Utc>>,
    /// The language their pages and emails are in.
    pub language: Lang,
}

/// Changes to an organisation; fields left `None` stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganisationChanges {
    /// A new name.
    pub name: Option<String>,
    /// A new sector.
    pub sector: Option<Sector>,
    /// A new grouping.
    pub grouping: Option<String>,
    /// A new signing date (`Some(None)` clears it).
    pub signatory_since: Option<Option<NaiveDate>>,
}

/// Changes to a person; fields left `None` stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonChanges {
    /// A new email address.
    pub email: Option<String>,
    /// A new name.
    pub name: Option<String>,
    /// A move to another organisation.
    pub organisation_id: Option<OrganisationId>,
    /// A new set of roles.
    pub roles: Option<Roles>,
    /// Whether they may sign in and receive email.
    pub active: Option<bool>,
    /// A new password's hash.
    pub password_hash: Option<String>,
    /// Another language for their pages and emails.
    pub language: Option<Lang>,
}

/// Email addresses are compared as people mean them: one Unicode form, without case or
/// surrounding space ([`disputes_workflow::names::email_key`]).
pub(crate) fn normalise_email(email: &str) -> String {
    disputes_workflow::names::email_key(email)
}

impl Store {
    /// Adds an organisation. A name already taken, as people read names (whatever the
    /// case or spacing), is a conflict.
    pub async fn create_organisation(
        &self,
        new: NewOrganisation,
        at: DateTime<Utc>,
    ) -> Result<Organisation, StoreError> {
        let row = organisations::ActiveModel {
            name_key: Set(organisation_key(&new.name)),
            name: Set(new.name.trim().to_owned()),
            sector: Set(new.sector.as_str().to_owned()),
            grouping: Set(new.grouping),
            signatory_since: Set(new.signatory_since),
            created_at: Set(at),
            ..Default::default()
        }
        .insert(*self.writer().await)
        .await
        .map_err(|e| conflict(e, "an organisation with that name already exists"))?;
        organisation(row)
    }

    /// The organisation with `id`.
    pub async fn organisation(&self, id: OrganisationId) -> Result<Organisation, StoreError> {
        let row = organisations::Entity::find_by_id(id.0)
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        organisation(row)
    }

    /// Organisations by name.
    pub async fn organisations(&self, page: PageRequest) -> Result<Page<Organisation>, StoreError> {
        let query = organisations::Entity::find().order_by_asc(organisations::Column::Name);
        let total = query.clone().count(&self.read).await?;
        let rows = query
            .paginate(&self.read, page.per_page())
            .fetch_page(page.index())
            .await?;
        Page::new(rows.into_iter().map(organisation), page, total)
    }

    /// The names of the organisations `ids`, in one query.
    pub async fn organisation_names(
        &self,
        ids: &[OrganisationId],
    ) -> Result<std::collections::HashMap<OrganisationId, String>, StoreError> {
        let ids = ids.iter().map(|id| id.0);
        let rows = self
            .names::<organisations::Entity>(
                organisations::Column::Id,
                organisations::Column::Name,
                ids,
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| (OrganisationId(id), name))
            .collect())
    }

    /// The names of the people `ids`, in one query.
    pub async fn person_names(
        &self,
        ids: &[PersonId],
    ) -> Result<std::collections::HashMap<PersonId, String>, StoreError> {
        let ids = ids.iter().map(|id| id.0);
        let rows = self
            .names::<people::Entity>(people::Column::Id, people::Column::Name, ids)
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| (PersonId(id), name))
            .collect())
    }

    /// The `name` of each row of `E` whose `id` is among `ids`.
    async fn names<E: EntityTrait>(
        &self,
        id: E::Column,
        name: E::Column,
        ids: impl Iterator<Item = i64>,
    ) -> Result<Vec<(i64, String)>, StoreError> {
        let query = E::find()
            .select_only()
            .expr_as(Expr::col(id), "id")
            .expr_as(Expr::col(name), "name")
            .filter(id.is_in(ids))
            .into_query();
        self.reads()
            .rows(&query, |row| Ok((row.int("id")?, row.text("name")?)))
            .await
    }

    /// Every organisation, by name: for choosing one in a form. A Compact's signatories
    /// number in the tens or hundreds.
    pub async fn all_organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        organisations::Entity::find()
            .order_by_asc(organisations::Column::Name)
            .all(&self.read)
            .await?
            .into_iter()
            .map(organisation)
            .collect()
    }

    /// The active people who hold `role`, by name: the subgroup members a panel is chosen
    /// from, say.
    pub async fn people_with_role(&self, role: Role) -> Result<Vec<PersonRecord>, StoreError> {
        let holders: Vec<i64> = person_roles::Entity::find()
            .filter(person_roles::Column::Role.eq(role.as_str()))
            .all(&self.read)
            .await?
            .into_iter()
            .map(|r| r.person_id)
            .collect();
        let rows = people::Entity::find()
            .filter(people::Column::Id.is_in(holders))
            .filter(people::Column::Active.eq(true))
            .order_by_asc(people::Column::Name)
            .all(&self.read)
            .await?;
        let mut records = Vec::with_capacity(rows.len());
        for row in rows {
            let roles = roles_of(&self.read, row.id).await?;
            records.push(record(row, roles));
        }
        Ok(records)
    }

    /// Changes an organisation. A name already taken is a conflict.
    pub async fn update_organisation(
        &self,
        id: OrganisationId,
        changes: OrganisationChanges,
    ) -> Result<Organisation, StoreError> {
        let row = organisations::Entity::find_by_id(id.0)
            .one(*self.writer().await)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut active: organisations::ActiveModel = row.into();
        if let Some(name) = changes.name {
            active.name_key = Set(organisation_key(&name));
            active.name = Set(name.trim().to_owned());
        }
        if let Some(sector) = changes.sector {
            active.sector = Set(sector.as_str().to_owned());
        }
        if let Some(grouping) = changes.grouping {
            active.grouping = Set(grouping);
        }
        if let Some(since) = changes.signatory_since {
            active.signatory_since = Set(since);
        }
        let row = active
            .update(*self.writer().await)
            .await
            .map_err(|e| conflict(e, "an organisation with that name already exists"))?;
        organisation(row)
    }

    /// Changes a person. An email already taken is a conflict; an unknown organisation is
    /// refused.
    pub async fn update_person(
        &self,
        id: PersonId,
        changes: PersonChanges,
    ) -> Result<PersonRecord, StoreError> {
        let txn = self.begin_write().await?;
        let row = people::Entity::find_by_id(id.0)
            .one(&*txn)
            .await?
            .ok_or(StoreError::NotFound)?;
        if row.erased_at.is_some() {
            return Err(StoreError::Conflict(
                "this person has been erased and cannot be changed".to_owned(),
            ));
        }
        if let Some(org) = changes.organisation_id
            && organisations::Entity::find_by_id(org.0)
                .one(&*txn)
                .await?
                .is_none()
        {
            return Err(
                Refusal::invalid("organisation_id", "there is no such organisation").into(),
            );
        }
        let mut active: people::ActiveModel = row.into();
        if let Some(email) = changes.email {
            active.email = Set(normalise_email(&email));
        }
        if let Some(name) = changes.name {
            active.name = Set(name.trim().to_owned());
        }
        if let Some(org) = changes.organisation_id {
            active.organisation_id = Set(org.0);
        }
        if let Some(flag) = changes.active {
            active.active = Set(flag);
        }
        if let Some(hash) = changes.password_hash {
            active.password_hash = Set(hash);
        }
        if let Some(language) = changes.language {
            active.language = Set(language.code().to_owned());
        }
        let row = active
            .update(&*txn)
            .await
            .map_err(|e| conflict(e, "someone already has that email address"))?;
        let roles = match changes.roles {
            Some(roles) => {
                set_roles(&*txn, row.id, roles).await?;
                roles
            }
            None => roles_of(&*txn, row.id).await?,
        };
        txn.commit().await?;
        Ok(record(row, roles))
    }

    /// Adds a person with their roles. An email already taken is a conflict; an unknown
    /// organisation is refused.
    pub async fn create_person(
        &self,
        new: NewPerson,
        at: DateTime<Utc>,
    ) -> Result<PersonRecord, StoreError> {
        let txn = self.begin_write().await?;
        if organisations::Entity::find_by_id(new.organisation_id.0)
            .one(&*txn)
            .await?
            .is_none()
        {
            return Err(
                Refusal::invalid("organisation_id", "there is no such organisation").into(),
            );
        }
        let row = people::ActiveModel {
            email: Set(normalise_email(&new.email)),
            name: Set(new.name.trim().to_owned()),
            organisation_id: Set(new.organisation_id.0),
            password_hash: Set(new.password_hash),
            active: Set(true),
            created_at: Set(at),
            language: Set(new.language.code().to_owned()),
            ..Default::default()
        }
        .insert(&*txn)
        .await
        .map_err(|e| conflict(e, "someone already has that email address"))?;
        set_roles(&*txn, row.id, new.roles).await?;
        txn.commit().await?;
        Ok(record(row, new.roles))
    }

    /// The person with `id`.
    pub async fn person(&self, id: PersonId) -> Result<PersonRecord, StoreError> {
        let row = people::Entity::find_by_id(id.0)
            .one(&self.read)
            .await?
            .ok_or(StoreError::NotFound)?;
        let roles = roles_of(&self.read, row.id).await?;
        Ok(record(row, roles))
    }

    /// The person who signs in with `email`, with their password hash, for signing in.
    pub async fn credentials(
        &self,
        email: &str,
    ) -> Result<Option<(PersonRecord, String)>, StoreError> {
        let Some(row) = people::Entity::find()
            .filter(people::Column::Email.eq(normalise_email(email)))
            .one(&self.read)
            .await?
        else {
            return Ok(None);
        };
        let roles = roles_of(&self.read, row.id).await?;
        let hash = row.password_hash.clone();
        Ok(Some((record(row, roles), hash)))
    }

    /// People by name.
    pub async fn people(&self, page: PageRequest) -> Result<Page<PersonRecord>, StoreError> {
        let query = people::Entity::find().order_by_asc(people::Column::Name);
        let total = query.clone().count(&self.read).await?;
        let rows = query
            .paginate(&self.read, page.per_page())
            .fetch_page(page.index())
            .await?;
        let mut records = Vec::with_capacity(rows.len());
        for row in rows {
            let roles = roles_of(&self.read, row.id).await?;
            records.push(record(row, roles));
        }
        Page::new(records.into_iter().map(Ok), page, total)
    }

    /// The people proposed for a panel, with what the panel rules need to know of them.
    /// An id that is nobody is refused, naming its place in the list.
    pub async fn panel_candidates(
        &self,
        ids: &[PersonId],
    ) -> Result<Vec<PanelCandidate>, StoreError> {
        let mut candidates = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            let found = people::Entity::find_by_id(id.0).one(&self.read).await?;
            let Some(person) = found.filter(|p| p.active) else {
                return Err(Refusal::invalid(
                    format!("member_ids[{i}]"),
                    "there is no such person",
                )
                .into());
            };
            let organisation = organisations::Entity::find_by_id(person.organisation_id)
                .one(&self.read)
                .await?
                .ok_or_else(|| StoreError::Corrupt("a person's organisation is missing".into()))?;
            candidates.push(PanelCandidate {
                person_id: *id,
                organisation_id: OrganisationId(person.organisation_id),
                sector: parse(&organisation.sector)?,
                roles: roles_of(&self.read, person.id).await?,
            });
        }
        Ok(candidates)
    }
}

async fn set_roles(db: &impl ConnectionTrait, person: i64, roles: Roles) -> Result<(), StoreError> {
    person_roles::Entity::delete_many()
        .filter(person_roles::Column::PersonId.eq(person))
        .exec(db)
        .await?;
    for role in roles.iter() {
        person_roles::ActiveModel {
            person_id: Set(person),
            role: Set(role.as_str().to_owned()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

pub(crate) async fn roles_of(db: &impl ConnectionTrait, person: i64) -> Result<Roles, StoreError> {
    let rows = person_roles::Entity::find()
        .filter(person_roles::Column::PersonId.eq(person))
        .all(db)
        .await?;
    rows.iter()
        .map(|r| parse::<Role>(&r.role))
        .collect::<Result<Roles, _>>()
}

pub(crate) fn record(row: people::Model, roles: Roles) -> PersonRecord {
    PersonRecord {
        person: Person {
            id: PersonId(row.id),
            organisation_id: OrganisationId(row.organisation_id),
            roles,
        },
        email: row.email,
        name: row.name,
        active: row.active,
        created_at: row.created_at,
        erased_at: row.erased_at,
        // A value the service does not speak (written by hand) reads as the default.
        language: row.language.parse().unwrap_or_default(),
    }
}

fn organisation(row: organisations::Model) -> Result<Organisation, StoreError> {
    Ok(Organisation {
        id: OrganisationId(row.id),
        name: row.name,
        sector: parse(&row.sector)?,
        grouping: row.grouping,
        signatory_since: row.signatory_since,
        created_at: row.created_at,
    })
}

fn conflict(error: sea_orm::DbErr, message: &str) -> StoreError {
    match StoreError::from(error) {
        StoreError::Conflict(_) => StoreError::Conflict(message.to_owned()),
        other => other,
    }
}
