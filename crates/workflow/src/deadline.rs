//! Deadlines: what is owed, by whom, by which working day, and why that day.
//!
//! A deadline is computed when its state is entered and stored with the calendar version
//! used; afterwards only an extension or the end of a pause moves it, each recorded as an
//! [`Adjustment`] with the version it was counted under, so the deadline can always explain
//! itself in words and be counted again exactly. Its reminder and overdue-notice days follow
//! the calendar its due day was last counted under.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{Calendar, CalendarError, CalendarVersion, Holiday, WorkingDays};
use crate::settings::DeadlineSettings;
use crate::state::Stage;

/// Whether a deadline due on `due_on` is overdue on `today`, in a case that is `paused` or
/// not: past its due day, with the case's clock running (a paused case's deadlines wait).
/// The one rule behind every "overdue" the service shows; the store's overdue filter is the
/// same rule in SQL.
pub fn is_overdue(due_on: NaiveDate, today: NaiveDate, paused: bool) -> bool {
    !paused && today > due_on
}

/// The time limits of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DeadlineKind {
    /// The respondent acknowledges a raised case.
    Acknowledgement,
    /// The parties settle it informally.
    InformalResolution,
    /// The subgroup accepts, returns or declines the formal complaint.
    FormalAcceptance,
    /// The respondent answers the panel in writing.
    WrittenResponse,
    /// The panel decides.
    FormalDecision,
    /// Either party may appeal until it closes; then the decision stands.
    AppealWindow,
    /// The subgroup convenes an appeal panel.
    AppealPanel,
    /// The appeal panel decides.
    AppealDecision,
}

/// Who owes the next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Owed {
    /// The respondent organisation's members.
    Respondent,
    /// Both parties' members.
    Parties,
    /// The chair of the Dispute Resolution Subgroup.
    SubgroupChair,
    /// The chair of the formal panel.
    PanelChair,
    /// The chair of the appeal panel.
    AppealPanelChair,
}

impl DeadlineKind {
    /// Every kind, in process order.
    pub const ALL: [DeadlineKind; 8] = [
        DeadlineKind::Acknowledgement,
        DeadlineKind::InformalResolution,
        DeadlineKind::FormalAcceptance,
        DeadlineKind::WrittenResponse,
        DeadlineKind::FormalDecision,
        DeadlineKind::AppealWindow,
        DeadlineKind::AppealPanel,
        DeadlineKind::AppealDecision,
    ];

    /// The kind's name as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::Acknowledgement => "acknowledgement",
            DeadlineKind::InformalResolution => "informal_resolution",
            DeadlineKind::FormalAcceptance => "formal_acceptance",
            DeadlineKind::WrittenResponse => "written_response",
            DeadlineKind::FormalDecision => "formal_decision",
            DeadlineKind::AppealWindow => "appeal_window",
            DeadlineKind::AppealPanel => "appeal_panel",
            DeadlineKind::AppealDecision => "appeal_decision",
        }
    }

    /// What has to happen by the deadline, for emails and pages.
    pub fn describe(self) -> &'static str {
        match self {
            DeadlineKind::Acknowledgement => "acknowledge the disagreement",
            DeadlineKind::InformalResolution => "resolve the disagreement informally",
            DeadlineKind::FormalAcceptance => "accept, return or decline the formal complaint",
            DeadlineKind::WrittenResponse => "send the panel a written response",
            DeadlineKind::FormalDecision => "issue the panel's decision",
            DeadlineKind::AppealWindow => "appeal the decision, if either party wishes to",
            DeadlineKind::AppealPanel => "convene an appeal panel",
            DeadlineKind::AppealDecision => "issue the appeal panel's decision",
        }
    }

    /// The stage whose extension allowance this deadline draws on.
    pub fn stage(self) -> Stage {
        match self {
            DeadlineKind::Acknowledgement | DeadlineKind::InformalResolution => Stage::Informal,
            DeadlineKind::FormalAcceptance
            | DeadlineKind::WrittenResponse
            | DeadlineKind::FormalDecision
            | DeadlineKind::AppealWindow => Stage::Formal,
            DeadlineKind::AppealPanel | DeadlineKind::AppealDecision => Stage::Appeal,
        }
    }

    /// Who owes it.
    pub fn owed_by(self) -> Owed {
        match self {
            DeadlineKind::Acknowledgement | DeadlineKind::WrittenResponse => Owed::Respondent,
            DeadlineKind::InformalResolution | DeadlineKind::AppealWindow => Owed::Parties,
            DeadlineKind::FormalAcceptance | DeadlineKind::AppealPanel => Owed::SubgroupChair,
            DeadlineKind::FormalDecision => Owed::PanelChair,
            DeadlineKind::AppealDecision => Owed::AppealPanelChair,
        }
    }

    /// Whether this is a window that may pass unused, rather than an obligation. Windows do
    /// not count towards the share of deadlines met.
    pub fn is_window(self) -> bool {
        self == DeadlineKind::AppealWindow
    }

    /// Whether an urgent case (a notice breach) halves this deadline, so the matter can be
    /// settled before the change takes effect.
    pub fn halved_when_urgent(self) -> bool {
        self.stage() == Stage::Informal
    }

    /// The working days the Compact allows for it.
    pub fn working_days(self, settings: &DeadlineSettings) -> u32 {
        match self {
            DeadlineKind::Acknowledgement => settings.acknowledge,
            DeadlineKind::InformalResolution => settings.informal_resolution,
            DeadlineKind::FormalAcceptance => settings.formal_acceptance,
            DeadlineKind::WrittenResponse => settings.written_response,
            DeadlineKind::FormalDecision => settings.formal_decision,
            DeadlineKind::AppealWindow => settings.appeal_window,
            DeadlineKind::AppealPanel => settings.appeal_panel,
            DeadlineKind::AppealDecision => settings.appeal_decision,
        }
    }
}

