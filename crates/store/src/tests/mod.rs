//! The store's tests. Every one runs twice: on a SQLite file in a temporary folder, and on a
//! fresh PostgreSQL database (see `disputes_testkit`: created on the server named by
//! `DISPUTES_TEST_POSTGRES_URL` and dropped afterwards). A PostgreSQL server that cannot be
//! reached fails the tests: it never skips them.

// Tests state their expectations by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod access;
mod atomicity;
mod cases;
mod concurrency;
mod directory;
mod dispatch;
mod identity;
mod inbound;
mod lists;
mod records;
mod reports;
mod round_trips;
mod schema;
mod search;
mod verify;
mod webhooks;

use chrono::{DateTime, Duration, Utc};
use disputes_testkit::{ScratchDb, TestDatabase};
use disputes_workflow::*;
use sea_orm::DatabaseConnection;

use crate::{NewOrganisation, NewPerson, Store, StoreOptions};

/// Runs each test body once on SQLite and once on PostgreSQL, on four worker threads.
macro_rules! on_both_databases {
    ($($tests:tt)*) => {
        disputes_testkit::on_both_databases! { 4, $crate::tests::TestDb; $($tests)* }
    };
}
pub(crate) use on_both_databases;

/// A migrated, empty database for one test, removed when the test ends.
pub(crate) struct TestDb {
    pub(crate) store: Store,
    /// Kept until the test ends (after the store), and then removed.
    scratch: ScratchDb,
}

impl TestDatabase for TestDb {
    async fn sqlite() -> TestDb {
        TestDb::open(ScratchDb::sqlite("test.db")).await
    }

    async fn postgres() -> TestDb {
        TestDb::open(ScratchDb::postgres("disputes_test").await).await
    }
}

impl TestDb {
    async fn open(scratch: ScratchDb) -> TestDb {
        let store = Store::connect(&scratch.url, &StoreOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        TestDb { store, scratch }
    }

    /// The PostgreSQL database's name ("sqlite" on SQLite).
    pub(crate) fn name(&self) -> &str {
        self.scratch.database().unwrap_or("sqlite")
    }

    /// A direct connection for tests that reach past the store (to tamper, or to inject
    /// faults), as an administrator of the database would.
    pub(crate) fn raw(&self) -> &DatabaseConnection {
        &self.store.write
    }
}

/// The people of a small Compact, stored in the directory.
pub(crate) struct Cast {
    pub(crate) volunteers: OrganisationId,
    pub(crate) council: OrganisationId,
    pub(crate) raiser: Person,
    pub(crate) raiser_champion: Person,
    pub(crate) respondent: Person,
    pub(crate) chair: Person,
    pub(crate) facilitator: Person,
    /// Formal panel: VCS (its chair) and PSA.
    pub(crate) panel: [Person; 2],
    /// Appeal panel: VCS (its chair) and PSA.
    pub(crate) appeal_panel: [Person; 2],
    pub(crate) stranger: Person,
}

/// Monday 2 March 2026, 09:00 in London.
pub(crate) fn start() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

/// A day-long session for `person` held as `secret`, opened at `at`, idle after an hour.
pub(crate) fn session(person: PersonId, secret: &str, at: DateTime<Utc>) -> crate::NewSession<'_> {
    crate::NewSession {
        person,
        secret,
        at,
        expires_at: at + chrono::Duration::days(1),
        idle_before: at - chrono::Duration::hours(1),
        user_agent: Some("Firefox on Linux"),
        address: Some("192.0.2.7"),
        pending: None,
    }
}

/// The Compact the tests run: the defaults, with Leicestershire's reference prefix.
pub(crate) fn settings() -> CompactSettings {
    CompactSettings {
        reference_prefix: "LEIC".to_owned(),
        ..CompactSettings::default()
    }
}

pub(crate) fn text(s: &str) -> Text {
    Text::parse(s).unwrap()
}

