//! The free text in a case's events, which can be removed without the events changing
//! otherwise: retention and erasure (ARCHITECTURE.md, "Records").
//!
//! An event's *content* is every piece of text a person wrote into it, listed in one fixed
//! order so that a seal kept for each (by the store) stays beside its text. Everything else
//! in an event (ids, dates, states, choices) is what replay decides on and what reports
//! count, and is kept.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::calendar::Release;
use crate::case::{Case, Decided};
use crate::event::{CaseEvent, EventBody};
use crate::ids::PersonId;
use crate::text::{Text, Title};

/// What stands in place of removed text.
pub const TOMBSTONE: &str = "[removed]";

/// Why content was removed from a case: recorded as the case's `redacted` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Redaction {
    /// The case had been closed longer than the Compact keeps case text.
    Retention {
        /// The retention period, in years.
        closed_case_years: u32,
    },
    /// A person was erased, with the facilitator's reason.
    Erasure {
        /// Who was erased.
        person_id: PersonId,
        /// Why.
        reason: Text,
    },
}

impl Redaction {
    /// What happened, in words anyone on the case may read: the timeline's phrase.
    pub fn describe(&self) -> String {
        match self {
            Redaction::Retention { closed_case_years } => format!(
                "removed the case's text under the retention rule, {closed_case_years} years \
                 after it closed"
            ),
            Redaction::Erasure { .. } => {
                "erased a person's details, and their text where the Compact's policy says so"
                    .to_owned()
            }
        }
    }

    /// Why a person was erased: for the facilitator's eyes, not the parties'.
    pub fn reason(&self) -> Option<&Text> {
        match self {
            Redaction::Retention { .. } => None,
            Redaction::Erasure { reason, .. } => Some(reason),
        }
    }
}

/// Something that holds people's text, reachable one piece at a time.
pub(crate) trait Content {
    /// Pushes each piece of its text, in a fixed order.
    fn texts_mut<'a>(&'a mut self, out: &mut Vec<&'a mut String>);
}

impl Content for Text {
    fn texts_mut<'a>(&'a mut self, out: &mut Vec<&'a mut String>) {
        out.push(self.slot());
    }
}

impl Content for Title {
    fn texts_mut<'a>(&'a mut self, out: &mut Vec<&'a mut String>) {
        out.push(self.slot());
    }
}

impl<T: Content> Content for Option<T> {
    fn texts_mut<'a>(&'a mut self, out: &mut Vec<&'a mut String>) {
        if let Some(inner) = self {
            inner.texts_mut(out);
        }
    }
}

impl<T: Content> Content for Vec<T> {
    fn texts_mut<'a>(&'a mut self, out: &mut Vec<&'a mut String>) {
        for inner in self {
            inner.texts_mut(out);
        }
    }
}

impl CaseEvent {
    /// The event's content, in its fixed order.
    pub fn texts(&self) -> Vec<String> {
        self.clone()
            .slots()
            .into_iter()
            .map(|text| text.clone())
            .collect()
    }

    /// Puts `with(i, text)` in place of each piece of content that it answers for, and
    /// leaves the rest. A [`Title`] fits any text field, so the event stays valid.
    pub fn replace_texts(&mut self, mut with: impl FnMut(usize, &str) -> Option<Title>) {
        for (i, slot) in self.slots().into_iter().enumerate() {
            if let Some(replacement) = with(i, slot) {
                *slot = replacement.into();
            }
        }
    }

    fn slots(&mut self) -> Vec<&mut String> {
        let mut out = Vec::new();
        match &mut self.body {
            EventBody::Raised { case, .. } => {
                case.title.texts_mut(&mut out);
                case.summary.texts_mut(&mut out);
                case.desired_outcome.texts_mut(&mut out);
                if let Some(consultation) = &mut case.consultation {
                    consultation.shortened_reason.texts_mut(&mut out);
                }
            }
            EventBody::Acted { action, note } => {
                action.texts_mut(&mut out);
                note.texts_mut(&mut out);
            }
            EventBody::Redacted { redaction } => match redaction {
                Redaction::Retention { .. } => {}
                Redaction::Erasure { reason, .. } => reason.texts_mut(&mut out),
            },
        }
        out
    }
}

impl Case {
    /// Records that content was removed from the case's events under `redaction`: the next
    /// event of its trail, changing nothing else about the case.
    pub fn record_redaction(
        &self,
        actor: Actor,
        at: DateTime<Utc>,
        calendar: Release,
        redaction: Redaction,
    ) -> Decided {
        let mut case = self.clone();
        case.version += 1;
        let event = CaseEvent {
            seq: case.version,
            at,
            actor,
            body: EventBody::Redacted { redaction },
            from_state: Some(self.state.clone()),
            to_state: self.state.clone(),
            calendar,
        };
        Decided { case, event }
    }
}
