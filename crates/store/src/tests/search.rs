//! Searching what a case holds: its own text, its messages and its files' names, each only
//! as far as the searcher may read it.

use std::collections::BTreeSet;

use disputes_migration::{Migrator, MigratorTrait};
use disputes_workflow::visibility::{PanelScope, can_see, reads_panel_scope};
use disputes_workflow::*;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait};

use super::lists::{cases, listed};
use super::{Cast, on_both_databases, start, text};
use crate::entity::{cases as case_rows, messages, search_entries};
use crate::{CaseFilter, NewAttachment, Store, StoredCase, Visibility, words};

fn search(q: &str) -> CaseFilter {
    CaseFilter {
        text: Some(q.to_owned()),
        ..CaseFilter::default()
    }
}

/// The four cases of [`cases`]: their references, and the cases as stored.
async fn stored_cases(store: &Store, cast: &Cast) -> (Vec<String>, Vec<StoredCase>) {
    let references = cases(store, cast).await;
    let mut stored = Vec::new();
    for reference in &references {
        stored.push(store.case(reference).await.unwrap());
    }
    (references, stored)
}

/// What was written on which case (by index in [`cases`]), for whom.
struct Written {
    case: usize,
    visibility: Visibility,
    words: &'static str,
}

/// Writes, on the four cases of [`cases`], messages and files for the parties and for each
/// panel, each with words of its own.
async fn write(store: &Store, cast: &Cast, cases: &[StoredCase]) -> Vec<Written> {
    let formal = Visibility::Panel(PanelScope::Formal);
    let appeal = Visibility::Panel(PanelScope::Appeal);
    let messages = [
        (
            0,
            Visibility::Parties,
            "The trustees met on Tuesday about the hall.",
        ),
        (
            2,
            formal,
            "Deliberation: the council's minutes were incomplete.",
        ),
        (2, appeal, "Appellate view of the costings."),
        (3, Visibility::Parties, "Our hall bookings fell by half."),
    ];
    let mut written = Vec::new();
    for (i, (case, visibility, body)) in messages.into_iter().enumerate() {
        let at = start() + chrono::Duration::minutes(i as i64);
        store
            .add_message(
                &cases[case],
                cast.chair.id,
                visibility,
                text(body),
                at,
                None,
            )
            .await
            .unwrap();
        written.push(Written {
            case,
            visibility,
            words: body,
        });
    }
    for (case, visibility, name) in [
        (1, Visibility::Parties, "budget-letter.pdf"),
        (2, formal, "scoring-matrix.xlsx"),
    ] {
        let file = NewAttachment {
            uploaded_by: cast.chair.id,
            file_name: name.to_owned(),
            content_type: "application/pdf".to_owned(),
            content: b"%PDF-1.4".to_vec(),
            visibility,
        };
        store
            .add_attachment(&cases[case], file, start(), None)
            .await
            .unwrap();
        written.push(Written {
            case,
            visibility,
            words: name,
        });
    }
    written
}

/// The cases `viewer` should find for `word`, by the workflow's own rules: those they may
/// see, where the case's own text or something written they may read holds a word
/// beginning with it.
fn expected(
    cases: &[StoredCase],
    written: &[Written],
    viewer: &Person,
    word: &str,
) -> BTreeSet<String> {
    let holds = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric())
            .any(|w| w.to_lowercase().starts_with(word))
    };
    cases
        .iter()
        .enumerate()
        .filter(|(_, stored)| can_see(&stored.case, viewer))
        .filter(|(i, stored)| {
            holds(&stored.case.searchable_text(&stored.reference))
                || written.iter().filter(|w| w.case == *i).any(|w| {
                    let readable = match w.visibility {
                        Visibility::Parties => true,
                        Visibility::Panel(scope) => reads_panel_scope(&stored.case, viewer, scope),
                    };
                    readable && holds(w.words)
                })
        })
        .map(|(_, stored)| stored.reference.clone())
        .collect()
}

