//! Lists of cases, filtered to what the viewer may see, and pagination.
//!
//! The visibility rule is the workflow's ([`disputes_workflow::visibility`]) written as SQL:
//! the chair and the facilitator see every case; members and champions see their
//! organisation's; panel members see the cases they sit on. The store's tests check the
//! two agree.

use chrono::{DateTime, NaiveDate, Utc};
use disputes_workflow::{
    DeadlineKind, OrganisationId, Outcome, Person, Priority, Role, Stage, StateKind,
};
use sea_orm::sea_query::{
    Alias, Asterisk, Expr, ExprTrait, JoinType, Order, Query, SelectStatement, UnionType,
};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, FromQueryResult,
};

use crate::entity::{
    case_links, case_principles, cases, deadlines, organisations, panel_members, panels,
};
use crate::error::StoreError;
use crate::search;
use crate::{Store, parse};

/// Which page of a list, and how long a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    page: u64,
    per_page: u64,
}

impl PageRequest {
    /// The longest page a caller may ask for.
    pub const MAX_PER_PAGE: u64 = 100;
    /// The furthest page a caller may ask for: beyond any list this service will hold, and
    /// small enough that the offset cannot overflow.
    pub const MAX_PAGE: u64 = 1_000_000_000;

    /// Page `page` (from 1) of `per_page` items; out-of-range values are brought into range.
    pub fn new(page: u64, per_page: u64) -> PageRequest {
        PageRequest {
            page: page.clamp(1, Self::MAX_PAGE),
            per_page: per_page.clamp(1, Self::MAX_PER_PAGE),
        }
    }

    /// The page number, from 1.
    pub fn page(self) -> u64 {
        self.page
    }

    /// Items per page.
    pub fn per_page(self) -> u64 {
        self.per_page
    }

    pub(crate) fn index(self) -> u64 {
        self.page - 1
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest::new(1, 50)
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// This page's number, from 1.
    pub page: u64,
    /// Items per page.
    pub per_page: u64,
    /// Items in the whole list, or as many as were counted when `total_capped`.
    pub total: u64,
    /// Whether the list holds more than `total` items: a list that can grow long counts
    /// only so far ([`COUNTED`] or the page's reach, whichever is further).
    pub total_capped: bool,
    /// Where the next page starts, for a list read by cursor ([`CaseFilter::after`]); none
    /// on the last page.
    pub next: Option<ListCursor>,
}

/// How far a case list counts its cases. A count costs what it counts, and a person told
/// "more than 1,000 cases" is as well served as one told 4,312 (mail and issue services stop
/// counting in the same way).
pub const COUNTED: u64 = 1_000;

impl<T> Page<T> {
    pub(crate) fn new(
        items: impl Iterator<Item = Result<T, StoreError>>,
        request: PageRequest,
        total: u64,
    ) -> Result<Page<T>, StoreError> {
        Ok(Page {
            items: items.collect::<Result<_, _>>()?,
            page: request.page,
            per_page: request.per_page,
            total,
            total_capped: false,
            next: None,
        })
    }
}

/// Where a list read by cursor carries on: the order's key of the last case read, and its
/// id. Unlike a page number it stays right while cases are raised or change: the next page
/// starts after that case, wherever it now stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListCursor {
    key: CursorKey,
    id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum CursorKey {
    /// An instant: when raised, or when last changed.
    At(DateTime<Utc>),
    /// The next deadline's day; none for a case that owes nothing.
    Due(Option<NaiveDate>),
    /// The reference's year and number.
    Reference(i32, i32),
}

impl ListCursor {
    fn of(row: &Listed, sort: CaseSort) -> ListCursor {
        let key = match sort {
            CaseSort::RaisedNewest | CaseSort::RaisedOldest => CursorKey::At(row.opened_at),
            CaseSort::Updated => CursorKey::At(row.updated_at),
            CaseSort::Due => CursorKey::Due(row.next_due_on),
            CaseSort::Reference => CursorKey::Reference(row.year, row.number),
        };
        ListCursor { key, id: row.id }
    }

    /// The cursor as text, for a client to send back.
    pub fn encode(&self) -> String {
        match &self.key {
            CursorKey::At(at) => format!("t{}.{}", at.timestamp_micros(), self.id),
            CursorKey::Due(Some(day)) => format!("d{}.{}", day.format("%Y%m%d"), self.id),
            CursorKey::Due(None) => format!("n.{}", self.id),
            CursorKey::Reference(year, number) => format!("r{year}-{number}.{}", self.id),
        }
    }

