//! The pure domain of a Compact dispute.
//!
//! Everything a case may do is decided here, with no I/O, no async, no database and no
//! system clock (chrono's `clock` feature is off; time always arrives as an argument):
//!
//! - [`Case::raise`] opens a case and [`Case::decide`] applies an [`Action`] to it, through
//!   the statig state machine in [`machine`]: the stages Informal → Formal → Appeal →
//!   Closed, pause and resume, extensions, withdrawal and external referral.
//! - [`Case::allowed_actions`] lists what a person may do now, from the same handlers, and a
//!   refused action says whether the case's state (409), the person (403) or the fields
//!   (422) stood in the way ([`Refusal::kind`]).
//! - [`deadline`] computes every time limit in working days, on [`calendar`]s of bank
//!   holidays for England and Wales, Scotland and Northern Ireland.
//! - [`rules`] assesses the three months' notice and twelve-week consultation rules.
//! - [`panel`] checks a proposed panel; [`visibility`] says who may see a case, and
//!   [`audience`] who is told of each event.
//! - [`event`] records each accepted action; [`event::replay`] rebuilds a case from them.
//!
//! A case from raised to closed:
//!
//! ```
//! use disputes_workflow::*;
//!
//! let settings = CompactSettings::default();
//! let volunteer = Person {
//!     id: PersonId(1),
//!     organisation_id: OrganisationId(10), // Age Concern
//!     roles: Roles::from([Role::Member]),
//! };
//! let officer = Person {
//!     id: PersonId(2),
//!     organisation_id: OrganisationId(20), // the county council
//!     roles: Roles::from([Role::Member]),
//! };
//! let at = |s: &str| s.parse::<chrono::DateTime<chrono::Utc>>().unwrap();
//! let text = |s: &str| Text::parse(s).unwrap();
//!
//! let raised = Case::raise(
//!     NewCase {
//!         respondent_organisation_id: officer.organisation_id,
//!         title: Title::parse("Day-centre grant cut at two weeks' notice").unwrap(),
//!         summary: text("The grant ends on 1 April; we were told on 16 March."),
//!         principles: vec!["notice".into()],
//!         desired_outcome: text("Three months' notice, as the Compact promises."),
//!         notice: None,
//!         consultation: None,
//!     },
//!     &volunteer,
//!     at("2026-03-02T09:00:00Z"),
//!     &settings,
//! )
//! .unwrap();
//! let case = raised.case;
//! assert_eq!(case.state.name(), "raised");
//! let due = case.running(DeadlineKind::Acknowledgement).unwrap();
//! assert_eq!(due.due_on.to_string(), "2026-03-09");
//! assert_eq!((due.working_days, due.holidays_skipped.len()), (5, 0));
//!
//! let act = |case: &Case, who: &Person, action, when| {
//!     case.decide(&Command { actor: who.clone().into(), action, at: at(when), note: None })
//! };
//! let case = act(&case, &officer, Action::Acknowledge, "2026-03-04T10:00:00Z").unwrap().case;
//! assert_eq!(
//!     case.allowed_actions(&officer.clone().into(), at("2026-03-04T10:00:00Z")),
//!     [ActionKind::ProposeResolution]
//! );
//! let proposal = Action::ProposeResolution { terms: text("The grant runs to 16 June.") };
//! let case = act(&case, &officer, proposal, "2026-03-05T10:00:00Z").unwrap().case;
//!
//! // Only the other party may accept; the officer who proposed is refused (403).
//! let refusal = act(&case, &officer, Action::AcceptResolution, "2026-03-06T10:00:00Z")
//!     .unwrap_err();
//! assert_eq!(refusal.kind(), RefusalKind::Actor);
//!
//! let closed = act(&case, &volunteer, Action::AcceptResolution, "2026-03-06T10:00:00Z").unwrap();
//! assert_eq!(closed.case.state.outcome(), Some(Outcome::ResolvedInformally));
//! assert_eq!(closed.event.seq, 4);
//! ```

pub mod action;
pub mod actor;
pub mod audience;
pub mod calendar;
pub mod case;
pub mod content;
pub mod dates;
pub mod deadline;
pub mod error;
pub mod event;
pub mod ids;
pub mod links;
pub mod machine;
pub mod messages;
pub mod names;
pub mod panel;
pub mod rules;
pub mod settings;
pub mod state;
pub mod text;
pub mod visibility;

pub use action::{
    Action, ActionField, ActionKind, Command, Input, RecommendationDraft, RecommendationStatus,
    UnknownAction,
};
pub use actor::{Actor, Party, Person, Role, Roles, Sector};
pub use audience::{Audience, Owing};
pub use calendar::{
    Calendar, CalendarVersion, Holiday, HolidaySource, Jurisdiction, Release, WorkingDays,
};
pub use case::{Case, CaseTerms, Conflict, Decided, NewCase, Priority, StoppedClock};
pub use content::{Redaction, TOMBSTONE};
pub use deadline::{Deadline, DeadlineKind, DeadlineStatus, Owed};
pub use error::{FieldError, FieldErrorCode, Refusal, RefusalKind, Said, Word};
pub use event::{CaseEvent, EventBody, ReplayError, replay};
pub use ids::{OrganisationId, PersonId};
pub use links::LinkKind;
pub use panel::{PanelBreach, PanelCandidate, PanelRule, ProposedPanel};
pub use settings::{CompactSettings, DeadlineSettings};
pub use state::{
    AppealResult, CaseState, ExternalBody, FormalOutcome, OpenState, Outcome, Stage, StateKind,
};
pub use text::{Text, TextError, Title};
