//! The case state machine: what may happen to a case, who may make it happen, and what
//! follows.
//!
//! The hierarchy, in statig:
//!
//! ```text
//! active ─┬─ open ─┬─ informal ── raised, in_dialogue, resolution_proposed
//!         │        ├─ formal ──── submitted, awaiting_panel, under_review, decided
//!         │        └─ appeal ──── appeal_lodged, appeal_under_review
//!         └─ paused { resume_to }
//! closed { outcome }
//! ```
//!
//! `active` handles what may happen to any live case (withdrawal, external referral), `open`
//! what may happen to one being worked on (pause, extension), `informal` the raiser's
//! escalation. Each handler names who may act (`Who`), any condition of timing or order
//! (a refusal of the state, 409), then the effect, which may still refuse the fields sent
//! (422). An action no handler takes is refused by the state.
//!
//! Handlers never act: they record the new case in the `Deliberation` they are given, and
//! [`Case::decide`] turns that into the next case and its event. Asking which actions a
//! person may take runs the same handlers in probe mode, stopping before the effect, so the
//! answer cannot disagree with what an attempt would do.

use chrono::{DateTime, NaiveDate, Utc};
use statig::prelude::*;

use crate::action::{Action, ActionKind, Command, RecommendationStatus};
use crate::actor::{Actor, Party, Role};
use crate::calendar::{Calendar, Release};
use crate::case::{
    Appeal, AppealDecision, Case, Conflict, Decided, Decision, Extension, Pause, Proposal, Referral,
};
use crate::deadline::{AdjustmentKind, Deadline, DeadlineKind};
use crate::error::{Refusal, Said, Word};
use crate::event::{CaseEvent, EventBody};
use crate::ids::PersonId;
use crate::messages::{reason, refused};
use crate::panel::{PanelContext, ProposedPanel, check_panel};
use crate::state::{AppealResult, CaseState, OpenState, Outcome as CaseOutcome};
use crate::text::Text;

impl Case {
    /// Decides `command` on this case: the case it leads to and the event to record, or why
    /// it is refused. Nothing changes here: the caller stores the result, or not.
    pub fn decide(&self, command: &Command) -> Result<Decided, Refusal> {
        self.decide_under(command, Release::CURRENT)
    }

    /// Decides `command` counting working days under `release` of the holiday tables: the
    /// current one for a new action, the recorded one in a replay.
    pub fn decide_under(&self, command: &Command, release: Release) -> Result<Decided, Refusal> {
        let today = self.terms.today(command.at);
        let calendar = self.terms.calendar(release);
        let kind = command.action.kind();
        self.admits(kind, &command.actor)?;
        let (state, verdict) = deliberate(
            self,
            &command.actor,
            &command.action,
            command.at,
            calendar,
            false,
        );
        let mut case = match verdict {
            Some(Ok(Some(case))) => case,
            Some(Err(refusal)) => return Err(refusal),
            Some(Ok(None)) | None => return Err(self.not_now(kind)),
        };
        case.state = state;
        if let Some(conflict) = self.conflict_of(kind, &command.actor, today) {
            case.conflicts.push(conflict);
        }
        if case.state.is_closed() && !self.state.is_closed() {
            for deadline in case.deadlines.iter_mut() {
                deadline.abandon(today);
            }
            case.end_pause(today, &calendar);
            case.closed_at = Some(command.at);
        }
        case.version += 1;
        let event = CaseEvent {
            seq: case.version,
            at: command.at,
            actor: command.actor.clone(),
            body: EventBody::Acted {
                action: command.action.clone(),
                note: command.note.clone(),
            },
            from_state: Some(self.state.clone()),
            to_state: case.state.clone(),
            calendar: release,
        };
        Ok(Decided { case, event })
    }

    /// The actions `actor` may take on this case at `at`: what the API lists as
    /// `allowed_actions` and the pages offer as forms.
    pub fn allowed_actions(&self, actor: &Actor, at: DateTime<Utc>) -> Vec<ActionKind> {
        ActionKind::ALL
            .iter()
            .copied()
            .filter(|kind| self.may(*kind, actor, at).is_ok())
            .collect()
    }

    /// Whether `actor` may take an action of `kind` now, without its fields: first whether
    /// the person may take it at all (403), then whether the case's state offers it (409).
    /// An API asks this before reading a request's body, so that someone who may not act
    /// learns nothing from how their fields would have been judged.
    pub fn may(&self, kind: ActionKind, actor: &Actor, at: DateTime<Utc>) -> Result<(), Refusal> {
        self.admits(kind, actor)?;
        let calendar = self.terms.calendar(Release::CURRENT);
        match deliberate(self, actor, &kind.placeholder(), at, calendar, true).1 {
            Some(Ok(_)) => Ok(()),
            Some(Err(refusal)) => Err(refusal),
            None => Err(self.not_now(kind)),
        }
    }