/// How a deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum DeadlineStatus {
    /// Still running (or waiting, while the case is paused).
    Running,
    /// Done on or before the day.
    Met,
    /// Done, but after the day.
    Late,
    /// Not done, and the case moved on after the day passed.
    Missed,
    /// No longer needed, before it fell due.
    Cancelled,
    /// A window that closed unused.
    Expired,
}

impl DeadlineStatus {
    /// Every status, the running first.
    pub const ALL: [DeadlineStatus; 6] = [
        DeadlineStatus::Running,
        DeadlineStatus::Met,
        DeadlineStatus::Late,
        DeadlineStatus::Missed,
        DeadlineStatus::Cancelled,
        DeadlineStatus::Expired,
    ];

    /// The status as the API spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineStatus::Running => "running",
            DeadlineStatus::Met => "met",
            DeadlineStatus::Late => "late",
            DeadlineStatus::Missed => "missed",
            DeadlineStatus::Cancelled => "cancelled",
            DeadlineStatus::Expired => "expired",
        }
    }
}

/// Why a deadline moved after it was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdjustmentKind {
    /// The chair or facilitator extended it.
    Extension,
    /// The case was paused; the deadline moved on by the working days spent paused.
    Pause,
}

/// One move of a deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adjustment {
    /// Extension or pause.
    pub kind: AdjustmentKind,
    /// The day it was made (the day of resuming, for a pause).
    pub on: NaiveDate,
    /// Working days added.
    pub working_days: u32,
    /// The due day before the move.
    pub from: NaiveDate,
    /// The due day after it.
    pub due_on: NaiveDate,
    /// The calendar it was counted under, when that is not the one the deadline was set
    /// under (a newer release had shipped by then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_version: Option<CalendarVersion>,
}

/// A deadline of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// What is due.
    pub kind: DeadlineKind,
    /// Who owes it.
    pub owed_by: Owed,
    /// The day counting started (day 0): the day the state was entered.
    pub started_on: NaiveDate,
    /// Working days allowed when it was set.
    pub working_days: u32,
    /// The days the Compact's settings allow, when urgency halved them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub halved_from: Option<u32>,
    /// The last working day to do it, after any adjustments.
    pub due_on: NaiveDate,
    /// The calendar it was set under, e.g. `england_and_wales/2026.2`.
    pub calendar_version: CalendarVersion,
    /// Whether unpublished holidays were assumed, so the date may yet move.
    pub estimated: bool,
    /// Bank holidays passed over when it was set.
    pub holidays_skipped: Vec<Holiday>,
    /// Extensions and pauses, in order.
    pub adjustments: Vec<Adjustment>,
    /// How it stands.
    pub status: DeadlineStatus,
    /// The day it stopped running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_on: Option<NaiveDate>,
    /// The due day the last reminder was sent for (a reminder goes once per due day, so an
    /// extension earns a new one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminded_for: Option<NaiveDate>,
    /// The due day the last overdue notice was sent for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overdue_noticed_for: Option<NaiveDate>,
}

