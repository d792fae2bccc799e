//! Full-text search over what a case holds, as its viewer may read it.
//!
//! Each piece of text a search reads (a case's own text, a message, a file's name) is a row
//! of `search_entries` carrying the visibility of what it came from, written in the same
//! transaction as that thing; the database's own full-text index keeps up with the rows in
//! that transaction (migration 19). A search is a condition on `cases`: for each word
//! searched, the case must hold text the viewer may read with a word beginning so. Text for
//! a panel is read by the subgroup chair, the facilitator, and the members of that case's
//! panel of its scope, as [`disputes_workflow::visibility::reads_panel_scope`] has it.
//!
//! On SQLite the index holds a document for each case and audience, numbered
//! `case_id * 4 + audience` (0 the parties, 1 the formal panel, 2 the appeal panel), so the
//! index alone answers which cases hold a word and for whom.

use disputes_workflow::Person;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, Set, Statement,
};

use crate::entity::{cases, panels, search_entries};
use crate::error::StoreError;
use crate::lists::{seats, sees_every_case};
use crate::writer::RunIn;
use crate::{Tx, Visibility};

/// The most words a search reads; further words are ignored. Each word is one lookup in
/// the index, and ten words narrow any list of cases as far as it will go.
pub const MOST_WORDS: usize = 10;

/// What a piece of searchable text came from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source {
    /// The case's own text, which everyone on the case reads.
    Case,
    /// A message.
    Message,
    /// A file's name.
    File,
}

impl Source {
    fn as_str(self) -> &'static str {
        match self {
            Source::Case => "case",
            Source::Message => "message",
            Source::File => "file",
        }
    }
}

/// Makes the indexed text of `source` with id `source_id` on the case `case_id` searchable by
/// everyone on the case: it was shared with the parties.
pub(crate) async fn reveal(
    txn: &sea_orm::DatabaseTransaction,
    case_id: i64,
    (source, source_id): (Source, i64),
) -> Result<(), StoreError> {
    search_entries::Entity::update_many()
        .col_expr(search_entries::Column::Visibility, Expr::value("parties"))
        .col_expr(
            search_entries::Column::PanelScope,
            Expr::value(Option::<String>::None),
        )
        .filter(search_entries::Column::CaseId.eq(case_id))
        .filter(search_entries::Column::Source.eq(source.as_str()))
        .filter(search_entries::Column::SourceId.eq(source_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Makes `body`, from `source` with id `source_id` on the case `case_id`, searchable by
/// those who may read it, in `txn`.
pub(crate) async fn index(
    txn: &Tx<'_>,
    case_id: i64,
    (source, source_id): (Source, i64),
    visibility: Visibility,
    body: String,
) -> Result<(), StoreError> {
    let (visibility, panel_scope) = visibility.columns();
    search_entries::Entity::insert(search_entries::ActiveModel {
        case_id: Set(case_id),
        source: Set(source.as_str().to_owned()),
        source_id: Set(source_id),
        visibility: Set(visibility),
        panel_scope: Set(panel_scope),
        body: Set(body),
        ..Default::default()
    })
    .run_in(txn)
    .await
}

/// The words of `text` a search looks for: runs of letters and digits, lower-cased, each
/// once, at most [`MOST_WORDS`]. Nothing else of the text reaches the index's query
/// language, so no text can be an operator in it.
pub fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
    {
        if words.len() == MOST_WORDS {
            break;
        }
        if !words.contains(&word) {
            words.push(word);
        }
    }
    words
}

/// Below this many documents a word is rare: SQLite reads its matches first and looks up
/// their cases; at or above it, SQLite reads the cases in the list's order and keeps those
/// among the matches, stopping when the page is full.
const RARE: u64 = 2_000;

/// Which of `words` SQLite should start from: the rarest, when it is rare ([`RARE`]).
/// SQLite's planner cannot tell how many documents a word is in, and starting from 50,000
/// matches (sorting them all for a page of 50) costs thirty times what reading the cases in
/// order does; starting from ten matches costs a tenth. Each word is counted up to [`RARE`]
/// only. None on PostgreSQL, whose planner has the index's statistics.
pub(crate) async fn starting_word(
    db: &impl ConnectionTrait,
    words: &[String],
) -> Result<Option<usize>, StoreError> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Ok(None);
    }
    let mut rarest: Option<(usize, u64)> = None;
    for (i, word) in words.iter().enumerate() {
        let statement = Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "SELECT count(*) AS n FROM (SELECT 1 FROM search_index \
             WHERE search_index MATCH ? LIMIT ?)",
            [format!("\"{word}\"*").into(), RARE.into()],
        );
        let n: i64 = match db.query_one_raw(statement).await? {
            Some(row) => row.try_get("", "n")?,
            None => 0,
        };
        let n = u64::try_from(n).unwrap_or(RARE);
        if n < RARE && rarest.is_none_or(|(_, least)| n < least) {
            rarest = Some((i, n));
        }
    }
    Ok(rarest.map(|(i, _)| i))
}

