//! The wire format: what the API sends and accepts, as explicit types.
//!
//! They mirror the workflow's records but are not them: the workflow's serde form is its
//! stored format, and these are the HTTP contract of API.md, documented in the OpenAPI
//! schema.

use chrono::{DateTime, NaiveDate, Utc};
use disputes_store::{Attachment, Message, Organisation, PersonRecord, Visibility};
use disputes_workflow::deadline::is_overdue;
use disputes_workflow::rules::consultation::{ConsultationAssessment, ConsultationFacts};
use disputes_workflow::rules::notice::{ChangeKind, Instrument, NoticeAssessment, NoticeFacts};
use disputes_workflow::visibility::PanelScope;
use disputes_workflow::{
    ActionKind, AppealResult, Case, DeadlineKind, DeadlineStatus, FormalOutcome, LinkKind,
    OpenState, Outcome, Owed, Party, Priority, RecommendationStatus, Role, Sector, Stage,
    StateKind, StoppedClock,
};
use serde::Serialize;

use super::correspondence::Audience;
use utoipa::ToSchema;

/// A page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PageView<T: ToSchema> {
    /// The items on this page.
    pub items: Vec<T>,
    /// This page, from 1.
    pub page: u64,
    /// Items per page.
    pub per_page: u64,
    /// Items in the whole list; when `total_capped`, as many as were counted.
    pub total: u64,
    /// True when the list holds more items than `total`: the case list counts no further
    /// than 1,000 cases or the page asked for, whichever is further.
    pub total_capped: bool,
    /// For the case list: the `cursor` that asks for the next page, which stays right while
    /// cases are raised or change; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

impl<T: ToSchema> PageView<T> {
    /// Converts a store page.
    pub fn of<S>(page: disputes_store::Page<S>, convert: impl FnMut(S) -> T) -> Self {
        PageView {
            items: page.items.into_iter().map(convert).collect(),
            page: page.page,
            per_page: page.per_page,
            total: page.total,
            total_capped: page.total_capped,
            next_cursor: page.next.map(|next| next.encode()),
        }
    }
}

/// The most items a download of a whole list holds: far beyond any Compact's lists.
pub const MOST_DOWNLOADED: u64 = 10_000;

/// Which page of a list a download reads next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageAt {
    /// The page of this number, from 1: the first page, and the pages of a list that has no
    /// cursor.
    Number(u64),
    /// The page after the one that gave this cursor: each page reads only itself, where a
    /// page's number reads every page before it.
    Cursor(String),
}

/// Every item of a list (up to [`MOST_DOWNLOADED`]), read a page at a time by `page_of`,
/// given where the page starts and its length: for downloads of a whole list. A list that
/// gives a cursor is read by it.
pub async fn every_item<T: ToSchema, F>(
    mut page_of: impl FnMut(PageAt, u64) -> F,
) -> Result<Vec<T>, crate::problem::ApiError>
where
    F: std::future::Future<Output = Result<PageView<T>, crate::problem::ApiError>>,
{
    let per_page = disputes_store::PageRequest::MAX_PER_PAGE;
    let mut items = Vec::new();
    let mut at = PageAt::Number(1);
    for number in 2.. {
        let page = page_of(at, per_page).await?;
        let full = page.items.len() as u64 >= per_page;
        items.extend(page.items);
        if !full || items.len() as u64 >= MOST_DOWNLOADED {
            break;
        }
        at = match page.next_cursor {
            Some(cursor) => PageAt::Cursor(cursor),
            None => PageAt::Number(number),
        };
    }
    items.truncate(usize::try_from(MOST_DOWNLOADED).unwrap_or(usize::MAX));
    Ok(items)
}

/// A person's account.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    /// Their id.
    pub id: i64,
    /// Their email address.
    pub email: String,
    /// Their name.
    pub name: String,
    /// Their organisation.
    pub organisation_id: i64,
    /// Their roles.
    pub roles: Vec<Role>,
    /// Whether they may sign in.
    pub active: bool,
    /// The language of their pages and emails: `en` or `cy`.
    pub language: disputes_i18n::Lang,
}

impl From<PersonRecord> for UserView {
    fn from(record: PersonRecord) -> Self {
        UserView {
            id: record.person.id.0,
            email: record.email,
            name: record.name,
            organisation_id: record.person.organisation_id.0,
            roles: record.person.roles.iter().collect(),
            active: record.active,
            language: record.language,
        }
    }
}