    /// The cursor `text` for a list in `sort`'s order; none if it is not one (or is one of
    /// a list in another order).
    pub fn decode(text: &str, sort: CaseSort) -> Option<ListCursor> {
        let (key, id) = text.rsplit_once('.')?;
        let id: i64 = id.parse().ok()?;
        let key = match (sort, key.split_at_checked(1)?) {
            (
                CaseSort::RaisedNewest | CaseSort::RaisedOldest | CaseSort::Updated,
                ("t", micros),
            ) => CursorKey::At(DateTime::from_timestamp_micros(micros.parse().ok()?)?),
            (CaseSort::Due, ("d", day)) => {
                CursorKey::Due(Some(NaiveDate::parse_from_str(day, "%Y%m%d").ok()?))
            }
            (CaseSort::Due, ("n", "")) => CursorKey::Due(None),
            (CaseSort::Reference, ("r", reference)) => {
                let (year, number) = reference.split_once('-')?;
                CursorKey::Reference(year.parse().ok()?, number.parse().ok()?)
            }
            _ => return None,
        };
        Some(ListCursor { key, id })
    }
}

/// The cases after `cursor` in `sort`'s order.
fn after(cursor: &ListCursor, sort: CaseSort) -> Condition {
    let col = |c: cases::Column| Expr::col((cases::Entity, c));
    let id = col(cases::Column::Id);
    // (key, id) beyond (k, i), where `beyond` is < for descending orders and > otherwise.
    let pair = |key: Expr, k: Expr, descending: bool| {
        let (key_beyond, id_beyond) = if descending {
            (key.clone().lt(k.clone()), id.clone().lt(cursor.id))
        } else {
            (key.clone().gt(k.clone()), id.clone().gt(cursor.id))
        };
        Condition::any()
            .add(key_beyond)
            .add(Condition::all().add(key.eq(k)).add(id_beyond))
    };
    match (&cursor.key, sort) {
        (CursorKey::At(at), CaseSort::RaisedNewest) => {
            pair(col(cases::Column::OpenedAt), Expr::val(*at), true)
        }
        (CursorKey::At(at), CaseSort::RaisedOldest) => {
            pair(col(cases::Column::OpenedAt), Expr::val(*at), false)
        }
        (CursorKey::At(at), CaseSort::Updated) => {
            pair(col(cases::Column::UpdatedAt), Expr::val(*at), true)
        }
        (CursorKey::Reference(year, number), CaseSort::Reference) => Condition::any()
            .add(col(cases::Column::Year).gt(*year))
            .add(
                Condition::all()
                    .add(col(cases::Column::Year).eq(*year))
                    .add(pair(col(cases::Column::Number), Expr::val(*number), false)),
            ),
        (CursorKey::Due(Some(day)), CaseSort::Due) => {
            let due = next_deadline(deadlines::Column::DueOn);
            Condition::any()
                .add(due.clone().is_null())
                .add(pair(due, Expr::val(*day), false))
        }
        (CursorKey::Due(None), CaseSort::Due) => Condition::all()
            .add(next_deadline(deadlines::Column::DueOn).is_null())
            .add(id.gt(cursor.id)),
        // A cursor of another order (decode refuses these): nothing is after it.
        _ => Condition::all().add(Expr::val(1).eq(0)),
    }
}

/// What to narrow a case list to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// Only cases in this stage.
    pub stage: Option<Stage>,
    /// Only cases in this state.
    pub state: Option<StateKind>,
    /// Only cases where this organisation is either party.
    pub organisation_id: Option<OrganisationId>,
    /// Only cases with a deadline passed on this day (the caller's "today").
    pub overdue_on: Option<NaiveDate>,
    /// Only cases holding each of this text's words (at the start of a word) in text the
    /// viewer may read: the case's own (its reference among it), its messages, its files'
    /// names. The words are those [`words`](crate::words) finds.
    pub text: Option<String>,
    /// Only cases not yet closed.
    pub open_only: bool,
    /// Only cases citing this principle (its key).
    pub principle: Option<String>,
    /// Only cases raised in this year (the year in their reference).
    pub year: Option<i32>,
    /// Only cases with a running deadline due on or before this day (those already past it
    /// included); a paused case's deadlines wait, so it is left out.
    pub due_by: Option<NaiveDate>,
    /// Only the case with this reference and the cases linked to it: the group one
    /// decision caused, as a list.
    pub linked_to: Option<String>,
    /// The list's order.
    pub sort: CaseSort,
    /// Only the cases after this one in the list's order (a page read by cursor); the page
    /// number is then not used.
    pub after: Option<ListCursor>,
}