impl Deadline {
    /// A new deadline of `kind`, counting from `started_on`.
    pub fn start(
        kind: DeadlineKind,
        started_on: NaiveDate,
        settings: &DeadlineSettings,
        urgent: bool,
        calendar: &Calendar,
    ) -> Result<Deadline, CalendarError> {
        let allowed = kind.working_days(settings);
        let (working_days, halved_from) = if urgent && kind.halved_when_urgent() {
            (allowed.div_ceil(2), Some(allowed))
        } else {
            (allowed, None)
        };
        let WorkingDays {
            due_on,
            holidays_skipped,
            estimated,
        } = calendar.add_working_days(started_on, working_days)?;
        Ok(Deadline {
            kind,
            owed_by: kind.owed_by(),
            started_on,
            working_days,
            halved_from,
            due_on,
            calendar_version: calendar.version(),
            estimated,
            holidays_skipped,
            adjustments: Vec::new(),
            status: DeadlineStatus::Running,
            settled_on: None,
            reminded_for: None,
            overdue_noticed_for: None,
        })
    }

    /// Whether it is still running.
    pub fn is_running(&self) -> bool {
        self.status == DeadlineStatus::Running
    }

    /// Whether `today` is past the due day of a running deadline. (A paused case's deadlines
    /// are not overdue while it is paused: ask the case, not the deadline.)
    pub fn has_passed(&self, today: NaiveDate) -> bool {
        self.is_running() && today > self.due_on
    }

    /// The calendar the due day was last counted under: the last move's, or the one the
    /// deadline was set under. Its reminder and overdue notice are counted with it too, so
    /// that every day derived from the due day stays as it was whatever ships later.
    pub fn calendar(&self) -> Calendar {
        self.adjustments
            .iter()
            .rev()
            .find_map(|a| a.calendar_version)
            .unwrap_or(self.calendar_version)
            .calendar()
    }

    /// The day the reminder goes to whoever owes it: `before` working days ahead.
    pub fn reminder_on(&self, before: u32) -> Result<NaiveDate, CalendarError> {
        self.calendar().working_days_before(self.due_on, before)
    }

    /// Whether a reminder is due on `today`: from `before` working days ahead of the due day
    /// up to the day itself, once per due day.
    pub fn reminder_due(&self, today: NaiveDate, before: u32) -> bool {
        self.is_running()
            && self.reminded_for != Some(self.due_on)
            && today <= self.due_on
            && self.reminder_on(before).is_ok_and(|from| today >= from)
    }

    /// Whether an overdue notice is due on `today`: from the working day after the due day,
    /// once per due day, and never for a window (which lapses instead).
    pub fn overdue_notice_due(&self, today: NaiveDate) -> bool {
        self.is_running()
            && !self.kind.is_window()
            && self.overdue_noticed_for != Some(self.due_on)
            && self.overdue_notice_on().is_ok_and(|from| today >= from)
    }

    /// The day the overdue notice goes out: the working day after the due day.
    pub fn overdue_notice_on(&self) -> Result<NaiveDate, CalendarError> {
        self.calendar().next_working_day_after(self.due_on)
    }

    /// Moves the due day on by `working_days`, recording why.
    pub(crate) fn adjust(
        &mut self,
        kind: AdjustmentKind,
        on: NaiveDate,
        working_days: u32,
        calendar: &Calendar,
    ) -> Result<(), CalendarError> {
        let moved = calendar.add_working_days(self.due_on, working_days)?;
        self.adjustments.push(Adjustment {
            kind,
            on,
            working_days,
            from: self.due_on,
            due_on: moved.due_on,
            calendar_version: Some(calendar.version()).filter(|v| *v != self.calendar_version),
        });
        self.due_on = moved.due_on;
        self.estimated |= moved.estimated;
        Ok(())
    }

    /// Stops the deadline because what it asked for was done on `on`.
    pub(crate) fn fulfil(&mut self, on: NaiveDate) {
        self.settle(
            on,
            if on <= self.due_on {
                DeadlineStatus::Met
            } else {
                DeadlineStatus::Late
            },
        );
    }

    /// Stops the deadline because the case moved on without it being done.
    pub(crate) fn abandon(&mut self, on: NaiveDate) {
        let status = if on <= self.due_on {
            DeadlineStatus::Cancelled
        } else if self.kind.is_window() {
            DeadlineStatus::Expired
        } else {
            DeadlineStatus::Missed
        };
        self.settle(on, status);
    }

    /// Stops the deadline with `status` on `on`.
    pub(crate) fn settle(&mut self, on: NaiveDate, status: DeadlineStatus) {
        if self.is_running() {
            self.status = status;
            self.settled_on = Some(on);
        }
    }
}