    /// Whether `actor` may mark the recommendation at `position` of the decision: the
    /// facilitator, or a champion of a party who does not work for the organisation that
    /// owes it (an organisation does not certify its own work).
    pub fn may_mark(&self, actor: &Actor, position: usize) -> bool {
        let owner = self
            .decision
            .as_ref()
            .and_then(|d| d.recommendations.get(position))
            .map(|r| r.owner_organisation_id);
        Who::ChampionOrFacilitator.admits(self, actor)
            && actor.person().is_some_and(|person| {
                person.has(Role::Facilitator) || owner != Some(person.organisation_id)
            })
    }

    /// Refuses (403) a person who may never take an action of `kind` on this case,
    /// whatever its state: asked first, so that whether the state offers it, or the
    /// version a request saw is current, is never told to someone it is not for.
    pub fn admits(&self, kind: ActionKind, actor: &Actor) -> Result<(), Refusal> {
        let who = Who::of(kind);
        if !who.admits(self, actor) {
            return Err(Refusal::NotForThisActor {
                reason: reason(
                    "workflow-only-who",
                    vec![
                        (
                            "who",
                            Word::named(format!("who-{}", who.slug()), who.describe()),
                        ),
                        (
                            "action",
                            Word::named(format!("action-{}", kind.as_str()), kind.describe()),
                        ),
                    ],
                ),
            });
        }
        if kind == ActionKind::MarkRecommendation && !self.may_mark_some(actor) {
            return Err(not_the_owner());
        }
        Ok(())
    }

    /// Whether `actor` could mark any of the decision's open recommendations: not a
    /// champion of the organisation that owes every one of them. (With none open, it is
    /// the state that refuses.)
    fn may_mark_some(&self, actor: &Actor) -> bool {
        let open: Vec<usize> = self
            .decision
            .iter()
            .flat_map(|d| d.recommendations.iter().enumerate())
            .filter(|(_, r)| r.status == RecommendationStatus::Open)
            .map(|(position, _)| position)
            .collect();
        open.is_empty() || open.iter().any(|position| self.may_mark(actor, *position))
    }

    /// The conflict of interest an action of `kind` by `actor` records: the subgroup chair
    /// or the facilitator deciding the course of a case while working for one of its
    /// parties. Pages ask it to warn the person before they act.
    pub fn conflict_of(&self, kind: ActionKind, actor: &Actor, on: NaiveDate) -> Option<Conflict> {
        let person = actor.person()?;
        let oversight = matches!(Who::of(kind), Who::SubgroupChair | Who::ChairOrFacilitator);
        let party = [
            self.raising_organisation_id,
            self.respondent_organisation_id,
        ]
        .contains(&person.organisation_id);
        (oversight && party).then_some(Conflict {
            person_id: person.id,
            organisation_id: person.organisation_id,
            action: kind,
            on,
        })
    }

    fn not_now(&self, action: ActionKind) -> Refusal {
        let reason = if self.state.is_closed() {
            reason("workflow-state-closed", Vec::new())
        } else if self.state.is_paused() {
            reason("workflow-state-paused", Vec::new())
        } else {
            reason(
                "workflow-state-not-a-step",
                vec![("stage", self.state.stage().to_string().into())],
            )
        };
        Refusal::NotInThisState {
            action,
            state: self.state.name(),
            reason,
        }
    }
}

/// What a handler concluded: a new case (none when probing), or a refusal. `None` when no
/// handler took the action.
type Verdict = Option<Result<Option<Case>, Refusal>>;

/// Runs the machine once from the case's state; returns the state it ends in and the verdict.
fn deliberate(
    case: &Case,
    actor: &Actor,
    action: &Action,
    at: DateTime<Utc>,
    calendar: Calendar,
    probe: bool,
) -> (CaseState, Verdict) {
    let mut context = Deliberation {
        case,
        actor,
        kind: action.kind(),
        today: case.terms.today(at),
        calendar,
        probe,
        verdict: None,
    };
    let mut machine = Machine.uninitialized_state_machine();
    *machine.state_mut() = case.state.clone();
    // No state has entry actions, so initialising at a restored state does nothing.
    let mut machine = machine.init_with_context(&mut context);
    machine.handle_with_context(action, &mut context);
    (machine.state().clone(), context.verdict)
}

/// Who may take an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Raiser,
    Respondent,
    EitherParty,
    /// The party that did not make the proposal awaiting an answer.
    OtherParty,
    SubgroupChair,
    ChairOrFacilitator,
    PanelChair,
    AppealPanelChair,
    Scheduler,
    ChampionOrFacilitator,
}