/// The order of a case list; each ends in the case's id, so that the order is total.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CaseSort {
    /// Newest raised first.
    #[default]
    RaisedNewest,
    /// Oldest raised first.
    RaisedOldest,
    /// The soonest next deadline first; cases with none last.
    Due,
    /// The most recently changed first.
    Updated,
    /// By reference: by year, then number.
    Reference,
}

/// The columns of a case row a list reads: not the record, which is large and read one case
/// at a time.
const LISTED: [cases::Column; 14] = [
    cases::Column::Id,
    cases::Column::Reference,
    cases::Column::Year,
    cases::Column::Number,
    cases::Column::UpdatedAt,
    cases::Column::Title,
    cases::Column::RaisingOrganisationId,
    cases::Column::RespondentOrganisationId,
    cases::Column::State,
    cases::Column::Stage,
    cases::Column::Outcome,
    cases::Column::Priority,
    cases::Column::Version,
    cases::Column::OpenedAt,
];

/// The columns of a case row a list reads.
#[derive(Debug, FromQueryResult)]
struct Listed {
    id: i64,
    reference: String,
    title: String,
    raising_organisation_id: i64,
    respondent_organisation_id: i64,
    state: String,
    stage: String,
    outcome: Option<String>,
    priority: String,
    version: i32,
    opened_at: DateTime<Utc>,
    year: i32,
    number: i32,
    updated_at: DateTime<Utc>,
    /// Which part of what the viewer may see it was read for.
    part: i32,
    raising_name: Option<String>,
    respondent_name: Option<String>,
    /// The earliest running deadline's kind and day.
    next_kind: Option<String>,
    next_due_on: Option<NaiveDate>,
}

/// Adds to `select`, which reads `cases`, both organisations' names and the earliest running
/// deadline, each a lookup by key for the rows it gives: what a list shows, read with the
/// cases rather than after them.
fn with_names_and_next_deadline(select: &mut SelectStatement) {
    for (column, alias) in [
        (cases::Column::RaisingOrganisationId, "raising_name"),
        (cases::Column::RespondentOrganisationId, "respondent_name"),
    ] {
        let name = Query::select()
            .column(organisations::Column::Name)
            .from(organisations::Entity)
            .and_where(
                Expr::col((organisations::Entity, organisations::Column::Id))
                    .equals((cases::Entity, column)),
            )
            .to_owned();
        select.expr_as(
            Expr::SubQuery(None, Box::new(name.into())),
            Alias::new(alias),
        );
    }
    for (column, alias) in [
        (deadlines::Column::Kind, "next_kind"),
        (deadlines::Column::DueOn, "next_due_on"),
    ] {
        select.expr_as(next_deadline(column), Alias::new(alias));
    }
}

/// `column` of the case's earliest running deadline, as an expression on a row of `cases`.
fn next_deadline(column: deadlines::Column) -> Expr {
    let next = Query::select()
        .column((deadlines::Entity, column))
        .from(deadlines::Entity)
        .and_where(
            Expr::col((deadlines::Entity, deadlines::Column::CaseId))
                .equals((cases::Entity, cases::Column::Id)),
        )
        .and_where(Expr::col((deadlines::Entity, deadlines::Column::Status)).eq("running"))
        .order_by((deadlines::Entity, deadlines::Column::DueOn), Order::Asc)
        .order_by((deadlines::Entity, deadlines::Column::Position), Order::Asc)
        .limit(1)
        .to_owned();
    Expr::SubQuery(None, Box::new(next.into()))
}