/// A signatory organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationView {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// `vcs` or `psa`.
    pub sector: Sector,
    /// One of the Compact's groupings.
    pub grouping: String,
    /// When it signed the Compact.
    pub signatory_since: Option<NaiveDate>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

impl From<Organisation> for OrganisationView {
    fn from(o: Organisation) -> Self {
        OrganisationView {
            id: o.id.0,
            name: o.name,
            sector: o.sector,
            grouping: o.grouping,
            signatory_since: o.signatory_since,
            created_at: o.created_at,
        }
    }
}

/// An organisation named in a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationRef {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// A deadline of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeadlineView {
    /// What is due.
    pub kind: DeadlineKind,
    /// The last working day to do it.
    pub due_on: NaiveDate,
    /// How it stands.
    pub status: DeadlineStatus,
    /// Whether it has passed while still running (never while the case is paused).
    pub overdue: bool,
    /// While the case is paused: the day the clock stopped and the working days then left.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clock_stopped: Option<StoppedClock>,
    /// Who owes it.
    pub owed_by: Owed,
    /// What it asks for, in words.
    pub description: String,
    /// How it was counted, in words.
    pub explanation: String,
}

/// A seat on a panel.
#[derive(Debug, Serialize, ToSchema)]
pub struct PanelMemberView {
    /// Who.
    pub person_id: i64,
    /// Their organisation.
    pub organisation_id: i64,
    /// Its sector.
    pub sector: Sector,
}

/// A convened panel.
#[derive(Debug, Serialize, ToSchema)]
pub struct PanelView {
    /// Its members.
    pub members: Vec<PanelMemberView>,
    /// The member who chairs it.
    pub chair_id: i64,
    /// When it was convened.
    pub convened_on: NaiveDate,
}

/// A recommendation in a decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecommendationView {
    /// Its id, for marking it (once the case is closed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The case it came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What should be done.
    pub text: String,
    /// By whom.
    pub owner_organisation_id: i64,
    /// By when.
    pub due_on: NaiveDate,
    /// Whether it was done.
    pub status: RecommendationStatus,
    /// When it was marked.
    pub marked_on: Option<NaiveDate>,
}

/// The formal panel's decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionView {
    /// The finding.
    pub outcome: FormalOutcome,
    /// The reasoning.
    pub findings: String,
    /// What the panel recommends.
    pub recommendations: Vec<RecommendationView>,
    /// When.
    pub decided_on: NaiveDate,
    /// The panel chair.
    pub decided_by: i64,
    /// The parties that have accepted it.
    pub accepted_by: Vec<Party>,
}

/// The appeal panel's decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppealDecisionView {
    /// What it did to the formal decision.
    pub result: AppealResult,
    /// The final outcome.
    pub outcome: Outcome,
    /// The reasons.
    pub reasons: String,
    /// When.
    pub decided_on: NaiveDate,
}

/// A step taken by someone working for one of the parties, in an oversight role.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictView {
    /// Who took it.
    pub person_id: i64,
    /// The party they work for.
    pub organisation_id: i64,
    /// The step.
    pub action: ActionKind,
    /// When.
    pub on: NaiveDate,
}

/// Terms proposed by one party.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalView {
    /// Who proposed them.
    pub by: Party,
    /// The terms.
    pub terms: String,
    /// When.
    pub on: NaiveDate,
}

