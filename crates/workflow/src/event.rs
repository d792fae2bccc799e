//! The audit trail's events, and the replay that rebuilds a case from them.
//!
//! Each accepted action becomes one [`CaseEvent`]: who, when, what (with every field), and the
//! states before and after. Replaying a case's events from the first decides each action
//! again and must arrive at exactly the stored case; the store's verifier relies on it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::action::{Action, Command};
use crate::actor::Actor;
use crate::calendar::Release;
use crate::case::{Case, CaseTerms, NewCase};
use crate::content::Redaction;
use crate::error::Refusal;
use crate::state::CaseState;
use crate::text::Text;

/// One entry in a case's audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseEvent {
    /// Its place in the case's trail, from 1; equal to the case's version after it.
    pub seq: u32,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it, with their roles at the time.
    pub actor: Actor,
    /// What happened.
    pub body: EventBody,
    /// The state before (none for the raising).
    pub from_state: Option<CaseState>,
    /// The state after.
    pub to_state: CaseState,
    /// The release of the holiday tables it was decided under, which its replay uses again
    /// (the first, for events recorded before events named one).
    #[serde(default = "Release::first")]
    pub calendar: Release,
}

/// What an event records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventBody {
    /// The case was raised.
    Raised {
        /// As the raiser described it.
        case: NewCase,
        /// The Compact's settings it runs on.
        terms: CaseTerms,
    },
    /// An action was taken.
    Acted {
        /// The action, with its fields.
        action: Action,
        /// A note kept with it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<Text>,
    },
    /// People's text was removed from the case's events (ARCHITECTURE.md, "Records").
    Redacted {
        /// Under which rule.
        redaction: Redaction,
    },
}

impl CaseEvent {
    /// The event's name for a timeline: `raised`, or the action's name.
    pub fn name(&self) -> &'static str {
        match &self.body {
            EventBody::Raised { .. } => "raised",
            EventBody::Acted { action, .. } => action.kind().as_str(),
            EventBody::Redacted { .. } => "redacted",
        }
    }
}

/// Where and why a replay went wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("event {seq}: {problem}")]
pub struct ReplayError {
    /// The event at fault (0 when there were no events at all).
    pub seq: u32,
    /// What went wrong.
    pub problem: ReplayProblem,
}

/// What can go wrong in a replay.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayProblem {
    /// There were no events.
    #[error("the trail is empty")]
    Empty,
    /// The first event is not the raising, or a later one is.
    #[error("only the first event may raise the case, and it must")]
    MisplacedRaising,
    /// The events are not numbered 1, 2, 3, ...
    #[error("expected event number {expected}")]
    OutOfSequence {
        /// The number expected.
        expected: u32,
    },
    /// The recorded action is refused when decided again.
    #[error("the action is refused on replay: {0}")]
    Refused(Refusal),
    /// Deciding the action again gives a different event from the one recorded.
    #[error("replay gives a different result: recorded {recorded}, replayed {replayed}")]
    Diverged {
        /// The recorded state after the event.
        recorded: CaseState,
        /// The state the replay reached.
        replayed: CaseState,
    },
}

/// Rebuilds a case by deciding each recorded event again, from the raising on, checking that
/// each gives exactly the recorded event.
pub fn replay(events: &[CaseEvent]) -> Result<Case, ReplayError> {
    let fail = |seq, problem| Err(ReplayError { seq, problem });
    let Some((first, rest)) = events.split_first() else {
        return fail(0, ReplayProblem::Empty);
    };
    let EventBody::Raised { case, terms } = &first.body else {
        return fail(first.seq, ReplayProblem::MisplacedRaising);
    };
    let Actor::Person(raiser) = &first.actor else {
        return fail(first.seq, ReplayProblem::MisplacedRaising);
    };
    let opened = Case::open(
        case.clone(),
        raiser,
        first.at,
        terms.clone(),
        first.calendar,
    )
    .map_err(|r| ReplayError {
        seq: first.seq,
        problem: ReplayProblem::Refused(r),
    })?;
    check(first, &opened.event)?;
    let mut current = opened.case;
    for event in rest {
        let (action, note) = match &event.body {
            EventBody::Acted { action, note } => (action, note),
            EventBody::Redacted { redaction } => {
                let decided = current.record_redaction(
                    event.actor.clone(),
                    event.at,
                    event.calendar,
                    redaction.clone(),
                );
                check(event, &decided.event)?;
                current = decided.case;
                continue;
            }
            EventBody::Raised { .. } => return fail(event.seq, ReplayProblem::MisplacedRaising),
        };
        let command = Command {
            actor: event.actor.clone(),
            action: action.clone(),
            at: event.at,
            note: note.clone(),
        };
        let decided = current
            .decide_under(&command, event.calendar)
            .map_err(|r| ReplayError {
                seq: event.seq,
                problem: ReplayProblem::Refused(r),
            })?;
        check(event, &decided.event)?;
        current = decided.case;
    }
    Ok(current)
}

fn check(recorded: &CaseEvent, replayed: &CaseEvent) -> Result<(), ReplayError> {
    if recorded.seq != replayed.seq {
        return Err(ReplayError {
            seq: recorded.seq,
            problem: ReplayProblem::OutOfSequence {
                expected: replayed.seq,
            },
        });
    }
    if recorded != replayed {
        return Err(ReplayError {
            seq: recorded.seq,
            problem: ReplayProblem::Diverged {
                recorded: recorded.to_state.clone(),
                replayed: replayed.to_state.clone(),
            },
        });
    }
    Ok(())
}