/// Orders `select`, which reads `cases`, by `sort`.
fn ordered(select: &mut SelectStatement, sort: CaseSort) {
    let column = |c: cases::Column| (cases::Entity, c);
    match sort {
        CaseSort::RaisedNewest => {
            select.order_by(column(cases::Column::OpenedAt), Order::Desc);
            select.order_by(column(cases::Column::Id), Order::Desc);
        }
        CaseSort::RaisedOldest => {
            select.order_by(column(cases::Column::OpenedAt), Order::Asc);
            select.order_by(column(cases::Column::Id), Order::Asc);
        }
        CaseSort::Due => {
            // Cases with no running deadline last, on either database.
            let due = next_deadline(deadlines::Column::DueOn);
            select.order_by_expr(due.clone().is_null(), Order::Asc);
            select.order_by_expr(due, Order::Asc);
            select.order_by(column(cases::Column::Id), Order::Asc);
        }
        CaseSort::Updated => {
            select.order_by(column(cases::Column::UpdatedAt), Order::Desc);
            select.order_by(column(cases::Column::Id), Order::Desc);
        }
        CaseSort::Reference => {
            select.order_by(column(cases::Column::Year), Order::Asc);
            select.order_by(column(cases::Column::Number), Order::Asc);
            select.order_by(column(cases::Column::Id), Order::Asc);
        }
    }
}

/// Puts rows read for several parts in `sort`'s order, as [`ordered`] puts each part.
fn sort_rows(rows: &mut [Listed], sort: CaseSort) {
    use std::cmp::Reverse;
    match sort {
        CaseSort::RaisedNewest => rows.sort_by_key(|r| Reverse((r.opened_at, r.id))),
        CaseSort::RaisedOldest => rows.sort_by_key(|r| (r.opened_at, r.id)),
        CaseSort::Due => rows.sort_by_key(|r| (r.next_due_on.is_none(), r.next_due_on, r.id)),
        CaseSort::Updated => rows.sort_by_key(|r| Reverse((r.updated_at, r.id))),
        CaseSort::Reference => rows.sort_by_key(|r| (r.year, r.number, r.id)),
    }
}

/// A case as a list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    /// Its reference.
    pub reference: String,
    /// Its title.
    pub title: String,
    /// Its stage.
    pub stage: Stage,
    /// Its state.
    pub state: StateKind,
    /// How it ended, once closed.
    pub outcome: Option<Outcome>,
    /// Normal or urgent.
    pub priority: Priority,
    /// The raising organisation.
    pub raising_organisation: (OrganisationId, String),
    /// The respondent organisation.
    pub respondent_organisation: (OrganisationId, String),
    /// When it was raised.
    pub opened_at: DateTime<Utc>,
    /// Its version.
    pub version: u32,
    /// The earliest running deadline: what is owed next, and by when.
    pub next_deadline: Option<(DeadlineKind, NaiveDate)>,
}

