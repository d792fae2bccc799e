//! A dispute case: the record the workflow decides on, and how a new one is raised.
//!
//! [`Case`] holds what the rules need and what the parties see: the two organisations, the
//! state, the deadlines, the panels, the decisions, the pause ledger. Case text (summary,
//! findings, reasons) is kept too, because the decisions are part of the record; the audit
//! trail's events carry everything needed to rebuild a case from nothing.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::action::{RecommendationDraft, RecommendationStatus};
use crate::actor::{Actor, Party, Person, Role};
use crate::calendar::{Calendar, Jurisdiction, Release};
use crate::deadline::{Deadline, DeadlineKind, is_overdue};
use crate::error::{FieldError, Refusal};
use crate::event::{CaseEvent, EventBody};
use crate::ids::{OrganisationId, PersonId};
use crate::messages::problem;
use crate::panel::Panel;
use crate::rules::consultation::{ConsultationAssessment, ConsultationFacts, assess_consultation};
use crate::rules::notice::{NoticeAssessment, NoticeFacts, assess_notice};
use crate::settings::{CompactSettings, DeadlineSettings, NOTICE_PRINCIPLE, civil_date};
use crate::state::{AppealResult, CaseState, ExternalBody, FormalOutcome, Outcome, Stage};
use crate::text::{Text, Title};

/// The Compact's settings as they stood when the case was raised. A case runs to the end on
/// the terms it started with, so changing a setting never moves a running deadline and a
/// replay of its events always computes the same dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseTerms {
    /// Whose bank holidays count.
    pub jurisdiction: Jurisdiction,
    /// Whose civil date is "today".
    pub time_zone: Tz,
    /// Months of notice owed.
    pub notice_months: u32,
    /// Weeks a consultation must run.
    pub consultation_weeks: u32,
    /// Working days for each step.
    pub deadlines: DeadlineSettings,
}

impl CaseTerms {
    /// The terms `settings` give a case raised now.
    pub fn from_settings(settings: &CompactSettings) -> Self {
        CaseTerms {
            jurisdiction: settings.jurisdiction,
            time_zone: settings.time_zone,
            notice_months: settings.notice_months,
            consultation_weeks: settings.consultation_weeks,
            deadlines: settings.deadlines,
        }
    }

    /// The working-day calendar the case counts with under `release` of the tables: the
    /// current one for a new decision, the recorded one in a replay.
    pub fn calendar(&self, release: Release) -> Calendar {
        Calendar::at(self.jurisdiction, release)
    }

    /// The civil date at `at`, in the case's time zone.
    pub fn today(&self, at: DateTime<Utc>) -> NaiveDate {
        civil_date(self.time_zone, at)
    }
}

/// How fast a case must move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Priority {
    /// The ordinary time limits.
    #[default]
    Normal,
    /// A notice breach: informal time limits are halved so the matter can be settled before
    /// the change takes effect.
    Urgent,
}

/// A disagreement as the raiser describes it: the body of `POST /api/v1/cases`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCase {
    /// The organisation the disagreement is with.
    pub respondent_organisation_id: OrganisationId,
    /// A short title; the only case text that emails carry.
    pub title: Title,
    /// What happened.
    pub summary: Text,
    /// The Compact principles the raiser believes were not kept.
    pub principles: Vec<String>,
    /// What the raiser wants to happen.
    pub desired_outcome: Text,
    /// The notified change, when the disagreement is about notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<NoticeFacts>,
    /// The consultation, when the disagreement is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consultation: Option<ConsultationFacts>,
}

/// Terms one party has proposed, awaiting the other's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Who proposed them.
    pub by: Party,
    /// The terms.
    pub terms: Text,
    /// When.
    pub on: NaiveDate,
}

/// A recommendation in a decision, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// What should be done.
    pub text: Text,
    /// By whom.
    pub owner_organisation_id: OrganisationId,
    /// By when.
    pub due_on: NaiveDate,
    /// Whether it was done.
    pub status: RecommendationStatus,
    /// When it was marked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marked_on: Option<NaiveDate>,
}