impl Who {
    /// Who may take each action, whatever the state: one table, so that whether a person
    /// may ever take an action can be answered before asking whether the state offers it.
    fn of(kind: ActionKind) -> Who {
        match kind {
            ActionKind::Acknowledge | ActionKind::SubmitResponse => Who::Respondent,
            ActionKind::Escalate | ActionKind::Withdraw => Who::Raiser,
            ActionKind::ProposeResolution | ActionKind::Appeal | ActionKind::AcceptDecision => {
                Who::EitherParty
            }
            ActionKind::AcceptResolution | ActionKind::RejectResolution => Who::OtherParty,
            ActionKind::AcceptFormal
            | ActionKind::ReturnToInformal
            | ActionKind::DeclineFormal
            | ActionKind::ConvenePanel
            | ActionKind::ConveneAppealPanel
            | ActionKind::DismissAppeal
            | ActionKind::ReferExternally => Who::SubgroupChair,
            ActionKind::IssueDecision => Who::PanelChair,
            ActionKind::DecideAppeal => Who::AppealPanelChair,
            ActionKind::LapseAppealWindow
            | ActionKind::SendReminder
            | ActionKind::SendOverdueNotice => Who::Scheduler,
            ActionKind::Pause | ActionKind::Resume | ActionKind::ExtendDeadline => {
                Who::ChairOrFacilitator
            }
            ActionKind::RecordLessons
            | ActionKind::ReferCaseStudy
            | ActionKind::MarkRecommendation => Who::ChampionOrFacilitator,
        }
    }

    fn admits(self, case: &Case, actor: &Actor) -> bool {
        let Some(person) = actor.person() else {
            return self == Who::Scheduler;
        };
        let party = case.party_of(person);
        match self {
            Who::Raiser => party == Some(Party::Raiser),
            Who::Respondent => party == Some(Party::Respondent),
            Who::EitherParty => party.is_some(),
            // With no proposal awaiting an answer, it is the state that refuses.
            Who::OtherParty => match &case.proposal {
                Some(p) => party == Some(p.by.other()),
                None => party.is_some(),
            },
            Who::SubgroupChair => person.has(Role::Chair),
            Who::ChairOrFacilitator => person.has(Role::Chair) || person.has(Role::Facilitator),
            Who::PanelChair => case.panel.as_ref().is_some_and(|p| p.chair_id == person.id),
            Who::AppealPanelChair => case
                .appeal_panel
                .as_ref()
                .is_some_and(|p| p.chair_id == person.id),
            Who::Scheduler => false,
            Who::ChampionOrFacilitator => {
                person.has(Role::Facilitator)
                    || (person.has(Role::Champion)
                        && [
                            case.raising_organisation_id,
                            case.respondent_organisation_id,
                        ]
                        .contains(&person.organisation_id))
            }
        }
    }

    /// Its name in the catalogue (`who-{slug}`).
    fn slug(self) -> &'static str {
        match self {
            Who::Raiser => "raiser",
            Who::Respondent => "respondent",
            Who::EitherParty => "either-party",
            Who::OtherParty => "other-party",
            Who::SubgroupChair => "subgroup-chair",
            Who::ChairOrFacilitator => "chair-or-facilitator",
            Who::PanelChair => "panel-chair",
            Who::AppealPanelChair => "appeal-panel-chair",
            Who::Scheduler => "scheduler",
            Who::ChampionOrFacilitator => "champion-or-facilitator",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Who::Raiser => "a member of the raising organisation",
            Who::Respondent => "a member of the respondent organisation",
            Who::EitherParty => "a member of the raising or the respondent organisation",
            Who::OtherParty => "a member of the party that did not propose the terms",
            Who::SubgroupChair => "the chair of the Dispute Resolution Subgroup",
            Who::ChairOrFacilitator => "the subgroup chair or the facilitator",
            Who::PanelChair => "the chair of the panel",
            Who::AppealPanelChair => "the chair of the appeal panel",
            Who::Scheduler => "the service itself, when the time limit passes,",
            Who::ChampionOrFacilitator => "the facilitator or a champion of either party",
        }
    }
}

/// A timing or ordering condition: `Err` says why not now.
type When = Result<(), Said>;

/// The machine's context: the case decided on, who acts and when, and the verdict.
pub(crate) struct Deliberation<'a> {
    case: &'a Case,
    actor: &'a Actor,
    kind: ActionKind,
    today: NaiveDate,
    /// The calendar new dates are counted with.
    calendar: Calendar,
    probe: bool,
    verdict: Verdict,
}