impl Store {
    /// The cases `viewer` may see, narrowed by `filter`, newest first.
    pub async fn list_cases(
        &self,
        viewer: &Person,
        filter: &CaseFilter,
        page: PageRequest,
    ) -> Result<Page<CaseSummary>, StoreError> {
        // A member sees the cases on either side of their organisation, and those whose
        // panel they sit on: each part is counted and read newest first through its own
        // index, as far as the page reaches, and the parts merged, instead of scanning and
        // sorting every case to find the ones they can see.
        let backend = self.read.get_database_backend();
        let searched = Searched::of(filter);
        let parts = match visible_parts(viewer) {
            // SQLite reads a search's matches once for each time a statement names them:
            // searched, what the viewer sees is one part, so that they are read once.
            Some(parts) if backend == DbBackend::Sqlite && searched.reads_matches() => {
                vec![parts.into_iter().fold(Condition::any(), Condition::add)]
            }
            Some(parts) => parts,
            None => vec![Condition::all()],
        };
        let start = match &searched {
            Searched::Words(words) => search::starting_word(&self.read, words).await?,
            _ => None,
        };
        let matching = filtered(filter, &searched, viewer, backend, start);
        // By cursor a page reads one case past itself (to know there is more); by number,
        // every page up to it.
        let (reach, skip) = match filter.after {
            Some(_) => (page.per_page() + 1, 0),
            None => (
                (page.index() + 1) * page.per_page(),
                page.index() * page.per_page(),
            ),
        };
        let mut rows: Vec<Listed> = match newest_of(&parts, &matching, filter, reach) {
            Some(newest) => {
                Listed::find_by_statement(self.read.get_database_backend().build(&newest))
                    .all(&self.read)
                    .await?
            }
            None => Vec::new(),
        };
        // Whether some part has more rows than were read: only then must they be counted.
        // (Read from a cursor, the rows are not the list's start: they are always counted.)
        let beyond_reach = filter.after.is_some()
            || (0..parts.len()).any(|i| {
                rows.iter()
                    .filter(|r| usize::try_from(r.part).ok() == Some(i))
                    .count() as u64
                    >= reach
            });
        sort_rows(&mut rows, filter.sort);
        rows.dedup_by_key(|r| r.id);
        let (total, total_capped) = if beyond_reach {
            count_visible(&self.read, &parts, &matching, std::cmp::max(COUNTED, reach)).await?
        } else {
            (rows.len() as u64, false)
        };
        let more = rows.len() as u64 > skip + page.per_page()
            || (filter.after.is_none() && (total_capped || total > skip + page.per_page()));
        let rows: Vec<Listed> = rows
            .into_iter()
            .skip(usize::try_from(skip).unwrap_or(usize::MAX))
            .take(usize::try_from(page.per_page()).unwrap_or(usize::MAX))
            .collect();
        let next = rows
            .last()
            .filter(|_| more)
            .map(|last| ListCursor::of(last, filter.sort));

        let items = rows.into_iter().map(|c| {
            Ok(CaseSummary {
                stage: parse(&c.stage)?,
                outcome: c.outcome.as_deref().map(parse).transpose()?,
                priority: parse(&c.priority)?,
                raising_organisation: (
                    OrganisationId(c.raising_organisation_id),
                    c.raising_name.unwrap_or_default(),
                ),
                respondent_organisation: (
                    OrganisationId(c.respondent_organisation_id),
                    c.respondent_name.unwrap_or_default(),
                ),
                opened_at: c.opened_at,
                version: u32::try_from(c.version).unwrap_or_default(),
                next_deadline: match (c.next_kind, c.next_due_on) {
                    (Some(kind), Some(due_on)) => Some((parse(&kind)?, due_on)),
                    _ => None,
                },
                reference: c.reference,
                title: c.title,
                state: c.state.parse().map_err(StoreError::Corrupt)?,
            })
        });
        let mut listed = Page::new(items, page, total)?;
        listed.total_capped = total_capped;
        listed.next = next;
        Ok(listed)
    }
}

/// The first `reach` cases in `filter`'s order of each of `parts` meeting `matching` (the
/// filter as a condition), after the filter's cursor, in one statement, with what a list
/// shows of each and the part it was read for: none when there are no parts.
pub(crate) fn newest_of(
    parts: &[Condition],
    matching: &Condition,
    filter: &CaseFilter,
    reach: u64,
) -> Option<SelectStatement> {
    let newest = parts.iter().enumerate().map(|(i, part)| {
        let mut newest = Query::select();
        newest
            .columns(LISTED.map(|column| (cases::Entity, column)))
            .expr_as(
                Expr::val(i32::try_from(i).unwrap_or_default()),
                Alias::new("part"),
            );
        with_names_and_next_deadline(&mut newest);
        newest
            .from(cases::Entity)
            .cond_where(
                Condition::all()
                    .add(part.clone())
                    .add(matching.clone())
                    .add(
                        filter
                            .after
                            .as_ref()
                            .map_or_else(Condition::all, |cursor| after(cursor, filter.sort)),
                    ),
            )
            .limit(reach);
        ordered(&mut newest, filter.sort);
        newest
    });
    union_of(newest, UnionType::All)
}

/// How many cases meet `matching` within any of `parts`, up to `most`, and whether there are
/// more. Each part is counted on its own through its index, no further than one case past
/// `most`: one part past it settles the answer. Only when several parts hold cases are they
/// counted again as a union, so that a case seen on two grounds counts once; a union costs
/// a temporary table, ten times a part's count.
async fn count_visible(
    db: &DatabaseConnection,
    parts: &[Condition],
    matching: &Condition,
    most: u64,
) -> Result<(u64, bool), StoreError> {
    let limited = |part: &Condition| {
        Query::select()
            .column((cases::Entity, cases::Column::Id))
            .from(cases::Entity)
            .cond_where(Condition::all().add(part.clone()).add(matching.clone()))
            .limit(most + 1)
            .to_owned()
    };
    let counts = count_rows(db, parts.iter().map(limited)).await?;
    let n = if counts.iter().any(|&n| n > most) {
        most + 1
    } else if counts.iter().filter(|&&n| n > 0).count() <= 1 {
        counts.iter().sum()
    } else {
        match union_of(parts.iter().map(limited), UnionType::Distinct) {
            Some(union) => count_rows(db, [union]).await?.iter().sum(),
            None => 0,
        }
    };
    Ok((std::cmp::min(n, most), n > most))
}