impl From<RecommendationDraft> for Recommendation {
    fn from(draft: RecommendationDraft) -> Self {
        Recommendation {
            text: draft.text,
            owner_organisation_id: draft.owner_organisation_id,
            due_on: draft.due_on,
            status: RecommendationStatus::Open,
            marked_on: None,
        }
    }
}

/// The formal panel's decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// The finding.
    pub outcome: FormalOutcome,
    /// The reasoning.
    pub findings: Text,
    /// What the panel recommends.
    pub recommendations: Vec<Recommendation>,
    /// When it was issued.
    pub decided_on: NaiveDate,
    /// The panel chair who issued it.
    pub decided_by: PersonId,
    /// The parties that have accepted it.
    pub accepted_by: Vec<Party>,
}

/// An appeal against the formal decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appeal {
    /// The party appealing.
    pub by: Party,
    /// The grounds.
    pub grounds: Text,
    /// When it was lodged.
    pub lodged_on: NaiveDate,
}

/// The appeal panel's decision: final.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppealDecision {
    /// What it did to the formal decision.
    pub result: AppealResult,
    /// The case's final outcome.
    pub outcome: Outcome,
    /// The reasons.
    pub reasons: Text,
    /// When.
    pub decided_on: NaiveDate,
    /// The appeal panel chair.
    pub decided_by: PersonId,
}

/// One pause, in the ledger of pauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// The day it began.
    pub paused_on: NaiveDate,
    /// Why.
    pub reason: Text,
    /// Who paused the case.
    pub by: PersonId,
    /// The day it ended: the case resumed, or closed while paused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended_on: Option<NaiveDate>,
    /// Working days it lasted (by which the running deadlines moved on, if it resumed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u32>,
}

/// An extension of time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// The stage whose allowance it used.
    pub stage: Stage,
    /// Working days given.
    pub working_days: u32,
    /// Why.
    pub reason: Text,
    /// When.
    pub on: NaiveDate,
    /// The deadlines it moved.
    pub deadlines: Vec<DeadlineKind>,
    /// Who gave it.
    pub by: PersonId,
}

/// A referral outside the Compact's process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Referral {
    /// To whom.
    pub to: ExternalBody,
    /// Why.
    pub reason: Text,
    /// When.
    pub on: NaiveDate,
}

/// A dispute case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    /// How many events the case has had; the store's optimistic-lock version.
    pub version: u32,
    /// Where it stands.
    pub state: CaseState,
    /// The settings it runs on.
    pub terms: CaseTerms,
    /// The organisation that raised it.
    pub raising_organisation_id: OrganisationId,
    /// The organisation it is raised against.
    pub respondent_organisation_id: OrganisationId,
    /// The person who raised it.
    pub raised_by: PersonId,
    /// Its title.
    pub title: Title,
    /// What happened.
    pub summary: Text,
    /// The principles cited.
    pub principles: Vec<String>,
    /// What the raiser wants.
    pub desired_outcome: Text,
    /// Normal or urgent.
    pub priority: Priority,
    /// The notified change, if any.
    pub notice: Option<NoticeFacts>,
    /// Whether notice was long enough.
    pub notice_assessment: Option<NoticeAssessment>,
    /// The consultation, if any.
    pub consultation: Option<ConsultationFacts>,
    /// Whether the consultation was long enough.
    pub consultation_assessment: Option<ConsultationAssessment>,
    /// When it was raised.
    pub opened_at: DateTime<Utc>,
    /// When it closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// The proposal awaiting an answer, while one does.
    pub proposal: Option<Proposal>,
    /// When the respondent sent the panel its written response.
    pub response_submitted_on: Option<NaiveDate>,
    /// The formal panel, once convened.
    pub panel: Option<Panel>,
    /// The formal decision, once issued.
    pub decision: Option<Decision>,
    /// The appeal, once lodged.
    pub appeal: Option<Appeal>,
    /// The appeal panel, once convened.
    pub appeal_panel: Option<Panel>,
    /// The appeal decision, once made.
    pub appeal_decision: Option<AppealDecision>,
    /// Every deadline set, running or settled, in the order set.
    pub deadlines: Vec<Deadline>,
    /// The ledger of pauses.
    pub pauses: Vec<Pause>,
    /// Extensions given.
    pub extensions: Vec<Extension>,
    /// The external referral, if it ended that way.
    pub referral: Option<Referral>,
    /// Lessons recorded after closing.
    pub lessons: Option<Text>,
    /// When it was referred to the Steering Group as a case study.
    pub case_study_referred_on: Option<NaiveDate>,
    /// Steps taken by the subgroup chair or the facilitator while working for one of the
    /// parties: recorded, and shown to everyone on the case.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// A step in a case's course taken by someone who works for one of its parties: the