/// A dispute case, as the caller may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseView {
    /// The reference, e.g. `LEIC-2026-0042`.
    pub reference: String,
    /// The title.
    pub title: String,
    /// What happened.
    pub summary: String,
    /// What the raiser wants.
    pub desired_outcome: String,
    /// `informal`, `formal`, `appeal` or `closed`.
    pub stage: Stage,
    /// The state (`raised`, ..., `paused`, `closed`).
    pub state: StateKind,
    /// Where a paused case will resume.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paused_from: Option<OpenState>,
    /// How it ended, once closed.
    pub outcome: Option<Outcome>,
    /// The organisation that raised it.
    pub raising_organisation: OrganisationRef,
    /// The organisation it is raised against.
    pub respondent_organisation: OrganisationRef,
    /// The principles cited.
    pub principles: Vec<String>,
    /// `normal`, or `urgent` for a notice breach.
    pub priority: Priority,
    /// The notified change.
    pub notice: Option<NoticeView>,
    /// Whether notice was long enough.
    pub notice_assessment: Option<NoticeAssessment>,
    /// The consultation.
    pub consultation: Option<ConsultationFacts>,
    /// Whether the consultation was long enough.
    pub consultation_assessment: Option<ConsultationAssessment>,
    /// Every deadline set, running first, then in the order set.
    pub deadlines: Vec<DeadlineView>,
    /// Terms awaiting an answer.
    pub proposal: Option<ProposalView>,
    /// The formal panel.
    pub panel: Option<PanelView>,
    /// The appeal panel.
    pub appeal_panel: Option<PanelView>,
    /// The formal decision.
    pub decision: Option<DecisionView>,
    /// The appeal decision.
    pub appeal_decision: Option<AppealDecisionView>,
    /// Steps taken by the subgroup chair or the facilitator while working for one of the
    /// parties: a conflict of interest, recorded for everyone on the case to see.
    pub conflicts: Vec<ConflictView>,
    /// What the caller may do now.
    pub allowed_actions: Vec<ActionKind>,
    /// The version, for `If-Match`.
    pub version: u32,
    /// When it was raised.
    pub opened_at: DateTime<Utc>,
    /// When it closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// The cases linked to it that the caller may see (one they may not see is left out).
    pub links: Vec<CaseLinkView>,
}

/// A case linked to another.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseLinkView {
    /// Its reference.
    pub reference: String,
    /// Its title.
    pub title: String,
    /// Why they are linked.
    pub kind: LinkKind,
}

impl From<disputes_store::CaseLink> for CaseLinkView {
    fn from(link: disputes_store::CaseLink) -> Self {
        CaseLinkView {
            reference: link.reference,
            title: link.title,
            kind: link.kind,
        }
    }
}

/// `case`'s deadlines in the order its view lists them: the running ones first, each group
/// in the order they were set.
pub fn deadlines_in_order(case: &Case) -> Vec<&disputes_workflow::Deadline> {
    let mut deadlines: Vec<_> = case.deadlines.iter().collect();
    deadlines.sort_by_key(|d| d.status != DeadlineStatus::Running);
    deadlines
}

impl CaseView {
    /// The view of `case` for someone who may take `allowed_actions`, on `today`.
    pub fn new(
        reference: String,
        case: &Case,
        organisations: (OrganisationRef, OrganisationRef),
        allowed_actions: Vec<ActionKind>,
        today: NaiveDate,
    ) -> CaseView {
        let english = disputes_i18n::Locale::built_in(disputes_i18n::Lang::En);
        let deadlines: Vec<DeadlineView> = deadlines_in_order(case)
            .into_iter()
            .map(|d| DeadlineView {
                kind: d.kind,
                due_on: d.due_on,
                status: d.status,
                overdue: case.is_overdue(d, today),
                clock_stopped: case.stopped_clock(d),
                owed_by: d.owed_by,
                description: d.kind.describe().to_owned(),
                explanation: crate::deadline_words::explanation(&english, d),
            })
            .collect();
        let panel = |p: &disputes_workflow::panel::Panel| PanelView {
            members: p
                .members
                .iter()
                .map(|m| PanelMemberView {
                    person_id: m.person_id.0,
                    organisation_id: m.organisation_id.0,
                    sector: m.sector,
                })
                .collect(),
            chair_id: p.chair_id.0,
            convened_on: p.convened_on,
        };
        CaseView {
            reference,
            title: case.title.to_string(),
            summary: case.summary.to_string(),
            desired_outcome: case.desired_outcome.to_string(),
            stage: case.stage(),
            state: case.state.kind(),
            paused_from: case
                .state
                .is_paused()
                .then(|| case.state.underlying())
                .flatten(),
            outcome: case.state.outcome(),
            raising_organisation: organisations.0,
            respondent_organisation: organisations.1,
            principles: case.principles.clone(),
            priority: case.priority,
            notice: case.notice.map(NoticeView::from),
            notice_assessment: case.notice_assessment.clone(),
            consultation: case.consultation.clone(),
            consultation_assessment: case.consultation_assessment.clone(),
            deadlines,
            proposal: case
                .proposal
                .as_ref()
                .filter(|_| case.state.kind() == StateKind::Open(OpenState::ResolutionProposed))
                .map(|p| ProposalView {
                    by: p.by,
                    terms: p.terms.to_string(),
                    on: p.on,
                }),
            panel: case.panel.as_ref().map(panel),
            appeal_panel: case.appeal_panel.as_ref().map(panel),
            decision: case.decision.as_ref().map(|d| DecisionView {
                outcome: d.outcome,
                findings: d.findings.to_string(),
                recommendations: d
                    .recommendations
                    .iter()
                    .map(|r| RecommendationView {
                        id: None,
                        reference: None,
                        text: r.text.to_string(),
                        owner_organisation_id: r.owner_organisation_id.0,
                        due_on: r.due_on,
                        status: r.status,
                        marked_on: r.marked_on,
                    })
                    .collect(),
                decided_on: d.decided_on,
                decided_by: d.decided_by.0,
                accepted_by: d.accepted_by.clone(),
            }),
            appeal_decision: case.appeal_decision.as_ref().map(|d| AppealDecisionView {
                result: d.result,
                outcome: d.outcome,
                reasons: d.reasons.to_string(),
                decided_on: d.decided_on,
            }),
            conflicts: case
                .conflicts
                .iter()
                .map(|c| ConflictView {
                    person_id: c.person_id.0,
                    organisation_id: c.organisation_id.0,
                    action: c.action,
                    on: c.on,
                })
                .collect(),
            allowed_actions,
            version: case.version,
            opened_at: case.opened_at,
            closed_at: case.closed_at,
            links: Vec::new(),
        }
    }
}