/// The union of `selects`, if there are any. Each is wrapped (`SELECT * FROM (...)`),
/// because a part of a UNION may not be ordered or limited on its own.
fn union_of(
    selects: impl IntoIterator<Item = SelectStatement>,
    kind: UnionType,
) -> Option<SelectStatement> {
    let mut wrapped = selects.into_iter().enumerate().map(|(i, select)| {
        Query::select()
            .column(Asterisk)
            .from_subquery(select, Alias::new(format!("part{i}")))
            .to_owned()
    });
    let mut union = wrapped.next()?;
    for select in wrapped {
        union.union(kind, select);
    }
    Some(union)
}

/// How many rows each of `queries` gives, counted in one statement.
async fn count_rows(
    db: &DatabaseConnection,
    queries: impl IntoIterator<Item = SelectStatement>,
) -> Result<Vec<u64>, StoreError> {
    let mut each = Query::select();
    let mut columns = Vec::new();
    for (i, query) in queries.into_iter().enumerate() {
        let counted = Query::select()
            .expr(Expr::col(Asterisk).count())
            .from_subquery(query, Alias::new(format!("c{i}")))
            .to_owned();
        let column = format!("n{i}");
        each.expr_as(
            Expr::SubQuery(None, Box::new(counted.into())),
            Alias::new(&column),
        );
        columns.push(column);
    }
    let mut counts = Vec::with_capacity(columns.len());
    if let Some(row) = db.query_one(&each).await? {
        for column in &columns {
            let n: i64 = row.try_get("", column)?;
            counts.push(u64::try_from(n).unwrap_or_default());
        }
    }
    Ok(counts)
}

/// The cases `viewer` may see, as a condition on `cases`.
pub(crate) fn visible_to(viewer: &Person) -> Condition {
    match visible_parts(viewer) {
        None => Condition::all(),
        Some(parts) => parts
            .into_iter()
            .fold(Condition::any(), |any, part| any.add(part)),
    }
}

/// The parts of what `viewer` may see, each a condition an index answers: none for those
/// who see every case.
pub(crate) fn visible_parts(viewer: &Person) -> Option<Vec<Condition>> {
    if sees_every_case(viewer) {
        return None;
    }
    let mut parts = Vec::new();
    if viewer.has(Role::Member) || viewer.has(Role::Champion) {
        let org = viewer.organisation_id.0;
        parts.push(Condition::all().add(cases::Column::RaisingOrganisationId.eq(org)));
        parts.push(Condition::all().add(cases::Column::RespondentOrganisationId.eq(org)));
    }
    parts.push(Condition::all().add(cases::Column::Id.in_subquery(seats(viewer))));
    Some(parts)
}

/// The cases of the panels `viewer` sits on (`panels` joined to their seats).
pub(crate) fn seats(viewer: &Person) -> SelectStatement {
    Query::select()
        .column((panels::Entity, panels::Column::CaseId))
        .from(panels::Entity)
        .inner_join(
            panel_members::Entity,
            Expr::col((panel_members::Entity, panel_members::Column::PanelId))
                .equals((panels::Entity, panels::Column::Id)),
        )
        .and_where(
            Expr::col((panel_members::Entity, panel_members::Column::PersonId)).eq(viewer.id.0),
        )
        .to_owned()
}

/// Whether `viewer` sees every case and everything on it: the subgroup chair and the
/// facilitator.
pub(crate) fn sees_every_case(viewer: &Person) -> bool {
    viewer.has(Role::Chair) || viewer.has(Role::Facilitator)
}

/// What a list's text searches for, read once from its filter.
enum Searched {
    /// No text.
    Nothing,
    /// A case's reference, found by its unique index alone.
    Reference(String),
    /// Words, each to be found in text the viewer may read (none when the text held only
    /// punctuation: then nothing matches).
    Words(Vec<String>),
}