/// subgroup chair accepting a complaint against their own council, say. The rules allow
/// it (a Compact may have one chair), but nobody should have to take it on trust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Who took the step.
    pub person_id: PersonId,
    /// The party they work for.
    pub organisation_id: OrganisationId,
    /// The step.
    pub action: crate::action::ActionKind,
    /// When.
    pub on: NaiveDate,
}

/// The result of an accepted action: the case as it now is, and the event to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decided {
    /// The case after the action.
    pub case: Case,
    /// The audit event describing it.
    pub event: CaseEvent,
}

impl Case {
    /// Withdraws the formal decision's open recommendations once an appeal has overturned
    /// it, as of the appeal decision's day: a recommendation of a decision that no longer
    /// stands is owed by no one. The appeal decision does this as it is taken; migration 18
    /// did it to the records of cases overturned before, so that their replay matches.
    pub fn withdraw_overturned_recommendations(&mut self) {
        let Some(appeal) = &self.appeal_decision else {
            return;
        };
        if appeal.result != AppealResult::DecisionOverturned {
            return;
        }
        let on = appeal.decided_on;
        let open = self
            .decision
            .iter_mut()
            .flat_map(|d| d.recommendations.iter_mut())
            .filter(|r| r.status == RecommendationStatus::Open);
        for recommendation in open {
            recommendation.status = RecommendationStatus::Withdrawn;
            recommendation.marked_on = Some(on);
        }
    }

    /// Raises a new case for `by`'s organisation, checking it against the Compact's
    /// `settings`. Returns the case in `raised` with its acknowledgement deadline, and the
    /// first event of its audit trail.
    pub fn raise(
        new: NewCase,
        by: &Person,
        at: DateTime<Utc>,
        settings: &CompactSettings,
    ) -> Result<Decided, Refusal> {
        if !by.has(Role::Member) {
            return Err(Refusal::NotForThisActor {
                reason: crate::messages::reason("workflow-raise-members-only", Vec::new()),
            });
        }
        let mut errors = Vec::new();
        if new.respondent_organisation_id == by.organisation_id {
            errors.push(problem(
                "respondent_organisation_id",
                "workflow-raise-own",
                Vec::new(),
            ));
        }
        if new.principles.is_empty() {
            errors.push(problem(
                "principles",
                "workflow-raise-no-principle",
                Vec::new(),
            ));
        }
        for (i, principle) in new.principles.iter().enumerate() {
            if !settings.has_principle(principle) {
                errors.push(problem(
                    format!("principles[{i}]"),
                    "workflow-raise-unknown-principle",
                    vec![("principle", format!("{principle:?}").into())],
                ));
            } else if new.principles[..i].contains(principle) {
                errors.push(problem(
                    format!("principles[{i}]"),
                    "workflow-raise-principle-twice",
                    vec![("principle", format!("{principle:?}").into())],
                ));
            }
        }
        if !errors.is_empty() {
            return Err(Refusal::Invalid(errors));
        }
        Case::open(
            new,
            by,
            at,
            CaseTerms::from_settings(settings),
            Release::CURRENT,
        )
    }