/// A case in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummaryView {
    /// The reference.
    pub reference: String,
    /// The title.
    pub title: String,
    /// The stage.
    pub stage: Stage,
    /// The state.
    pub state: StateKind,
    /// How it ended.
    pub outcome: Option<Outcome>,
    /// Normal or urgent.
    pub priority: Priority,
    /// The raising organisation.
    pub raising_organisation: OrganisationRef,
    /// The respondent organisation.
    pub respondent_organisation: OrganisationRef,
    /// What is owed next.
    pub next_deadline: Option<NextDeadline>,
    /// The version.
    pub version: u32,
    /// When it was raised.
    pub opened_at: DateTime<Utc>,
}

/// The earliest running deadline of a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct NextDeadline {
    /// What is due.
    pub kind: DeadlineKind,
    /// By when.
    pub due_on: NaiveDate,
    /// Whether it has passed.
    pub overdue: bool,
}

impl CaseSummaryView {
    /// The list view of a stored summary, on `today`.
    pub fn new(summary: disputes_store::CaseSummary, today: NaiveDate) -> Self {
        let paused = summary.state == StateKind::Paused;
        CaseSummaryView {
            next_deadline: summary.next_deadline.map(|(kind, due_on)| NextDeadline {
                kind,
                due_on,
                overdue: is_overdue(due_on, today, paused),
            }),
            reference: summary.reference,
            title: summary.title,
            stage: summary.stage,
            state: summary.state,
            outcome: summary.outcome,
            priority: summary.priority,
            raising_organisation: OrganisationRef {
                id: summary.raising_organisation.0.0,
                name: summary.raising_organisation.1,
            },
            respondent_organisation: OrganisationRef {
                id: summary.respondent_organisation.0.0,
                name: summary.respondent_organisation.1,
            },
            version: summary.version,
            opened_at: summary.opened_at,
        }
    }
}