on_both_databases! {
    async fn a_search_finds_what_the_searcher_may_read_and_nothing_else(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let (references, stored) = stored_cases(&db.store, &cast).await;
        let written = write(&db.store, &cast, &stored).await;
        let everyone = [
            &cast.raiser, &cast.raiser_champion, &cast.respondent, &cast.chair,
            &cast.facilitator, &cast.panel[0], &cast.panel[1], &cast.appeal_panel[0],
            &cast.appeal_panel[1], &cast.stranger,
        ];
        let searched = [
            "trustees", "hall", "minutes", "costings", "budget", "scoring", "grant", "room",
            "april", "notice", "deliberation", "xlsx", "nothing",
        ];
        for person in everyone {
            for word in searched {
                assert_eq!(
                    listed(&db.store, person, &search(word)).await,
                    expected(&stored, &written, person, word),
                    "{word} for {person:?}"
                );
            }
        }

        // The rule spelt out for the panel notes of the case walked to the end: its formal
        // panel reads its own note and file, not the appeal panel's note; the appeal panel
        // the other way round; the parties neither; the chair both.
        let ended = BTreeSet::from([references[2].clone()]);
        let none = BTreeSet::new();
        for (person, minutes, costings) in [
            (&cast.panel[0], &ended, &none),
            (&cast.appeal_panel[0], &none, &ended),
            (&cast.raiser, &none, &none),
            (&cast.respondent, &none, &none),
            (&cast.chair, &ended, &ended),
        ] {
            assert_eq!(&listed(&db.store, person, &search("minutes")).await, minutes, "{person:?}");
            assert_eq!(&listed(&db.store, person, &search("scoring")).await, minutes, "{person:?}");
            assert_eq!(&listed(&db.store, person, &search("costings")).await, costings, "{person:?}");
        }
    }

    async fn a_search_wants_every_word_each_as_the_start_of_a_word_in_any_case(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let (references, stored) = stored_cases(&db.store, &cast).await;
        write(&db.store, &cast, &stored).await;
        let chair = &cast.chair;
        let only = |r: &[usize]| r.iter().map(|i| references[*i].clone()).collect::<BTreeSet<_>>();

        // Words anywhere in the case: the title's "grant" and a message's "trustees".
        assert_eq!(listed(&db.store, chair, &search("grant trustees")).await, only(&[0]));
        // The start of a word, in any case, but not its middle.
        assert_eq!(listed(&db.store, chair, &search("TRUST")).await, only(&[0]));
        assert!(listed(&db.store, chair, &search("rustees")).await.is_empty());
        // A file's name, split at its punctuation.
        assert_eq!(listed(&db.store, chair, &search("letter")).await, only(&[1]));
        // Hall: a message on the first case, and one on the stranger's.
        assert_eq!(listed(&db.store, chair, &search("hall")).await, only(&[0, 3]));
        // A reference, or a piece of one, still finds its case.
        assert_eq!(listed(&db.store, chair, &search(&references[2])).await, only(&[2]));
        assert_eq!(listed(&db.store, chair, &search(&references[2].to_lowercase())).await, only(&[2]));
        let (_, year_and_number) = references[2].split_once('-').unwrap();
        assert_eq!(listed(&db.store, chair, &search(year_and_number)).await, only(&[2]));
        // What looks like the index's query language is only words.
        for q in ["hall\" OR \"grant", "hall*", "NEAR(hall grant)", "-hall", "hall:*", "'", "\"", "(", "^", "hall & !grant"] {
            let found = listed(&db.store, chair, &search(q)).await;
            let plain = match words(q) {
                words if words.is_empty() => BTreeSet::new(),
                words => listed(&db.store, chair, &search(&words.join(" "))).await,
            };
            assert_eq!(found, plain, "{q}");
        }
        assert_eq!(listed(&db.store, chair, &search("hall\" OR \"grant")).await, BTreeSet::new());
    }

    async fn migration_19_indexes_what_was_written_before_it(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let (references, stored) = stored_cases(&db.store, &cast).await;
        let written = write(&db.store, &cast, &stored).await;
        let entries = search_entries::Entity::find().count(db.raw()).await.unwrap();
        assert_eq!(entries as usize, references.len() + written.len());
        // Down to before the search, and up again: the index is built from the records,
        // messages and files, and searches find what they found.
        let from_19 = u32::try_from(Migrator::migrations().len() - 18).unwrap();
        Migrator::down(db.raw(), Some(from_19)).await.unwrap();
        Migrator::up(db.raw(), None).await.unwrap();
        assert_eq!(search_entries::Entity::find().count(db.raw()).await.unwrap(), entries);
        for person in [&cast.chair, &cast.panel[0], &cast.appeal_panel[1], &cast.raiser, &cast.stranger] {
            for word in ["trustees", "minutes", "costings", "letter", "scoring", "grant", "room"] {
                assert_eq!(
                    listed(&db.store, person, &search(word)).await,
                    expected(&stored, &written, person, word),
                    "{word} for {person:?}"
                );
            }
        }
    }

    async fn search_entries_are_written_in_the_writes_own_transaction(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let raised = cast.raise(&db.store).await;
        let raw = db.raw();
        let refuse: &[&str] = match raw.get_database_backend() {
            DbBackend::Postgres => &[
                "CREATE FUNCTION refuse_entry() RETURNS trigger AS $$ \
                 BEGIN RAISE EXCEPTION 'injected fault'; END; $$ LANGUAGE plpgsql",
                "CREATE TRIGGER refuse_entry BEFORE INSERT ON search_entries \
                 FOR EACH ROW EXECUTE FUNCTION refuse_entry()",
            ],
            _ => &["CREATE TRIGGER refuse_entry BEFORE INSERT ON search_entries \
                    BEGIN SELECT RAISE(ABORT, 'injected fault'); END"],
        };
        for statement in refuse {
            raw.execute_unprepared(statement).await.unwrap();
        }
        let cases_before = case_rows::Entity::find().count(raw).await.unwrap();
        let said = db
            .store
            .add_message(&raised, cast.raiser.id, Visibility::Parties, text("Unsearchable."), start(), None)
            .await;
        assert!(said.is_err(), "{said:?}");
        assert_eq!(messages::Entity::find().count(raw).await.unwrap(), 0, "no message without its entry");
        let again = db
            .store
            .raise_case(cast.new_case(), &cast.raiser, start(), &crate::tests::settings())
            .await;
        assert!(again.is_err(), "{again:?}");
        assert_eq!(case_rows::Entity::find().count(raw).await.unwrap(), cases_before, "no case without its entry");
    }
}

#[test]
fn words_are_letters_and_digits_lower_cased_each_once_ten_at_most() {
    assert_eq!(words("Hall\" OR \"grant*"), ["hall", "or", "grant"]);
    assert_eq!(words("LEIC-2026-0004"), ["leic", "2026", "0004"]);
    assert_eq!(words("Ŵyl y Cyngor, ŵyl"), ["ŵyl", "y", "cyngor"]);
    assert!(words(" -*:'\" ").is_empty());
    let many = (0..20)
        .map(|i| format!("w{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(words(&many).len(), crate::MOST_WORDS);
}