    /// Opens a case on fixed `terms`, counting under `release` of the holiday tables: the
    /// deterministic part of raising, which replay uses.
    pub(crate) fn open(
        new: NewCase,
        by: &Person,
        at: DateTime<Utc>,
        terms: CaseTerms,
        release: Release,
    ) -> Result<Decided, Refusal> {
        let mut errors = Vec::new();
        let notice_assessment = new.notice.as_ref().and_then(|notice| {
            assess_notice(
                &notice.dates,
                terms.notice_months,
                Some((notice.change_kind, notice.instrument)),
            )
            .map_err(|e| errors.push(FieldError::new("notice", e.to_string())))
            .ok()
        });
        let consultation_assessment = new.consultation.as_ref().and_then(|consultation| {
            assess_consultation(consultation, terms.consultation_weeks)
                .map_err(|e| errors.push(FieldError::new("consultation", e.to_string())))
                .ok()
        });
        if !errors.is_empty() {
            return Err(Refusal::Invalid(errors));
        }
        let urgent = new.principles.iter().any(|p| p == NOTICE_PRINCIPLE)
            && notice_assessment.as_ref().is_some_and(|a| !a.compliant);
        let priority = if urgent {
            Priority::Urgent
        } else {
            Priority::Normal
        };
        let today = terms.today(at);
        let acknowledgement = Deadline::start(
            DeadlineKind::Acknowledgement,
            today,
            &terms.deadlines,
            urgent,
            &terms.calendar(release),
        )
        .map_err(|e| Refusal::invalid("at", e.to_string()))?;
        let case = Case {
            version: 1,
            state: CaseState::Raised {},
            raising_organisation_id: by.organisation_id,
            respondent_organisation_id: new.respondent_organisation_id,
            raised_by: by.id,
            title: new.title.clone(),
            summary: new.summary.clone(),
            principles: new.principles.clone(),
            desired_outcome: new.desired_outcome.clone(),
            priority,
            notice: new.notice,
            notice_assessment,
            consultation: new.consultation.clone(),
            consultation_assessment,
            opened_at: at,
            closed_at: None,
            proposal: None,
            response_submitted_on: None,
            panel: None,
            decision: None,
            appeal: None,
            appeal_panel: None,
            appeal_decision: None,
            deadlines: vec![acknowledgement],
            pauses: Vec::new(),
            extensions: Vec::new(),
            referral: None,
            lessons: None,
            case_study_referred_on: None,
            conflicts: Vec::new(),
            terms: terms.clone(),
        };
        let event = CaseEvent {
            seq: 1,
            at,
            actor: Actor::Person(by.clone()),
            body: EventBody::Raised { case: new, terms },
            from_state: None,
            to_state: case.state.clone(),
            calendar: release,
        };
        Ok(Decided { case, event })
    }
}

/// A running deadline's clock, stopped while the case is paused: a due day in the past
/// would mislead, because resuming moves it on by the working days the pause lasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoppedClock {
    /// The day the case was paused.
    pub since: NaiveDate,
    /// Working days that were left before the due day when it stopped (0 when it had already
    /// passed).
    pub working_days_left: u32,
}

impl Case {
    /// The case's own text that a search reads: its `reference` (the store's), title,
    /// summary and desired outcome, which everyone on the case may read. One function, so
    /// that the store indexes a case as it is raised and a migration indexes one raised
    /// before alike.
    pub fn searchable_text(&self, reference: &str) -> String {
        format!(
            "{reference}\n{}\n{}\n{}",
            self.title, self.summary, self.desired_outcome
        )
    }