impl Deliberation<'_> {
    /// Takes the action if `when` holds, running `effect` on a draft of the case; `effect`
    /// returns the state to move to, or `None` to stay. Who may act was settled before the
    /// machine ran ([`Who::of`]).
    fn act(
        &mut self,
        when: When,
        effect: impl FnOnce(&mut Draft<'_>) -> Result<Option<CaseState>, Refusal>,
    ) -> Outcome<CaseState> {
        if let Err(reason) = when {
            return self.refuse(Refusal::NotInThisState {
                action: self.kind,
                state: self.case.state.name(),
                reason,
            });
        }
        if self.probe {
            self.verdict = Some(Ok(None));
            return Handled;
        }
        let mut draft = Draft {
            case: self.case.clone(),
            actor: self.actor,
            today: self.today,
            calendar: self.calendar,
        };
        match effect(&mut draft) {
            Ok(next) => {
                self.verdict = Some(Ok(Some(draft.case)));
                next.map_or(Handled, Transition)
            }
            Err(refusal) => self.refuse(refusal),
        }
    }

    fn refuse(&mut self, refusal: Refusal) -> Outcome<CaseState> {
        self.verdict = Some(Err(refusal));
        Handled
    }

    /// Holds once the running deadline of `kind` has passed.
    fn after(&self, kind: DeadlineKind, not_yet: &'static str) -> When {
        match self.case.running(kind) {
            Some(deadline) if deadline.has_passed(self.today) => Ok(()),
            Some(deadline) => Err(reason(not_yet, vec![("date", deadline.due_on.into())])),
            None => Err(no_running(kind)),
        }
    }

    /// Holds when the running deadline of `kind` is due a reminder today.
    fn reminder_due(&self, kind: DeadlineKind) -> When {
        let before = self.case.terms.deadlines.reminder_before;
        match self.case.running(kind) {
            Some(d) if d.reminder_due(self.today, before) => Ok(()),
            Some(d) => Err(reason(
                "workflow-no-reminder-due",
                vec![("deadline", deadline_name(kind)), ("date", d.due_on.into())],
            )),
            None => Err(no_running(kind)),
        }
    }

    /// Holds when the running deadline of `kind` has passed and its notice is not yet sent.
    fn overdue_notice_due(&self, kind: DeadlineKind) -> When {
        match self.case.running(kind) {
            Some(d) if d.overdue_notice_due(self.today) => Ok(()),
            Some(d) => Err(reason(
                "workflow-no-overdue-notice-due",
                vec![("deadline", deadline_name(kind)), ("date", d.due_on.into())],
            )),
            None => Err(no_running(kind)),
        }
    }

    /// Holds while there is a running deadline and extension time left in this stage.
    fn extension_available(&self) -> When {
        if self.case.deadlines.iter().all(|d| !d.is_running()) {
            return Err(reason("workflow-no-deadline-running", Vec::new()));
        }
        let stage = self.case.state.stage();
        if self.case.extension_left(stage) == 0 {
            return Err(reason(
                "workflow-extension-used-up",
                vec![
                    (
                        "days",
                        self.case.terms.deadlines.max_extension_per_stage.into(),
                    ),
                    ("stage", stage.to_string().into()),
                ],
            ));
        }
        Ok(())
    }

    /// Holds while the appeal window runs and `party` of the actor has not accepted.
    fn may_still_answer_decision(&self, appealing: bool) -> When {
        let party = self.actor.person().and_then(|p| self.case.party_of(p));
        let accepted = self
            .case
            .decision
            .as_ref()
            .is_some_and(|d| party.is_some_and(|p| d.accepted_by.contains(&p)));
        if accepted {
            return Err(reason("workflow-decision-accepted-already", Vec::new()));
        }
        if appealing {
            match self.case.running(DeadlineKind::AppealWindow) {
                Some(window) if !window.has_passed(self.today) => {}
                Some(window) => {
                    return Err(reason(
                        "workflow-appeal-window-closed",
                        vec![("date", window.due_on.into())],
                    ));
                }
                None => return Err(reason("workflow-appeal-window-not-open", Vec::new())),
            }
        }
        Ok(())
    }
}

/// A copy of the case that an effect edits; kept only if the action is accepted.
struct Draft<'a> {
    case: Case,
    actor: &'a Actor,
    today: NaiveDate,
    /// The calendar new dates are counted with.
    calendar: Calendar,
}

