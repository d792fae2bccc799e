//! Case lists: what each person sees, filters, and pages.

use std::collections::BTreeSet;

use chrono::Duration;
use disputes_workflow::visibility::can_see;
use disputes_workflow::*;

use super::{Cast, command, on_both_databases, start, text, walk_to_the_end};
use crate::{COUNTED, CaseFilter, CaseSort, ListCursor, PageRequest, Store};

/// Four cases: raised; in dialogue and paused; walked to the end (with panels); and one the
/// stranger's council raised against the volunteers.
pub(super) async fn cases(store: &Store, cast: &Cast) -> Vec<String> {
    let raised = cast.raise(store).await.reference;
    let paused = cast.raise(store).await.reference;
    for (who, action) in [
        (&cast.respondent, Action::Acknowledge),
        (
            &cast.facilitator,
            Action::Pause {
                reason: text("Mediation first."),
            },
        ),
    ] {
        store
            .apply(&paused, &command(who, action, start()), None)
            .await
            .unwrap();
    }
    let ended = walk_to_the_end(store, cast).await;
    let mut against = cast.new_case();
    against.respondent_organisation_id = cast.volunteers;
    against.title = Title::parse("Room hire charges doubled").unwrap();
    let reversed = store
        .raise_case(against, &cast.stranger, start(), &crate::tests::settings())
        .await
        .unwrap()
        .reference;
    vec![raised, paused, ended, reversed]
}

pub(super) async fn listed(
    store: &Store,
    viewer: &Person,
    filter: &CaseFilter,
) -> BTreeSet<String> {
    let page = store
        .list_cases(viewer, filter, PageRequest::new(1, 100))
        .await
        .unwrap();
    assert_eq!(page.total as usize, page.items.len());
    // Counted rather than seen: a page of one leaves the rest to the count, which must
    // agree, cases seen on more than one ground (their side and their panel) counted once.
    let counted = store
        .list_cases(viewer, filter, PageRequest::new(1, 1))
        .await
        .unwrap();
    assert_eq!(counted.total, page.total, "counted for {:?}", viewer.id);
    page.items.into_iter().map(|c| c.reference).collect()
}