    /// The pause under way, if the case is paused.
    pub fn current_pause(&self) -> Option<&Pause> {
        if !self.state.is_paused() {
            return None;
        }
        self.pauses.iter().rev().find(|p| p.ended_on.is_none())
    }

    /// Where `deadline`'s clock stands while the case is paused; none when the case is not
    /// paused or the deadline is not running.
    pub fn stopped_clock(&self, deadline: &Deadline) -> Option<StoppedClock> {
        let pause = self.current_pause()?;
        deadline.is_running().then(|| StoppedClock {
            since: pause.paused_on,
            working_days_left: deadline
                .calendar()
                .working_days_between(pause.paused_on, deadline.due_on),
        })
    }

    /// Ends the open pause, if any, on `today`; returns the working days it lasted, counted
    /// with `calendar`.
    pub(crate) fn end_pause(&mut self, today: NaiveDate, calendar: &Calendar) -> Option<u32> {
        let pause = self
            .pauses
            .iter_mut()
            .rev()
            .find(|p| p.ended_on.is_none())?;
        let days = calendar.working_days_between(pause.paused_on, today);
        pause.ended_on = Some(today);
        pause.working_days = Some(days);
        Some(days)
    }

    /// The stage the case is in (a paused case stays in its stage).
    pub fn stage(&self) -> Stage {
        self.state.stage()
    }

    /// The furthest stage the case has reached before closing: what the annual review
    /// counts as "stage reached". Every stage sets a deadline on entry, so the deadlines
    /// ever set tell.
    pub fn furthest_stage(&self) -> Stage {
        let open_stage = self.state.underlying().map(|s| s.stage());
        self.deadlines
            .iter()
            .map(|d| d.kind.stage())
            .chain(open_stage)
            .max()
            .unwrap_or(Stage::Informal)
    }

    /// The civil date the case was opened on, in its time zone.
    pub fn opened_on(&self) -> NaiveDate {
        self.terms.today(self.opened_at)
    }

    /// The party `person` acts for in this case, if they are a member of either side.
    pub fn party_of(&self, person: &Person) -> Option<Party> {
        if person.acts_for(self.raising_organisation_id) {
            Some(Party::Raiser)
        } else if person.acts_for(self.respondent_organisation_id) {
            Some(Party::Respondent)
        } else {
            None
        }
    }

    /// The organisation on `party`'s side.
    pub fn organisation(&self, party: Party) -> OrganisationId {
        match party {
            Party::Raiser => self.raising_organisation_id,
            Party::Respondent => self.respondent_organisation_id,
        }
    }

    /// The running deadline of `kind`, if there is one (there is never more than one).
    pub fn running(&self, kind: DeadlineKind) -> Option<&Deadline> {
        self.deadlines
            .iter()
            .find(|d| d.kind == kind && d.is_running())
    }

    pub(crate) fn running_mut(&mut self, kind: DeadlineKind) -> Option<&mut Deadline> {
        self.deadlines
            .iter_mut()
            .find(|d| d.kind == kind && d.is_running())
    }

    /// The running deadlines that have passed by `today`. None while the case is paused:
    /// a paused deadline is waiting, not overdue.
    pub fn overdue(&self, today: NaiveDate) -> Vec<&Deadline> {
        self.deadlines
            .iter()
            .filter(|d| self.is_overdue(d, today))
            .collect()
    }

    /// Whether `deadline` of this case is overdue on `today`: running, past its due day, and
    /// the case not paused.
    pub fn is_overdue(&self, deadline: &Deadline, today: NaiveDate) -> bool {
        deadline.is_running() && is_overdue(deadline.due_on, today, self.state.is_paused())
    }

    /// Working days of extension still available in `stage`.
    pub fn extension_left(&self, stage: Stage) -> u32 {
        let used: u32 = self
            .extensions
            .iter()
            .filter(|e| e.stage == stage)
            .map(|e| e.working_days)
            .sum();
        self.terms
            .deadlines
            .max_extension_per_stage
            .saturating_sub(used)
    }
}