impl Draft<'_> {
    /// The acting person's id (actions by the scheduler record none).
    fn person(&self) -> Result<PersonId, Refusal> {
        self.actor
            .person()
            .map(|p| p.id)
            .ok_or_else(|| Refusal::NotForThisActor {
                reason: reason("workflow-only-a-person", Vec::new()),
            })
    }

    /// Whether the actor may mark the recommendation at `position` ([`Case::may_mark`]).
    fn may_mark(&self, position: usize) -> bool {
        self.case.may_mark(self.actor, position)
    }

    /// The acting person's party.
    fn party(&self) -> Result<Party, Refusal> {
        self.actor
            .person()
            .and_then(|p| self.case.party_of(p))
            .ok_or_else(|| Refusal::NotForThisActor {
                reason: reason("workflow-only-a-party", Vec::new()),
            })
    }

    /// Starts a deadline of `kind` today, replacing any running one of the same kind.
    fn start(&mut self, kind: DeadlineKind) -> Result<(), Refusal> {
        self.abandon(kind);
        let terms = &self.case.terms;
        let deadline = Deadline::start(
            kind,
            self.today,
            &terms.deadlines,
            self.case.priority == crate::case::Priority::Urgent,
            &self.calendar,
        )
        .map_err(|e| Refusal::invalid("at", e.to_string()))?;
        self.case.deadlines.push(deadline);
        Ok(())
    }

    /// Marks the running deadline of `kind` done today.
    fn fulfil(&mut self, kind: DeadlineKind) {
        if let Some(deadline) = self.case.running_mut(kind) {
            deadline.fulfil(self.today);
        }
    }

    /// Stops the running deadline of `kind` without it being done.
    fn abandon(&mut self, kind: DeadlineKind) {
        if let Some(deadline) = self.case.running_mut(kind) {
            deadline.abandon(self.today);
        }
    }

    /// Raiser's escalation to the formal stage.
    fn escalate(&mut self) -> Result<Option<CaseState>, Refusal> {
        self.abandon(DeadlineKind::Acknowledgement);
        self.abandon(DeadlineKind::InformalResolution);
        self.case.proposal = None;
        self.start(DeadlineKind::FormalAcceptance)?;
        Ok(Some(CaseState::Submitted {}))
    }

    /// Checks a proposed panel against the rules; for an appeal, against the formal panel.
    fn check_panel(&self, panel: &ProposedPanel, appeal: bool) -> Result<(), Refusal> {
        let breaches = check_panel(
            panel,
            PanelContext {
                raiser: self.case.raising_organisation_id,
                respondent: self.case.respondent_organisation_id,
                formal_panel: if appeal {
                    self.case.panel.as_ref()
                } else {
                    None
                },
            },
        );
        if breaches.is_empty() {
            Ok(())
        } else {
            Err(Refusal::PanelRefused(breaches))
        }
    }

    /// The formal decision's outcome, with which an unsuccessful appeal closes the case.
    fn formal_outcome(&self) -> Result<CaseOutcome, Refusal> {
        self.case
            .decision
            .as_ref()
            .map(|d| d.outcome.into())
            .ok_or_else(|| Refusal::invalid("decision", "the case has no formal decision"))
    }

    fn pause(&mut self, resume_to: OpenState, reason: &Text) -> Result<Option<CaseState>, Refusal> {
        self.case.pauses.push(Pause {
            paused_on: self.today,
            reason: reason.clone(),
            by: self.person()?,
            ended_on: None,
            working_days: None,
        });
        Ok(Some(CaseState::Paused { resume_to }))
    }

    fn resume(&mut self, resume_to: OpenState) -> Result<Option<CaseState>, Refusal> {
        let today = self.today;
        let calendar = self.calendar;
        let Some(days) = self.case.end_pause(today, &calendar) else {
            return Err(Refusal::invalid(
                "pause",
                "the pause ledger has no open pause",
            ));
        };
        if days > 0 {
            for deadline in self.case.deadlines.iter_mut().filter(|d| d.is_running()) {
                deadline
                    .adjust(AdjustmentKind::Pause, today, days, &calendar)
                    .map_err(|e| Refusal::invalid("at", e.to_string()))?;
            }
        }
        Ok(Some(CaseState::open(resume_to)))
    }

    fn extend(
        &mut self,
        working_days: u32,
        reason: &Text,
        only: Option<DeadlineKind>,
    ) -> Result<Option<CaseState>, Refusal> {
        let stage = self.case.state.stage();
        let left = self.case.extension_left(stage);
        if working_days == 0 {
            return Err(refused(
                "working_days",
                "workflow-extend-at-least-one",
                Vec::new(),
            ));
        }
        if working_days > left {
            return Err(refused(
                "working_days",
                "workflow-extend-left",
                vec![("left", left.into()), ("stage", stage.to_string().into())],
            ));
        }
        if let Some(kind) = only
            && self.case.running(kind).is_none()
        {
            let said = no_running(kind);
            return Err(refused("deadline", said.key, said.args));
        }
        let today = self.today;
        let calendar = self.calendar;
        let mut moved = Vec::new();
        for deadline in self
            .case
            .deadlines
            .iter_mut()
            .filter(|d| d.is_running() && only.is_none_or(|k| k == d.kind))
        {
            deadline
                .adjust(AdjustmentKind::Extension, today, working_days, &calendar)
                .map_err(|e| Refusal::invalid("working_days", e.to_string()))?;
            moved.push(deadline.kind);
        }
        self.case.extensions.push(Extension {
            stage,
            working_days,
            reason: reason.clone(),
            on: today,
            deadlines: moved,
            by: self.person()?,
        });
        Ok(None)
    }
}