impl Searched {
    fn of(filter: &CaseFilter) -> Searched {
        let Some(text) = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return Searched::Nothing;
        };
        let reference = text.to_uppercase();
        if looks_like_a_reference(&reference) {
            Searched::Reference(reference)
        } else {
            Searched::Words(search::words(text))
        }
    }

    /// Whether the search reads the full-text index's matches.
    fn reads_matches(&self) -> bool {
        matches!(self, Searched::Words(_))
    }
}

/// `filter` as a condition on `cases`, its text read as `searched`; the search reads what
/// `viewer` may read, starting on SQLite from the word `start` ([`search::starting_word`]).
fn filtered(
    filter: &CaseFilter,
    searched: &Searched,
    viewer: &Person,
    backend: DbBackend,
    start: Option<usize>,
) -> Condition {
    let mut condition = Condition::all();
    if let Some(stage) = filter.stage {
        condition = condition.add(cases::Column::Stage.eq(stage.as_str()));
    }
    if let Some(state) = filter.state {
        condition = condition.add(cases::Column::State.eq(state.as_str()));
    }
    if filter.open_only {
        condition = condition.add(cases::Column::Stage.ne(Stage::Closed.as_str()));
    }
    if let Some(org) = filter.organisation_id {
        condition = condition.add(
            Condition::any()
                .add(cases::Column::RaisingOrganisationId.eq(org.0))
                .add(cases::Column::RespondentOrganisationId.eq(org.0)),
        );
    }
    if let Some(today) = filter.overdue_on {
        let overdue = Query::select()
            .column(deadlines::Column::CaseId)
            .from(deadlines::Entity)
            .and_where(deadlines::Column::Status.eq("running"))
            .and_where(deadlines::Column::DueOn.lt(today))
            .to_owned();
        // A paused case's deadlines are waiting, not overdue.
        condition = condition
            .add(cases::Column::Id.in_subquery(overdue))
            .add(cases::Column::State.ne(StateKind::Paused.as_str()));
    }
    if let Some(principle) = &filter.principle {
        let citing = Query::select()
            .column(case_principles::Column::CaseId)
            .from(case_principles::Entity)
            .and_where(case_principles::Column::Principle.eq(principle.as_str()))
            .to_owned();
        condition = condition.add(cases::Column::Id.in_subquery(citing));
    }
    if let Some(year) = filter.year {
        condition = condition.add(cases::Column::Year.eq(year));
    }
    if let Some(reference) = &filter.linked_to {
        let origin = Alias::new("origin");
        let linked = Query::select()
            .column((case_links::Entity, case_links::Column::LinkedCaseId))
            .from(case_links::Entity)
            .join_as(
                JoinType::InnerJoin,
                cases::Entity,
                origin.clone(),
                Expr::col((origin.clone(), cases::Column::Id))
                    .equals((case_links::Entity, case_links::Column::CaseId)),
            )
            .and_where(Expr::col((origin, cases::Column::Reference)).eq(reference.as_str()))
            .to_owned();
        condition = condition.add(
            Condition::any()
                .add(cases::Column::Reference.eq(reference.as_str()))
                .add(cases::Column::Id.in_subquery(linked)),
        );
    }
    if let Some(by) = filter.due_by {
        let due = Query::select()
            .column(deadlines::Column::CaseId)
            .from(deadlines::Entity)
            .and_where(deadlines::Column::Status.eq("running"))
            .and_where(deadlines::Column::DueOn.lte(by))
            .to_owned();
        condition = condition
            .add(cases::Column::Id.in_subquery(due))
            .add(cases::Column::State.ne(StateKind::Paused.as_str()));
    }
    match searched {
        Searched::Nothing => {}
        // A reference names one case: found by it alone, through its unique index.
        Searched::Reference(reference) => {
            condition = condition.add(cases::Column::Reference.eq(reference.as_str()));
        }
        // A text with no words (only punctuation) matches nothing.
        Searched::Words(words) => {
            condition = condition.add(
                search::matching(viewer, words, backend, start)
                    .unwrap_or_else(|| Condition::all().add(Expr::val(1).eq(0))),
            );
        }
    }
    condition
}

/// Whether `text` has a reference's shape: the Compact's prefix (capitals and digits), the
/// year and a number, joined by hyphens (`LEIC-2026-0004`).
fn looks_like_a_reference(text: &str) -> bool {
    let mut parts = text.split('-');
    let (Some(prefix), Some(year), Some(number), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    !prefix.is_empty()
        && prefix.chars().all(|c| c.is_ascii_alphanumeric())
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}