impl Cast {
    pub(crate) async fn enrol(store: &Store) -> Cast {
        let at = start() - Duration::days(30);
        let org = async |name: &str, sector: Sector, grouping: &str| {
            store
                .create_organisation(
                    NewOrganisation {
                        name: name.to_owned(),
                        sector,
                        grouping: grouping.to_owned(),
                        signatory_since: None,
                    },
                    at,
                )
                .await
                .unwrap()
                .id
        };
        let volunteers = org(
            "Age Concern Leicestershire",
            Sector::Vcs,
            "Voluntary and Community",
        )
        .await;
        let council = org(
            "Leicestershire County Council",
            Sector::Psa,
            "Local Government",
        )
        .await;
        let compact = org(
            "Voluntary Action Leicestershire",
            Sector::Vcs,
            "Voluntary and Community",
        )
        .await;
        let vcs_a = org(
            "Leicestershire Disability Association",
            Sector::Vcs,
            "Voluntary and Community",
        )
        .await;
        let vcs_b = org(
            "Rural Community Council",
            Sector::Vcs,
            "Voluntary and Community",
        )
        .await;
        let psa_a = org(
            "Leicestershire Fire and Rescue",
            Sector::Psa,
            "Police, Uniformed and Legal",
        )
        .await;
        let psa_b = org("Charnwood Borough Council", Sector::Psa, "Local Government").await;
        let other = org("Melton Borough Council", Sector::Psa, "Local Government").await;
        let mut n = 0;
        let mut person = async |organisation_id: OrganisationId, roles: &[Role]| {
            n += 1;
            store
                .create_person(
                    NewPerson {
                        email: format!("Person{n}@Example.org"),
                        name: format!("Person {n}"),
                        organisation_id,
                        roles: roles.iter().copied().collect(),
                        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
                        language: disputes_i18n::Lang::En,
                    },
                    at,
                )
                .await
                .unwrap()
                .person
        };
        Cast {
            raiser: person(volunteers, &[Role::Member]).await,
            raiser_champion: person(volunteers, &[Role::Champion]).await,
            respondent: person(council, &[Role::Member]).await,
            chair: person(compact, &[Role::Subgroup, Role::Chair]).await,
            facilitator: person(compact, &[Role::Facilitator]).await,
            panel: [
                person(vcs_a, &[Role::Subgroup]).await,
                person(psa_a, &[Role::Subgroup]).await,
            ],
            appeal_panel: [
                person(vcs_b, &[Role::Subgroup]).await,
                person(psa_b, &[Role::Subgroup]).await,
            ],
            stranger: person(other, &[Role::Member, Role::Champion]).await,
            volunteers,
            council,
        }
    }

    pub(crate) fn new_case(&self) -> NewCase {
        NewCase {
            respondent_organisation_id: self.council,
            title: Title::parse("Day-centre grant cut at two weeks' notice").unwrap(),
            summary: text("The grant ends on 1 April; notice came on 16 March."),
            principles: vec!["notice".to_owned(), "funding_and_procurement".to_owned()],
            desired_outcome: text("Three months' notice."),
            notice: None,
            consultation: None,
        }
    }

    pub(crate) async fn raise(&self, store: &Store) -> crate::StoredCase {
        store
            .raise_case(self.new_case(), &self.raiser, start(), &settings())
            .await
            .unwrap()
    }

    pub(crate) async fn panel_of(&self, store: &Store, people: &[Person; 2]) -> ProposedPanel {
        let ids: Vec<PersonId> = people.iter().map(|p| p.id).collect();
        ProposedPanel {
            members: store.panel_candidates(&ids).await.unwrap(),
            chair_id: people[0].id,
        }
    }
}

pub(crate) fn command(who: &Person, action: Action, at: DateTime<Utc>) -> Command {
    Command {
        actor: Actor::Person(who.clone()),
        action,
        at,
        note: None,
    }
}

/// Drives a case through the whole process to an appeal decision that confirms the
/// formal one, one action a day, returning the reference.
pub(crate) async fn walk_to_the_end(store: &Store, cast: &Cast) -> String {
    walk_to_an_appeal(store, cast, AppealResult::DecisionConfirmed).await
}

/// Drives a case through the whole process to an appeal decision of `result` (a new
/// outcome, upheld, when it is not confirmed), one action a day, returning the reference.
pub(crate) async fn walk_to_an_appeal(store: &Store, cast: &Cast, result: AppealResult) -> String {
    let stored = cast.raise(store).await;
    let reference = stored.reference.clone();
    let formal = cast.panel_of(store, &cast.panel).await;
    let appeal = cast.panel_of(store, &cast.appeal_panel).await;
    let steps: Vec<(&Person, Action)> = vec![
        (&cast.respondent, Action::Acknowledge),
        (
            &cast.raiser,
            Action::Escalate {
                reason: Some(text("No progress.")),
            },
        ),
        (&cast.chair, Action::AcceptFormal),
        (&cast.chair, Action::ConvenePanel { panel: formal }),
        (
            &cast.respondent,
            Action::SubmitResponse {
                body: text("Our response."),
            },
        ),
        (
            &cast.panel[0],
            Action::IssueDecision {
                outcome: FormalOutcome::PartlyUpheld,
                findings: text("Notice was ten weeks short."),
                recommendations: vec![RecommendationDraft {
                    text: text("Give three months' notice."),
                    owner_organisation_id: cast.council,
                    due_on: "2026-12-31".parse().unwrap(),
                }],
            },
        ),
        (
            &cast.respondent,
            Action::Appeal {
                grounds: text("The dates were misread."),
            },
        ),
        (&cast.chair, Action::ConveneAppealPanel { panel: appeal }),
        (
            &cast.appeal_panel[0],
            Action::DecideAppeal {
                result,
                outcome: (result != AppealResult::DecisionConfirmed)
                    .then_some(FormalOutcome::Upheld),
                reasons: text("The appeal panel has decided."),
            },
        ),
    ];
    for (day, (who, action)) in steps.into_iter().enumerate() {
        let at = start() + Duration::days(i64::try_from(day).unwrap() + 1);
        store
            .apply(&reference, &command(who, action, at), None)
            .await
            .unwrap_or_else(|e| panic!("step {day}: {e}"));
    }
    reference
}
