//! The people of a small Compact, and a case that can be driven to any state.

use chrono::{DateTime, Duration, Utc};
use disputes_workflow::*;

pub(crate) const VOLUNTEERS: OrganisationId = OrganisationId(10);
pub(crate) const COUNCIL: OrganisationId = OrganisationId(20);

/// Everyone who might try to act on a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cast {
    RaiserMember,
    RaiserChampion,
    RespondentMember,
    RespondentChampion,
    Chair,
    Facilitator,
    /// Chairs the formal panel.
    PanelVcs,
    PanelPsa,
    /// Chairs the appeal panel.
    AppealVcs,
    AppealPsa,
    /// A member of an organisation with nothing to do with the case.
    Stranger,
    System,
}

impl Cast {
    pub(crate) const ALL: [Cast; 12] = [
        Cast::RaiserMember,
        Cast::RaiserChampion,
        Cast::RespondentMember,
        Cast::RespondentChampion,
        Cast::Chair,
        Cast::Facilitator,
        Cast::PanelVcs,
        Cast::PanelPsa,
        Cast::AppealVcs,
        Cast::AppealPsa,
        Cast::Stranger,
        Cast::System,
    ];

    pub(crate) fn person(self) -> Option<Person> {
        let (id, org, roles): (i64, i64, &[Role]) = match self {
            Cast::RaiserMember => (1, 10, &[Role::Member]),
            Cast::RaiserChampion => (2, 10, &[Role::Champion]),
            Cast::RespondentMember => (3, 20, &[Role::Member]),
            Cast::RespondentChampion => (4, 20, &[Role::Champion]),
            Cast::Chair => (5, 30, &[Role::Subgroup, Role::Chair]),
            Cast::Facilitator => (6, 31, &[Role::Facilitator]),
            Cast::PanelVcs => (7, 40, &[Role::Subgroup]),
            Cast::AppealVcs => (8, 41, &[Role::Subgroup]),
            Cast::PanelPsa => (9, 50, &[Role::Subgroup]),
            Cast::AppealPsa => (10, 51, &[Role::Subgroup]),
            Cast::Stranger => (11, 60, &[Role::Member, Role::Champion]),
            Cast::System => return None,
        };
        Some(Person {
            id: PersonId(id),
            organisation_id: OrganisationId(org),
            roles: roles.iter().copied().collect(),
        })
    }

    pub(crate) fn actor(self) -> Actor {
        self.person().map_or(Actor::System, Actor::Person)
    }

    fn candidate(self) -> PanelCandidate {
        let person = self.person().expect("panel members are people");
        PanelCandidate {
            person_id: person.id,
            organisation_id: person.organisation_id,
            sector: if person.organisation_id.0 < 50 {
                Sector::Vcs
            } else {
                Sector::Psa
            },
            roles: person.roles,
        }
    }
}

pub(crate) fn text(s: &str) -> Text {
    Text::parse(s).unwrap()
}

pub(crate) fn formal_panel() -> ProposedPanel {
    ProposedPanel {
        members: vec![Cast::PanelVcs.candidate(), Cast::PanelPsa.candidate()],
        chair_id: Cast::PanelVcs.person().unwrap().id,
    }
}

pub(crate) fn appeal_panel() -> ProposedPanel {
    ProposedPanel {
        members: vec![Cast::AppealVcs.candidate(), Cast::AppealPsa.candidate()],
        chair_id: Cast::AppealVcs.person().unwrap().id,
    }
}

/// An unbalanced panel with a member of the raising organisation on it.
pub(crate) fn bad_panel() -> ProposedPanel {
    let mut raiser = Cast::PanelVcs.candidate();
    raiser.organisation_id = VOLUNTEERS;
    ProposedPanel {
        members: vec![raiser, Cast::AppealVcs.candidate()],
        chair_id: Cast::Chair.person().unwrap().id,
    }
}