/// That no deadline of `kind` is running.
fn no_running(kind: DeadlineKind) -> Said {
    reason(
        "workflow-no-running-deadline",
        vec![("deadline", deadline_name(kind))],
    )
}

/// A deadline by its name: its English as the API spells it, in other languages what it
/// asks for.
fn deadline_name(kind: DeadlineKind) -> Word {
    Word::named(format!("deadline-{}", kind.as_str()), kind.as_str())
}

/// The refusal of a champion marking their own organisation's recommendation.
fn not_the_owner() -> Refusal {
    Refusal::NotForThisActor {
        reason: reason("workflow-not-the-owner", Vec::new()),
    }
}

fn closed(outcome: CaseOutcome) -> Option<CaseState> {
    Some(CaseState::Closed { outcome })
}

/// `reason`, which `field` must give here, or a refusal saying so as the catalogue's `key`.
fn required(reason: Option<&Text>, field: &str, key: &'static str) -> Result<(), Refusal> {
    reason
        .map(|_| ())
        .ok_or_else(|| refused(field, key, Vec::new()))
}

/// The state machine's (empty) shared storage: everything it reads is in the
/// [`Deliberation`], so one definition serves every case.
#[derive(Debug, Default)]
pub(crate) struct Machine;

#[state_machine(
    initial = "CaseState::raised()",
    state(custom, name = "CaseState"),
    superstate(derive(Debug)),
    visibility = "pub(crate)"
)]
impl Machine {
    /// Any live case: open or paused.
    #[superstate]
    fn active(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::Withdraw { .. } => context.act(Ok(()), |_| Ok(closed(CaseOutcome::Withdrawn))),
            Action::ReferExternally { to, reason } => context.act(Ok(()), |d| {
                d.case.referral = Some(Referral {
                    to: *to,
                    reason: reason.clone(),
                    on: d.today,
                });
                Ok(closed(CaseOutcome::ReferredExternally))
            }),
            _ => Super,
        }
    }

    /// A case being worked on: its deadlines are running.
    #[superstate(superstate = "active")]
    fn open(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        let Some(current) = context.case.state.as_open() else {
            return Super;
        };
        match event {
            Action::Pause { reason } => context.act(Ok(()), |d| d.pause(current, reason)),
            Action::ExtendDeadline {
                working_days,
                reason,
                deadline,
            } => context.act(context.extension_available(), |d| {
                d.extend(*working_days, reason, *deadline)
            }),
            Action::SendReminder { deadline } => {
                let kind = *deadline;
                context.act(context.reminder_due(kind), |d| {
                    if let Some(running) = d.case.running_mut(kind) {
                        running.reminded_for = Some(running.due_on);
                    }
                    Ok(None)
                })
            }
            Action::SendOverdueNotice { deadline } => {
                let kind = *deadline;
                context.act(context.overdue_notice_due(kind), |d| {
                    if let Some(running) = d.case.running_mut(kind) {
                        running.overdue_noticed_for = Some(running.due_on);
                    }
                    Ok(None)
                })
            }
            _ => Super,
        }
    }

    /// The informal stage: the raiser may escalate, giving a reason.
    #[superstate(superstate = "open")]
    fn informal(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::Escalate { reason } => context.act(Ok(()), |d| {
                required(reason.as_ref(), "reason", "workflow-escalate-why")?;
                d.escalate()
            }),
            _ => Super,
        }
    }

    /// The formal stage, overseen by the Dispute Resolution Subgroup.
    #[superstate(superstate = "open")]
    fn formal(event: &Action) -> Outcome<CaseState> {
        let _ = event;
        Super
    }

    /// The appeal stage.
    #[superstate(superstate = "open")]
    fn appeal(event: &Action) -> Outcome<CaseState> {
        let _ = event;
        Super
    }

    #[state(superstate = "informal")]
    fn raised(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::Acknowledge => context.act(Ok(()), |d| {
                d.fulfil(DeadlineKind::Acknowledgement);
                d.start(DeadlineKind::InformalResolution)?;
                Ok(Some(CaseState::InDialogue {}))
            }),
            // Before dialogue, the raiser may escalate only once the acknowledgement is
            // overdue, and need give no other reason.
            Action::Escalate { .. } => context.act(
                context.after(
                    DeadlineKind::Acknowledgement,
                    "workflow-acknowledgement-not-late",
                ),
                |d| d.escalate(),
            ),
            _ => Super,
        }
    }

    #[state(superstate = "informal")]
    fn in_dialogue(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::ProposeResolution { terms } => context.act(Ok(()), |d| {
                d.case.proposal = Some(Proposal {
                    by: d.party()?,
                    terms: terms.clone(),
                    on: d.today,
                });
                Ok(Some(CaseState::ResolutionProposed {}))
            }),
            _ => Super,
        }
    }

    #[state(superstate = "informal")]
    fn resolution_proposed(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::AcceptResolution => context.act(Ok(()), |d| {
                d.fulfil(DeadlineKind::InformalResolution);
                Ok(closed(CaseOutcome::ResolvedInformally))
            }),
            Action::RejectResolution { .. } => context.act(Ok(()), |d| {
                d.case.proposal = None;
                Ok(Some(CaseState::InDialogue {}))
            }),
            _ => Super,
        }
    }

    #[state(superstate = "formal")]
    fn submitted(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::AcceptFormal => context.act(Ok(()), |d| {
                d.fulfil(DeadlineKind::FormalAcceptance);
                d.start(DeadlineKind::FormalDecision)?;
                Ok(Some(CaseState::AwaitingPanel {}))
            }),
            Action::ReturnToInformal { .. } => context.act(Ok(()), |d| {
                d.fulfil(DeadlineKind::FormalAcceptance);
                d.start(DeadlineKind::InformalResolution)?;
                Ok(Some(CaseState::InDialogue {}))
            }),
            Action::DeclineFormal { .. } => context.act(Ok(()), |d| {
                d.fulfil(DeadlineKind::FormalAcceptance);
                Ok(closed(CaseOutcome::NotAccepted))
            }),
            _ => Super,
        }
    }

    #[state(superstate = "formal")]
    fn awaiting_panel(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::ConvenePanel { panel } => context.act(Ok(()), |d| {
                d.check_panel(panel, false)?;
                d.case.panel = Some(panel.convene(d.today));
                d.start(DeadlineKind::WrittenResponse)?;
                Ok(Some(CaseState::UnderReview {}))
            }),
            _ => Super,
        }
    }

    #[state(superstate = "formal")]
    fn under_review(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::SubmitResponse { .. } => {
                let when = match context.case.response_submitted_on {
                    None => Ok(()),
                    Some(on) => Err(reason(
                        "workflow-response-submitted-already",
                        vec![("date", on.into())],
                    )),
                };
                context.act(when, |d| {
                    d.case.response_submitted_on = Some(d.today);
                    d.fulfil(DeadlineKind::WrittenResponse);
                    Ok(None)
                })
            }
            Action::IssueDecision {
                outcome,
                findings,
                recommendations,
            } => context.act(Ok(()), |d| {
                let errors: Vec<_> = recommendations
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.due_on < d.today)
                    .map(|(i, _)| {
                        crate::error::FieldError::new(
                            format!("recommendations[{i}].due_on"),
                            "must not be in the past",
                        )
                    })
                    .collect();
                if !errors.is_empty() {
                    return Err(Refusal::Invalid(errors));
                }
                d.case.decision = Some(Decision {
                    outcome: *outcome,
                    findings: findings.clone(),
                    recommendations: recommendations.iter().cloned().map(Into::into).collect(),
                    decided_on: d.today,
                    decided_by: d.person()?,
                    accepted_by: Vec::new(),
                });
                d.fulfil(DeadlineKind::FormalDecision);
                d.abandon(DeadlineKind::WrittenResponse);
                d.start(DeadlineKind::AppealWindow)?;
                Ok(Some(CaseState::Decided {}))
            }),
            _ => Super,
        }
    }

    #[state(superstate = "formal")]
    fn decided(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::Appeal { grounds } => {
                context.act(context.may_still_answer_decision(true), |d| {
                    d.case.appeal = Some(Appeal {
                        by: d.party()?,
                        grounds: grounds.clone(),
                        lodged_on: d.today,
                    });
                    d.fulfil(DeadlineKind::AppealWindow);
                    d.start(DeadlineKind::AppealPanel)?;
                    Ok(Some(CaseState::AppealLodged {}))
                })
            }
            Action::AcceptDecision => context.act(context.may_still_answer_decision(false), |d| {
                let party = d.party()?;
                let outcome = d.formal_outcome()?;
                let Some(decision) = d.case.decision.as_mut() else {
                    return Err(Refusal::invalid("decision", "the case has no decision"));
                };
                decision.accepted_by.push(party);
                let both = decision.accepted_by.contains(&party.other());
                Ok(if both { closed(outcome) } else { None })
            }),
            Action::LapseAppealWindow => context.act(
                context.after(
                    DeadlineKind::AppealWindow,
                    "workflow-appeal-window-open-until",
                ),
                |d| Ok(closed(d.formal_outcome()?)),
            ),
            _ => Super,
        }
    }

    #[state(superstate = "appeal")]
    fn appeal_lodged(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::ConveneAppealPanel { panel } => context.act(Ok(()), |d| {
                d.check_panel(panel, true)?;
                d.case.appeal_panel = Some(panel.convene(d.today));
                d.fulfil(DeadlineKind::AppealPanel);
                d.start(DeadlineKind::AppealDecision)?;
                Ok(Some(CaseState::AppealUnderReview {}))
            }),
            Action::DismissAppeal { .. } => context.act(Ok(()), |d| {
                d.fulfil(DeadlineKind::AppealPanel);
                Ok(closed(d.formal_outcome()?))
            }),
            _ => Super,
        }
    }

    #[state(superstate = "appeal")]
    fn appeal_under_review(context: &mut Deliberation<'_>, event: &Action) -> Outcome<CaseState> {
        match event {
            Action::DecideAppeal {
                result,
                outcome,
                reasons,
            } => context.act(Ok(()), |d| {
                let outcome = match (result, outcome) {
                    (AppealResult::DecisionConfirmed, None) => d.formal_outcome()?,
                    (AppealResult::DecisionConfirmed, Some(_)) => {
                        return Err(refused(
                            "outcome",
                            "workflow-appeal-outcome-not-needed",
                            Vec::new(),
                        ));
                    }
                    (_, Some(outcome)) => (*outcome).into(),
                    (_, None) => {
                        return Err(refused(
                            "outcome",
                            "workflow-appeal-outcome-needed",
                            Vec::new(),
                        ));
                    }
                };
                d.case.appeal_decision = Some(AppealDecision {
                    result: *result,
                    outcome,
                    reasons: reasons.clone(),
                    decided_on: d.today,
                    decided_by: d.person()?,
                });
                d.case.withdraw_overturned_recommendations();
                d.fulfil(DeadlineKind::AppealDecision);
                Ok(closed(outcome))
            }),
            _ => Super,
        }
    }

    /// Stopped; it returns to `resume_to` with its deadlines moved on.
    #[state(superstate = "active")]
    fn paused(
        context: &mut Deliberation<'_>,
        event: &Action,
        resume_to: &OpenState,
    ) -> Outcome<CaseState> {
        match event {
            Action::Resume => {
                let resume_to = *resume_to;
                context.act(Ok(()), |d| d.resume(resume_to))
            }
            _ => Super,
        }
    }

    /// Finished: only the record of what it taught may still be added.
    #[state]
    fn closed(
        context: &mut Deliberation<'_>,
        event: &Action,
        outcome: &CaseOutcome,
    ) -> Outcome<CaseState> {
        let _ = outcome;
        match event {
            Action::RecordLessons { lessons } => context.act(Ok(()), |d| {
                d.case.lessons = Some(lessons.clone());
                Ok(None)
            }),
            Action::ReferCaseStudy => {
                let when = match context.case.case_study_referred_on {
                    None => Ok(()),
                    Some(on) => Err(reason(
                        "workflow-case-study-referred-already",
                        vec![("date", on.into())],
                    )),
                };
                context.act(when, |d| {
                    d.case.case_study_referred_on = Some(d.today);
                    Ok(None)
                })
            }
            Action::MarkRecommendation {
                recommendation,
                status,
            } => {
                let open = context.case.decision.as_ref().is_some_and(|d| {
                    d.recommendations
                        .iter()
                        .any(|r| r.status == RecommendationStatus::Open)
                });
                let when = if open {
                    Ok(())
                } else {
                    Err(reason("workflow-no-open-recommendations", Vec::new()))
                };
                context.act(when, |d| {
                    if !d.may_mark(*recommendation) {
                        return Err(not_the_owner());
                    }
                    if matches!(
                        status,
                        RecommendationStatus::Open | RecommendationStatus::Withdrawn
                    ) {
                        return Err(refused("status", "workflow-mark-status", Vec::new()));
                    }
                    let today = d.today;
                    let Some(target) = d
                        .case
                        .decision
                        .as_mut()
                        .and_then(|dec| dec.recommendations.get_mut(*recommendation))
                    else {
                        return Err(refused(
                            "recommendation",
                            "workflow-mark-no-such",
                            Vec::new(),
                        ));
                    };
                    if target.status == RecommendationStatus::Withdrawn {
                        return Err(refused(
                            "recommendation",
                            "workflow-mark-withdrawn",
                            Vec::new(),
                        ));
                    }
                    if target.status != RecommendationStatus::Open {
                        return Err(refused(
                            "recommendation",
                            "workflow-mark-already",
                            Vec::new(),
                        ));
                    }
                    target.status = *status;
                    target.marked_on = Some(today);
                    Ok(None)
                })
            }
            _ => Super,
        }
    }
}