/// A message on a case.
#[derive(Debug, Serialize, ToSchema)]
pub struct MessageView {
    /// Its id.
    pub id: i64,
    /// Who wrote it.
    pub author_id: i64,
    /// `parties` or `panel`.
    pub visibility: Audience,
    /// Whose panel it is for, when it is for a panel: `formal` or `appeal`.
    pub panel_scope: Option<PanelScope>,
    /// What it says.
    pub body: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A visibility as the API gives it: who it is for, and for a panel, which one.
fn spelled(visibility: Visibility) -> (Audience, Option<PanelScope>) {
    match visibility {
        Visibility::Parties => (Audience::Parties, None),
        Visibility::Panel(scope) => (Audience::Panel, Some(scope)),
    }
}

impl From<Message> for MessageView {
    fn from(m: Message) -> Self {
        let (visibility, panel_scope) = spelled(m.visibility);
        MessageView {
            id: m.id,
            author_id: m.author_id.0,
            visibility,
            panel_scope,
            body: m.body.to_string(),
            created_at: m.created_at,
        }
    }
}

/// An attachment's description.
#[derive(Debug, Serialize, ToSchema)]
pub struct AttachmentView {
    /// Its id.
    pub id: i64,
    /// Who attached it.
    pub uploaded_by: i64,
    /// Its file name.
    pub file_name: String,
    /// Its media type.
    pub content_type: String,
    /// Its size in bytes.
    pub size_bytes: u64,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// `parties` or `panel`.
    pub visibility: Audience,
    /// Whose panel it is for, when it is for a panel: `formal` or `appeal`.
    pub panel_scope: Option<PanelScope>,
}

impl From<Attachment> for AttachmentView {
    fn from(a: Attachment) -> Self {
        let (visibility, panel_scope) = spelled(a.visibility);
        AttachmentView {
            id: a.id,
            uploaded_by: a.uploaded_by.0,
            // Names stored before names were cleaned are shown clean too.
            file_name: super::files::clean_name(&a.file_name),
            content_type: a.content_type,
            size_bytes: a.size_bytes,
            sha256: a.sha256,
            created_at: a.created_at,
            visibility,
            panel_scope,
        }
    }
}

/// A notified change as a case shows it: one flat object. (The workflow's own type keeps
/// its dates in a part of their own, which OpenAPI can only describe as two schemas that
/// each forbid the other's fields.)
#[derive(Debug, Serialize, ToSchema)]
pub struct NoticeView {
    /// What kind of change.
    pub change_kind: ChangeKind,
    /// What it was to.
    pub instrument: Instrument,
    /// The date the organisation received written notice.
    pub notified_on: NaiveDate,
    /// The date the change takes (or took) effect.
    pub effective_on: NaiveDate,
    /// An end date agreed before notice was given, if the agreement had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defined_end_on: Option<NaiveDate>,
}

impl From<NoticeFacts> for NoticeView {
    fn from(facts: NoticeFacts) -> Self {
        NoticeView {
            change_kind: facts.change_kind,
            instrument: facts.instrument,
            notified_on: facts.dates.notified_on,
            effective_on: facts.dates.effective_on,
            defined_end_on: facts.dates.defined_end_on,
        }
    }
}

#[cfg(test)]
mod download_tests {
    use super::*;

    /// A list of `length` numbers, served a page at a time, by number or, when `cursors`,
    /// by the cursor each page gives (the last number on it).
    async fn list_of(length: u64, cursors: bool, at: PageAt, per_page: u64) -> PageView<u64> {
        let (number, first) = match at {
            PageAt::Number(n) => (n, (n - 1) * per_page),
            PageAt::Cursor(c) => (0, c.parse::<u64>().unwrap() + 1),
        };
        let items: Vec<u64> = (first..length.min(first + per_page)).collect();
        let more = items.last().is_some_and(|last| last + 1 < length);
        PageView {
            next_cursor: items.last().filter(|_| cursors && more).map(u64::to_string),
            items,
            page: number,
            per_page,
            total: length,
            total_capped: false,
        }
    }

    #[tokio::test]
    async fn a_download_reads_every_page_and_stops_at_its_cap() {
        for cursors in [false, true] {
            for length in [0, 1, 100, 250] {
                let all =
                    every_item(
                        |at, per| async move { Ok(list_of(length, cursors, at, per).await) },
                    )
                    .await
                    .unwrap();
                assert_eq!(all, (0..length).collect::<Vec<_>>(), "{length}");
            }
            let capped =
                every_item(|at, per| async move { Ok(list_of(u64::MAX, cursors, at, per).await) })
                    .await
                    .unwrap();
            assert_eq!(capped, (0..MOST_DOWNLOADED).collect::<Vec<_>>());
        }
    }

    #[tokio::test]
    async fn a_list_with_a_cursor_is_downloaded_by_it() {
        let asked = std::sync::Mutex::new(Vec::new());
        let all = every_item(|at, per| {
            asked.lock().unwrap().push(at.clone());
            async move { Ok(list_of(250, true, at, per).await) }
        })
        .await
        .unwrap();
        assert_eq!(all.len(), 250);
        assert_eq!(
            *asked.lock().unwrap(),
            [
                PageAt::Number(1),
                PageAt::Cursor("99".into()),
                PageAt::Cursor("199".into())
            ]
        );
    }
}