/// An action of `kind` with fields that are valid wherever the action is.
pub(crate) fn valid(kind: ActionKind) -> Action {
    let reason = || text("Because the matter needs it.");
    match kind {
        ActionKind::Acknowledge => Action::Acknowledge,
        ActionKind::Escalate => Action::Escalate {
            reason: Some(reason()),
        },
        ActionKind::ProposeResolution => Action::ProposeResolution {
            terms: text("The grant continues until the end of June."),
        },
        ActionKind::AcceptResolution => Action::AcceptResolution,
        ActionKind::RejectResolution => Action::RejectResolution { reason: reason() },
        ActionKind::AcceptFormal => Action::AcceptFormal,
        ActionKind::ReturnToInformal => Action::ReturnToInformal { reason: reason() },
        ActionKind::DeclineFormal => Action::DeclineFormal { reason: reason() },
        ActionKind::ConvenePanel => Action::ConvenePanel {
            panel: formal_panel(),
        },
        ActionKind::SubmitResponse => Action::SubmitResponse {
            body: text("The council's response."),
        },
        ActionKind::IssueDecision => Action::IssueDecision {
            outcome: FormalOutcome::PartlyUpheld,
            findings: text("Notice was short by ten weeks."),
            recommendations: vec![RecommendationDraft {
                text: text("Give three months' notice of every change."),
                owner_organisation_id: COUNCIL,
                due_on: "2027-12-31".parse().unwrap(),
            }],
        },
        ActionKind::Appeal => Action::Appeal {
            grounds: text("The panel misread the dates."),
        },
        ActionKind::AcceptDecision => Action::AcceptDecision,
        ActionKind::LapseAppealWindow => Action::LapseAppealWindow,
        ActionKind::SendReminder => Action::SendReminder {
            deadline: DeadlineKind::Acknowledgement,
        },
        ActionKind::SendOverdueNotice => Action::SendOverdueNotice {
            deadline: DeadlineKind::Acknowledgement,
        },
        ActionKind::ConveneAppealPanel => Action::ConveneAppealPanel {
            panel: appeal_panel(),
        },
        ActionKind::DismissAppeal => Action::DismissAppeal { reason: reason() },
        ActionKind::DecideAppeal => Action::DecideAppeal {
            result: AppealResult::DecisionVaried,
            outcome: Some(FormalOutcome::Upheld),
            reasons: reason(),
        },
        ActionKind::Withdraw => Action::Withdraw { reason: reason() },
        ActionKind::Pause => Action::Pause { reason: reason() },
        ActionKind::Resume => Action::Resume,
        ActionKind::ExtendDeadline => Action::ExtendDeadline {
            working_days: 3,
            reason: reason(),
            deadline: None,
        },
        ActionKind::ReferExternally => Action::ReferExternally {
            to: ExternalBody::Mediation,
            reason: reason(),
        },
        ActionKind::RecordLessons => Action::RecordLessons {
            lessons: text("Start the notice clock at the budget meeting."),
        },
        ActionKind::ReferCaseStudy => Action::ReferCaseStudy,
        ActionKind::MarkRecommendation => Action::MarkRecommendation {
            recommendation: 0,
            status: RecommendationStatus::Implemented,
        },
    }
}

/// A case and the service's clock, driven by actions as a test tells the story.
#[derive(Debug, Clone)]
pub(crate) struct World {
    pub(crate) case: Case,
    pub(crate) now: DateTime<Utc>,
    pub(crate) events: Vec<CaseEvent>,
    /// The release of the holiday tables the service decides under.
    pub(crate) release: Release,
}

/// Monday 2 March 2026, 09:00 in London (GMT).
pub(crate) fn start() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().unwrap()
}

pub(crate) fn new_case() -> NewCase {
    NewCase {
        respondent_organisation_id: COUNCIL,
        title: Title::parse("Day-centre grant cut at two weeks' notice").unwrap(),
        summary: text("The grant ends on 1 April; notice came on 16 March."),
        principles: vec!["notice".to_owned(), "funding_and_procurement".to_owned()],
        desired_outcome: text("Three months' notice."),
        notice: None,
        consultation: None,
    }
}

impl World {
    pub(crate) fn raised() -> World {
        World::raised_with(new_case(), &CompactSettings::default())
    }

    pub(crate) fn raised_with(new: NewCase, settings: &CompactSettings) -> World {
        World::raised_under(new, settings, start(), Release::CURRENT)
    }

    /// A case raised at `now` by a service whose holiday tables were at `release`: raised
    /// under the current release, then decided again from its event under `release`, as a
    /// replay does.
    pub(crate) fn raised_under(
        new: NewCase,
        settings: &CompactSettings,
        now: DateTime<Utc>,
        release: Release,
    ) -> World {
        let raiser = Cast::RaiserMember.person().unwrap();
        let mut event = Case::raise(new, &raiser, now, settings)
            .expect("the case is raised")
            .event;
        event.calendar = release;
        let case = replay(std::slice::from_ref(&event)).expect("the raising replays");
        World {
            case,
            now,
            events: vec![event],
            release,
        }
    }