on_both_databases! {
    async fn everyone_sees_exactly_the_cases_the_workflow_lets_them_see(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let references = cases(&db.store, &cast).await;
        let mut stored = Vec::new();
        for reference in &references {
            stored.push(db.store.case(reference).await.unwrap());
        }
        let everyone = [
            &cast.raiser, &cast.raiser_champion, &cast.respondent, &cast.chair,
            &cast.facilitator, &cast.panel[0], &cast.panel[1], &cast.appeal_panel[0],
            &cast.appeal_panel[1], &cast.stranger,
        ];
        for person in everyone {
            let expected: BTreeSet<String> = stored
                .iter()
                .filter(|s| can_see(&s.case, person))
                .map(|s| s.reference.clone())
                .collect();
            assert_eq!(listed(&db.store, person, &CaseFilter::default()).await, expected, "{person:?}");
        }
        // A panel member sees only the case they sit on; the stranger only their own.
        assert_eq!(listed(&db.store, &cast.panel[1], &CaseFilter::default()).await.len(), 1);
        assert_eq!(listed(&db.store, &cast.stranger, &CaseFilter::default()).await.len(), 1);
        assert_eq!(listed(&db.store, &cast.chair, &CaseFilter::default()).await.len(), 4);
    }

    async fn filters_narrow_the_list(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let refs = cases(&db.store, &cast).await;
        let chair = &cast.chair;
        let only = |r: &[usize]| r.iter().map(|i| refs[*i].clone()).collect::<BTreeSet<_>>();

        let closed = CaseFilter { stage: Some(Stage::Closed), ..CaseFilter::default() };
        let open = CaseFilter { open_only: true, ..CaseFilter::default() };
        assert_eq!(listed(&db.store, chair, &open).await, only(&[0, 1, 3]));
        assert_eq!(listed(&db.store, chair, &closed).await, only(&[2]));
        let informal = CaseFilter { stage: Some(Stage::Informal), ..CaseFilter::default() };
        assert_eq!(listed(&db.store, chair, &informal).await, only(&[0, 1, 3]));
        let paused = CaseFilter { state: Some(StateKind::Paused), ..CaseFilter::default() };
        assert_eq!(listed(&db.store, chair, &paused).await, only(&[1]));
        let council = CaseFilter { organisation_id: Some(cast.council), ..CaseFilter::default() };
        assert_eq!(listed(&db.store, chair, &council).await, only(&[0, 1, 2]));

        // Overdue from 10 March: the raised cases' acknowledgements (due 9 March); not the
        // paused one, whose deadlines wait; not the closed one.
        let overdue = CaseFilter {
            overdue_on: Some(start().date_naive() + Duration::days(8)),
            ..CaseFilter::default()
        };
        assert_eq!(listed(&db.store, chair, &overdue).await, only(&[0, 3]));
        let not_yet = CaseFilter { overdue_on: Some(start().date_naive()), ..CaseFilter::default() };
        assert!(listed(&db.store, chair, &not_yet).await.is_empty());

        // A principle cited, the year raised, a deadline due by a day (past ones included;
        // not the paused case's, which wait).
        let principle = |p: &str| CaseFilter { principle: Some(p.into()), ..CaseFilter::default() };
        assert_eq!(listed(&db.store, chair, &principle("notice")).await, only(&[0, 1, 2, 3]));
        assert!(listed(&db.store, chair, &principle("equality")).await.is_empty());
        let year = |y: i32| CaseFilter { year: Some(y), ..CaseFilter::default() };
        assert_eq!(listed(&db.store, chair, &year(2026)).await, only(&[0, 1, 2, 3]));
        assert!(listed(&db.store, chair, &year(2025)).await.is_empty());
        let due_by = |days: i64| CaseFilter { due_by: Some(start().date_naive() + Duration::days(days)), ..CaseFilter::default() };
        assert_eq!(listed(&db.store, chair, &due_by(7)).await, only(&[0, 3]));
        assert_eq!(listed(&db.store, chair, &due_by(30)).await, only(&[0, 3]));
        assert!(listed(&db.store, chair, &due_by(6)).await.is_empty());

        // A group: a case and those linked to it, from either end, as far as the viewer
        // sees (the council does not see the stranger's case linked to the first).
        let at = start();
        db.store.link_cases(&refs[0], &refs[1], LinkKind::SameDecision, chair.id, at).await.unwrap();
        db.store.link_cases(&refs[0], &refs[3], LinkKind::Related, chair.id, at).await.unwrap();
        let group = |r: &str| CaseFilter { linked_to: Some(r.into()), ..CaseFilter::default() };
        assert_eq!(listed(&db.store, chair, &group(&refs[0])).await, only(&[0, 1, 3]));
        assert_eq!(listed(&db.store, chair, &group(&refs[1])).await, only(&[0, 1]));
        assert_eq!(listed(&db.store, &cast.respondent, &group(&refs[0])).await, only(&[0, 1]));
        assert!(listed(&db.store, chair, &group("LEIC-2026-9999")).await.is_empty());

        // Text: case-insensitive, in the title or the reference, wildcards taken literally.
        let text = |t: &str| CaseFilter { text: Some(t.into()), ..CaseFilter::default() };
        assert_eq!(listed(&db.store, chair, &text("ROOM HIRE")).await, only(&[3]));
        assert_eq!(listed(&db.store, chair, &text(&refs[2])).await, only(&[2]));
        assert!(listed(&db.store, chair, &text("100%")).await.is_empty());
        assert!(listed(&db.store, chair, &text("_")).await.is_empty());
    }

    async fn lists_come_in_pages_newest_first(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let mut refs = Vec::new();
        for day in 0..5 {
            let at = start() + Duration::days(day);
            refs.push(
                db.store
                    .raise_case(cast.new_case(), &cast.raiser, at, &crate::tests::settings())
                    .await
                    .unwrap()
                    .reference,
            );
        }
        let all = CaseFilter::default();
        let page = |n| db.store.list_cases(&cast.raiser, &all, PageRequest::new(n, 2));
        let first = page(1).await.unwrap();
        assert_eq!((first.total, first.page, first.per_page), (5, 1, 2));
        let names: Vec<_> = first.items.iter().map(|c| c.reference.clone()).collect();
        assert_eq!(names, [refs[4].clone(), refs[3].clone()]);
        assert_eq!(page(3).await.unwrap().items.len(), 1);
        assert!(page(4).await.unwrap().items.is_empty());
        // Summaries carry what a list shows.
        let summary = &first.items[0];
        assert_eq!(summary.raising_organisation.1, "Age Concern Leicestershire");
        assert_eq!(summary.respondent_organisation.1, "Leicestershire County Council");
        assert_eq!(summary.stage, Stage::Informal);
        assert_eq!(summary.next_deadline.map(|d| d.0), Some(DeadlineKind::Acknowledgement));
        // Out-of-range requests are brought into range.
        assert_eq!(PageRequest::new(0, 1000), PageRequest::new(1, PageRequest::MAX_PER_PAGE));
        let far = db
            .store
            .list_cases(&cast.raiser, &all, PageRequest::new(u64::MAX, u64::MAX))
            .await
            .unwrap();
        assert!(far.items.is_empty());
        assert_eq!(far.page, PageRequest::MAX_PAGE);
    }

    async fn long_lists_count_to_the_cap_and_say_there_are_more(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        // Two past the cap, raised eight at a time (one by one would take a while; all at once
        // would wait longer for a connection than the pool allows on a busy machine).
        let raised = COUNTED + 2;
        let side_by_side = std::sync::Arc::new(tokio::sync::Semaphore::new(8));
        let tasks: Vec<_> = (0..raised)
            .map(|_| {
                let (store, new_case, raiser) = (db.store.clone(), cast.new_case(), cast.raiser.clone());
                let side_by_side = side_by_side.clone();
                tokio::spawn(async move {
                    let _turn = side_by_side.acquire_owned().await.unwrap();
                    store.raise_case(new_case, &raiser, start(), &crate::tests::settings()).await
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        let all = CaseFilter::default();
        for viewer in [&cast.raiser, &cast.chair] {
            let first = db.store.list_cases(viewer, &all, PageRequest::new(1, 50)).await.unwrap();
            assert_eq!((first.total, first.total_capped), (COUNTED, true), "{:?}", viewer.id);
            assert_eq!(first.items.len(), 50);
            // A page past the cap counts as far as it reaches, and here that is all of them.
            let far = db.store.list_cases(viewer, &all, PageRequest::new(21, 50)).await.unwrap();
            assert_eq!((far.total, far.total_capped), (raised, false), "{:?}", viewer.id);
            assert_eq!(far.items.len() as u64, raised - 20 * 50);
        }
    }
}

/// What SQLite plans for a member's page: every table read through an index, and each
/// listed case's next deadline as the first entry of one range of its own index. (With only
/// an index on case, status and kind, SQLite walked every running deadline in due order for
/// each listed case, and a page took a second on 13,000 cases.) A plan, not a time: what a
/// slow machine cannot change.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_page_is_read_through_indexes_on_sqlite() {
    use sea_orm::{ConnectionTrait, Statement};

    let db = <crate::tests::TestDb as disputes_testkit::TestDatabase>::sqlite().await;
    let cast = Cast::enrol(&db.store).await;
    cases(&db.store, &cast).await;
    let parts = crate::lists::visible_parts(&cast.raiser).unwrap();
    let newest = crate::lists::newest_of(
        &parts,
        &sea_orm::Condition::all(),
        &CaseFilter::default(),
        50,
    )
    .unwrap();
    let backend = db.raw().get_database_backend();
    let built = backend.build(&newest);
    let explain = Statement::from_sql_and_values(
        backend,
        format!("EXPLAIN QUERY PLAN {}", built.sql),
        built.values.map(|v| v.0).unwrap_or_default(),
    );
    let plan: Vec<String> = db
        .raw()
        .query_all_raw(explain)
        .await
        .unwrap()
        .iter()
        .map(|row| row.try_get_by_index::<String>(3).unwrap())
        .collect();
    for step in &plan {
        assert!(
            !step.starts_with("SCAN cases") && !step.starts_with("SCAN deadlines"),
            "{plan:#?}"
        );
    }
    let deadlines: Vec<&String> = plan.iter().filter(|s| s.contains("deadlines")).collect();
    assert!(!deadlines.is_empty(), "{plan:#?}");
    for step in deadlines {
        assert!(
            step.contains(
                "INDEX ix_deadlines_case_id_status_due_on_position (case_id=? AND status=?)"
            ),
            "{plan:#?}"
        );
    }
    // The index gives each case's deadlines in due order: none is sorted.
    assert!(
        !plan.iter().any(|s| s.contains("RIGHT PART OF ORDER BY")),
        "{plan:#?}"
    );
}

/// The references `viewer` is listed, in the list's order, read whole and read a case a
/// page: both must give the same order.
async fn in_order(store: &Store, viewer: &Person, sort: CaseSort) -> Vec<String> {
    let filter = CaseFilter {
        sort,
        ..CaseFilter::default()
    };
    let whole: Vec<String> = store
        .list_cases(viewer, &filter, PageRequest::new(1, 100))
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.reference)
        .collect();
    let mut paged = Vec::new();
    for page in 1..=whole.len() as u64 {
        let one = store
            .list_cases(viewer, &filter, PageRequest::new(page, 1))
            .await
            .unwrap();
        paged.extend(one.items.into_iter().map(|c| c.reference));
    }
    assert_eq!(paged, whole, "{sort:?} a page at a time");
    whole
}

on_both_databases! {
    async fn lists_sort_by_raising_due_date_change_and_reference(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let refs = cases(&db.store, &cast).await;
        let only = |r: &[usize]| r.iter().map(|i| refs[*i].clone()).collect::<Vec<_>>();
        // The raiser sees the four on two grounds (raised by their organisation, or against
        // it), each read in order and the two merged.
        let raiser = &cast.raiser;
        assert_eq!(in_order(&db.store, raiser, CaseSort::RaisedNewest).await, only(&[3, 2, 1, 0]));
        assert_eq!(in_order(&db.store, raiser, CaseSort::RaisedOldest).await, only(&[0, 1, 2, 3]));
        assert_eq!(in_order(&db.store, raiser, CaseSort::Reference).await, only(&[0, 1, 2, 3]));
        // Acknowledgements due 9 March first, then the paused case's next deadline, then
        // the closed case, which owes nothing.
        assert_eq!(in_order(&db.store, raiser, CaseSort::Due).await, only(&[0, 3, 1, 2]));
        // The case walked to its end changed last.
        assert_eq!(in_order(&db.store, raiser, CaseSort::Updated).await, only(&[2, 3, 1, 0]));
    }
}

on_both_databases! {
    async fn a_cursor_carries_on_where_it_was_while_cases_are_raised(db: TestDb) {
        let cast = Cast::enrol(&db.store).await;
        let mut refs = Vec::new();
        for day in 0..4 {
            let at = start() + Duration::days(day);
            let raised = db.store.raise_case(cast.new_case(), &cast.raiser, at, &crate::tests::settings()).await.unwrap();
            refs.push(raised.reference);
        }
        let first = db.store.list_cases(&cast.raiser, &CaseFilter::default(), PageRequest::new(1, 2)).await.unwrap();
        let seen: Vec<String> = first.items.iter().map(|c| c.reference.clone()).collect();
        assert_eq!(seen, [refs[3].clone(), refs[2].clone()]);
        // A case raised meanwhile would push page 2 back by one; the cursor is not moved.
        let newer = db.store.raise_case(cast.new_case(), &cast.raiser, start() + Duration::days(9), &crate::tests::settings()).await.unwrap();
        let after = CaseFilter { after: first.next.clone(), ..CaseFilter::default() };
        let second = db.store.list_cases(&cast.raiser, &after, PageRequest::new(1, 2)).await.unwrap();
        let seen: Vec<String> = second.items.iter().map(|c| c.reference.clone()).collect();
        assert_eq!(seen, [refs[1].clone(), refs[0].clone()]);
        assert!(second.next.is_none(), "the last page has no next");
        assert_eq!(second.total, 5, "the count is of the whole list");
        let by_number = db.store.list_cases(&cast.raiser, &CaseFilter::default(), PageRequest::new(2, 2)).await.unwrap();
        assert_eq!(by_number.items[0].reference, refs[2], "by page number, a case is read twice");
        assert_ne!(newer.reference, refs[0]);
        // A cursor of one order means nothing in another.
        let text = first.next.unwrap().encode();
        assert!(ListCursor::decode(&text, CaseSort::Reference).is_none());
        assert!(ListCursor::decode("t1.x", CaseSort::RaisedNewest).is_none());
        assert!(ListCursor::decode("nonsense", CaseSort::Due).is_none());
    }
}
