//! The fields of actions as the API and the pages ask for them.
//!
//! Each field's row is written once, beside the field itself in [`super::Action`]'s table;
//! what kind of input it is and whether it must be sent follow from its type, through
//! [`FieldType`], so a field cannot be described one way and typed another.

use serde::Serialize;

use super::{RecommendationDraft, RecommendationStatus};
use crate::content::Content;
use crate::deadline::DeadlineKind;
use crate::ids::PersonId;
use crate::panel::ProposedPanel;
use crate::state::{AppealResult, ExternalBody, FormalOutcome};
use crate::text::Text;

/// A field's shape on the wire, and so the control a form asks for it with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Input {
    /// Prose of up to [`Text::MAX_CHARS`] characters, on several lines.
    Text,
    /// A panel's finding, a [`FormalOutcome`].
    Outcome,
    /// What an appeal did to the decision, an [`AppealResult`].
    AppealResult,
    /// A whole number of working days.
    Days,
    /// One of the case's deadlines, by its [`DeadlineKind`].
    Deadline,
    /// Where a case is referred, an [`ExternalBody`].
    External,
    /// A panel: sent as [`PANEL_MEMBERS`] and [`PANEL_CHAIR`], people's ids.
    Panel,
    /// A decision's recommendations: a list of what, by which organisation, by when.
    Recommendations,
    /// A recommendation's position in its decision's list, from 0.
    Index,
    /// What became of a recommendation, a [`RecommendationStatus`].
    RecommendationStatus,
}

/// The wire name of a panel's members: the ids of people of the subgroup.
pub const PANEL_MEMBERS: &str = "member_ids";
/// The wire name of a panel's chair: one of its members' ids.
pub const PANEL_CHAIR: &str = "chair_id";

/// One field of an action: what the API's schema, the page's form and the request's checks
/// all read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ActionField {
    /// Its name in the action, and on the wire but for a panel (see [`Input::Panel`]).
    pub name: &'static str,
    /// Its shape.
    pub input: Input,
    /// Whether every request must send it; an optional field or a list may be left out
    /// (the workflow may still need it in some states, and says so).
    pub required: bool,
}

impl ActionField {
    /// The names this field is sent under.
    pub fn wire_names(&self) -> Vec<&'static str> {
        match self.input {
            Input::Panel => vec![PANEL_MEMBERS, PANEL_CHAIR],
            _ => vec![self.name],
        }
    }

    /// Whether `wire` (a name as sent, or a path under one: `recommendations[0].text`) is
    /// part of this field.
    pub fn is_sent_as(&self, wire: &str) -> bool {
        let base = wire.split(['.', '[']).next().unwrap_or(wire);
        self.wire_names().contains(&base)
    }
}

/// What a field's type says about it: its input, whether it must be sent, and a stand-in
/// value for asking the machine who may act.
pub(crate) trait FieldType: Sized {
    /// Its shape on the wire.
    const INPUT: Input;
    /// Whether a request must send it.
    const REQUIRED: bool = true;
    /// A value never read (see [`super::ActionKind::placeholder`]).
    fn placeholder() -> Self;
    /// Pushes each piece of free text it holds (see `crate::content`): none but for text.
    fn texts_mut<'a>(&'a mut self, _out: &mut Vec<&'a mut String>) {}
}

impl<T: FieldType> FieldType for Option<T> {
    const INPUT: Input = T::INPUT;
    const REQUIRED: bool = false;
    fn placeholder() -> Self {
        None
    }
    fn texts_mut<'a>(&'a mut self, out: &mut Vec<&'a mut String>) {
        if let Some(inner) = self {
            inner.texts_mut(out);
        }
    }
}

impl FieldType for Text {
    const INPUT: Input = Input::Text;
    fn placeholder() -> Self {
        Text::placeholder()
    }
    fn texts_mut<'a>(&'a mut self, out: &mut Vec<&'a mut String>) {
        Content::texts_mut(self, out);
    }
}

macro_rules! field_types {
    ($($ty:ty => $input:ident, $placeholder:expr;)*) => {
        $(impl FieldType for $ty {
            const INPUT: Input = Input::$input;
            fn placeholder() -> Self {
                $placeholder
            }
        })*
    };
}

field_types! {
    FormalOutcome => Outcome, FormalOutcome::NotUpheld;
    AppealResult => AppealResult, AppealResult::DecisionConfirmed;
    u32 => Days, 0;
    DeadlineKind => Deadline, DeadlineKind::Acknowledgement;
    ExternalBody => External, ExternalBody::Mediation;
    ProposedPanel => Panel, ProposedPanel { members: Vec::new(), chair_id: PersonId(0) };
    usize => Index, 0;
    RecommendationStatus => RecommendationStatus, RecommendationStatus::Implemented;
}

impl FieldType for Vec<RecommendationDraft> {
    const INPUT: Input = Input::Recommendations;
    const REQUIRED: bool = false;
    fn placeholder() -> Self {
        Vec::new()
    }
    fn texts_mut<'a>(&'a mut self, out: &mut Vec<&'a mut String>) {
        for draft in self {
            Content::texts_mut(&mut draft.text, out);
        }
    }
}