    /// The same world after the service is upgraded to the current release of the tables.
    pub(crate) fn upgraded(mut self) -> World {
        self.release = Release::CURRENT;
        self
    }

    pub(crate) fn later(mut self, days: i64) -> World {
        self.now += Duration::days(days);
        self
    }

    pub(crate) fn try_act(&self, who: Cast, action: Action) -> Result<Decided, Refusal> {
        let command = Command {
            actor: who.actor(),
            action,
            at: self.now,
            note: None,
        };
        self.case.decide_under(&command, self.release)
    }

    /// Takes the action, one day after the last, and panics if it is refused.
    #[track_caller]
    pub(crate) fn act(mut self, who: Cast, action: Action) -> World {
        self = self.later(1);
        let kind = action.kind();
        let decided = self
            .try_act(who, action)
            .unwrap_or_else(|r| panic!("{who:?} could not {kind}: {r}"));
        self.case = decided.case;
        self.events.push(decided.event);
        self
    }

    #[track_caller]
    pub(crate) fn step(self, who: Cast, kind: ActionKind) -> World {
        self.act(who, valid(kind))
    }

    pub(crate) fn state(&self) -> &str {
        self.case.state.name()
    }

    /// The most recent deadline of `kind`, running or not.
    pub(crate) fn last_deadline(&self, kind: DeadlineKind) -> &Deadline {
        let found = self.case.deadlines.iter().rev().find(|d| d.kind == kind);
        found.unwrap_or_else(|| panic!("no {kind:?} deadline was ever set"))
    }

    pub(crate) fn allowed(&self, who: Cast) -> Vec<ActionKind> {
        self.case.allowed_actions(&who.actor(), self.now)
    }
}

/// The named situations the transition table starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fixture {
    Raised,
    RaisedOverdue,
    InDialogue,
    ResolutionProposed,
    Submitted,
    AwaitingPanel,
    UnderReview,
    Decided,
    DecidedWindowPassed,
    AppealLodged,
    AppealUnderReview,
    Paused,
    ClosedWithdrawn,
    ClosedWithRecommendations,
}

impl Fixture {
    pub(crate) const ALL: [Fixture; 14] = [
        Fixture::Raised,
        Fixture::RaisedOverdue,
        Fixture::InDialogue,
        Fixture::ResolutionProposed,
        Fixture::Submitted,
        Fixture::AwaitingPanel,
        Fixture::UnderReview,
        Fixture::Decided,
        Fixture::DecidedWindowPassed,
        Fixture::AppealLodged,
        Fixture::AppealUnderReview,
        Fixture::Paused,
        Fixture::ClosedWithdrawn,
        Fixture::ClosedWithRecommendations,
    ];

    pub(crate) fn world(self) -> World {
        use ActionKind as A;
        use Cast::*;
        let dialogue = || World::raised().step(RespondentMember, A::Acknowledge);
        let submitted = || dialogue().step(RaiserMember, A::Escalate);
        let under_review = || {
            submitted()
                .step(Chair, A::AcceptFormal)
                .step(Chair, A::ConvenePanel)
        };
        let decided = || under_review().step(PanelVcs, A::IssueDecision);
        let appeal_lodged = || decided().step(RespondentMember, A::Appeal);
        match self {
            Fixture::Raised => World::raised(),
            Fixture::RaisedOverdue => World::raised().later(10),
            Fixture::InDialogue => dialogue(),
            Fixture::ResolutionProposed => dialogue().step(RaiserMember, A::ProposeResolution),
            Fixture::Submitted => submitted(),
            Fixture::AwaitingPanel => submitted().step(Chair, A::AcceptFormal),
            Fixture::UnderReview => under_review(),
            Fixture::Decided => decided(),
            Fixture::DecidedWindowPassed => decided().later(40),
            Fixture::AppealLodged => appeal_lodged(),
            Fixture::AppealUnderReview => appeal_lodged().step(Chair, A::ConveneAppealPanel),
            Fixture::Paused => dialogue().step(Facilitator, A::Pause),
            Fixture::ClosedWithdrawn => dialogue().step(RaiserMember, A::Withdraw),
            Fixture::ClosedWithRecommendations => decided()
                .step(RaiserMember, A::AcceptDecision)
                .step(RespondentMember, A::AcceptDecision),
        }
    }
}