/// The cases holding, for each of `words`, text with a word beginning with it that `viewer`
/// may read: a condition on `cases`. None when there are no words. On SQLite, only the
/// word `start` (from [`starting_word`]) may lead the plan; the others are checked case by
/// case.
pub(crate) fn matching(
    viewer: &Person,
    words: &[String],
    backend: DbBackend,
    start: Option<usize>,
) -> Option<Condition> {
    if words.is_empty() {
        return None;
    }
    let id = Expr::col((cases::Entity, cases::Column::Id));
    Some(
        words
            .iter()
            .enumerate()
            .fold(Condition::all(), |all, (i, word)| {
                let condition = match backend {
                    DbBackend::Postgres => id.clone().in_subquery(entries_with(word, viewer)),
                    // `+id` keeps SQLite from starting at the matches.
                    _ if start == Some(i) => id.clone().in_subquery(documents_with(word, viewer)),
                    _ => Expr::cust("+\"cases\".\"id\"").in_subquery(documents_with(word, viewer)),
                };
                all.add(condition)
            }),
    )
}

/// On PostgreSQL: the ids of cases with an entry holding a word that begins with `word`
/// that `viewer` may read.
fn entries_with(word: &str, viewer: &Person) -> SelectStatement {
    let mut select = Query::select();
    select
        .column((search_entries::Entity, search_entries::Column::CaseId))
        .from(search_entries::Entity)
        .and_where(Expr::cust_with_values(
            "\"search_entries\".\"words\" @@ to_tsquery('simple', $1)",
            [format!("{word}:*")],
        ));
    if !sees_every_case(viewer) {
        let seated = seats(viewer)
            .and_where(
                Expr::col((panels::Entity, panels::Column::CaseId))
                    .equals((search_entries::Entity, search_entries::Column::CaseId)),
            )
            .and_where(
                Expr::col((panels::Entity, panels::Column::Kind))
                    .equals((search_entries::Entity, search_entries::Column::PanelScope)),
            )
            .to_owned();
        select.cond_where(
            Condition::any()
                .add(search_entries::Column::Visibility.eq("parties"))
                .add(Expr::exists(seated)),
        );
    }
    select
}

/// On SQLite: the ids of cases with a document holding a word that begins with `word`
/// that `viewer` may read.
fn documents_with(word: &str, viewer: &Person) -> SelectStatement {
    let mut select = Query::select();
    select
        .expr(Expr::cust("search_index.rowid >> 2"))
        .from(Alias::new("search_index"))
        .and_where(Expr::cust_with_values(
            "search_index MATCH ?",
            [format!("\"{word}\"*")],
        ));
    if !sees_every_case(viewer) {
        // The viewer's panels' documents: formal 1, appeal 2.
        let panel_documents = seats(viewer)
            .clear_selects()
            .expr(Expr::cust(
                "panels.case_id * 4 + CASE panels.kind WHEN 'formal' THEN 1 ELSE 2 END",
            ))
            .to_owned();
        select.cond_where(
            Condition::any()
                .add(Expr::cust("search_index.rowid & 3 = 0"))
                .add(Expr::cust("search_index.rowid").in_subquery(panel_documents)),
        );
    }
    select
}
