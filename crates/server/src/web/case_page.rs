//! A case: what it is about, where it stands on the stage bar, its deadlines, timeline,
//! messages and files, and a page for each action the person may take now.

use std::collections::HashMap;

use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use disputes_store::{Shared, Visibility};
use disputes_workflow::action::{PANEL_CHAIR, PANEL_MEMBERS};
use disputes_workflow::visibility::{PanelScope, can_write_panel_notes, panel_scopes};
use disputes_workflow::{
    ActionField, ActionKind, Actor, AppealResult, Command, DeadlineStatus, ExternalBody,
    FieldError, FieldErrorCode, FormalOutcome, Input, LinkKind, PersonId, Role, Stage,
};
use minijinja::Value;
use serde::{Deserialize, Serialize};

use super::cases::Choice;
use super::chrome::Page;
use super::confirm::{self, Confirmation, confirm_first};
use super::form::{DATE_PARTS, Fields, Form, FormView, Named};
use crate::authz::CaseAccess;
use crate::extract::{ApiPath, ApiQuery};
use crate::labels::{self, ActionWords, Words, lower_first, upper_first};
use crate::problem::{ApiError, says};
use crate::state::AppState;
use crate::use_cases::actions::{ActionRequest, RecommendationInput, build};
use crate::use_cases::cases::{Taken, apply, case_view, command_of, may_act};
use crate::use_cases::correspondence::{
    Audience, MessageRequest, post_message, receive_file, share,
};
use crate::use_cases::letters;
use crate::use_cases::links::{LinkRequest, convene_on_linked, link};
use crate::use_cases::timeline::{Names, timeline};
use crate::use_cases::views::{AttachmentView, CaseView};
use disputes_i18n::{Arg, Locale};
use disputes_workflow::rules::notice::NoticeDates;

/// A step of the stage bar.
#[derive(Debug, Serialize)]
struct StageStep {
    name: String,
    status: &'static str,
    note: String,
}

/// Informal, Formal, Appeal, Closed: which are done, which is current, which were never
/// reached.
fn stage_bar(locale: &Locale, view: &CaseView, furthest: Stage) -> Vec<StageStep> {
    let order = [Stage::Informal, Stage::Formal, Stage::Appeal, Stage::Closed];
    let position = |s: Stage| order.iter().position(|o| *o == s).unwrap_or(0);
    let current = position(view.stage);
    let reached = position(furthest);
    order
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let (status, note) = if i == current {
                let note = if view.stage == Stage::Closed {
                    view.outcome.map(|o| o.words(locale)).unwrap_or_default()
                } else {
                    labels::state(locale, view.state)
                };
                ("current", note)
            } else if i < current && (i <= reached || view.stage != Stage::Closed) {
                ("done", locale.t("case-stage-done"))
            } else if i < current {
                ("skipped", locale.t("case-stage-not-reached"))
            } else {
                ("upcoming", String::new())
            };
            StageStep {
                name: stage.words(locale),
                status,
                note,
            }
        })
        .collect()
}

/// A message, with its author's name.
#[derive(Debug, Serialize)]
struct MessageEntry {
    id: i64,
    /// Whether it came as a reply by email (its quoted history and signature cut off).
    by_email: bool,
    author: String,
    /// Whether the reader wrote it for the panel only, and so may share it.
    shareable: bool,
    body: String,
    /// Which panel it is for, in words, when it is for a panel only.
    panel_only: Option<String>,
    at: DateTime<Utc>,
}

/// The choice of who can read a message or file, for those who may write for the panel;
/// `panel` names the panel of the case's stage.
fn visibility_choices(locale: &Locale, view: &CaseView) -> Vec<Value> {
    // The panel that panel-only notes written now are for.
    let appeal = view.appeal_panel.is_some() || matches!(view.stage, Stage::Appeal);
    let panel = if appeal {
        "case-readers-appeal-panel"
    } else {
        "case-readers-formal-panel"
    };
    vec![
        page_context! { value => labels::spelled(&Audience::Parties), label => locale.t("case-readers-everyone") },
        page_context! { value => labels::spelled(&Audience::Panel), label => locale.t(panel) },
    ]
}

/// Which panel a panel-only message or file is for, in words.
fn panel_words(locale: &Locale, visibility: Visibility) -> Option<String> {
    match visibility {
        Visibility::Parties => None,
        Visibility::Panel(PanelScope::Formal) => Some(locale.t("case-formal-panel-only")),
        Visibility::Panel(PanelScope::Appeal) => Some(locale.t("case-appeal-panel-only")),
    }
}

/// What an email in a case's log was about: the action, the news or an answer to a reply.
fn email_about(locale: &Locale, kind: &str) -> String {
    match kind.parse::<ActionKind>() {
        Ok(action) => locale.t(&format!("short-{}", action.as_str())),
        Err(_) if kind == "raised" => locale.t("short-raised"),
        Err(_) => kind.replace('_', " "),
    }
}

/// A panel seat, with names.
#[derive(Debug, Serialize)]
struct Seat {
    name: String,
    organisation: String,
    sector: String,
    chair: bool,
}

/// What the case page shows after something was done.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Done {
    raised: Option<String>,
    done: Option<String>,
    /// After a panel was convened on linked cases: on how many.
    convened: Option<usize>,
}

impl Done {
    fn banner(&self, locale: &Locale, reference: &str) -> Option<String> {
        if self.raised.is_some() {
            return Some(locale.text("case-raised", &[("reference", reference.into())]));
        }
        let done = self.done.as_deref()?;
        let said = match done {
            "message" | "attachment" | "shared" | "resent" | "linked" => {
                locale.t(&format!("case-done-{done}"))
            }
            "linked_panel" => locale.text(
                "case-done-linked_panel",
                &[("count", self.convened.unwrap_or_default().into())],
            ),
            action => {
                let kind: ActionKind = action.parse().ok()?;
                locale.t(&format!("you-did-{}", kind.as_str()))
            }
        };
        Some(said)
    }
}

/// `GET /cases/{reference}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    page: Page,
    access: CaseAccess,
    Query(done): Query<Done>,
) -> Result<Response, ApiError> {
    let banner = done.banner(&page.locale, &access.case.reference);
    show_case(
        &state,
        &page,
        access,
        StatusCode::OK,
        FormView::default(),
        banner,
    )
    .await
}

async fn show_case(
    state: &AppState,
    page: &Page,
    CaseAccess { viewer, case }: CaseAccess,
    status: StatusCode,
    form: FormView,
    banner: Option<String>,
) -> Result<Response, ApiError> {
    let reference = case.reference.clone();
    let furthest = case.case.furthest_stage();
    let panel_writer = can_write_panel_notes(&case.case, viewer.person());
    let scopes = panel_scopes(&case.case, viewer.person());
    let events = state.store.events(&reference).await?;
    let messages = state.store.messages(&reference, &scopes).await?;
    let ids: Vec<i64> = messages.iter().map(|m| m.id).collect();
    let emailed = state.store.emailed(&ids).await?;
    let attachments = state.store.attachments(&reference, &scopes).await?;
    let actor = Actor::Person(viewer.person().clone());
    let markable: Vec<bool> = case
        .case
        .decision
        .iter()
        .flat_map(|d| d.recommendations.iter().enumerate())
        .map(|(position, _)| case.case.may_mark(&actor, position))
        .collect();
    let panels: Vec<i64> = [&case.case.panel, &case.case.appeal_panel]
        .into_iter()
        .flatten()
        .flat_map(|p| p.members.iter().map(|m| m.person_id.0))
        .collect();
    let mut people: Vec<i64> = panels;
    for event in &events {
        people.extend(event.event.actor.person().map(|p| p.id.0));
    }
    for message in &messages {
        people.push(message.author_id.0);
    }
    for attachment in &attachments {
        people.push(attachment.uploaded_by.0);
    }
    people.extend(case.case.conflicts.iter().map(|c| c.person_id.0));
    let names = Names::of(state, people).await?;
    let events: Vec<_> = events.into_iter().map(|e| e.event).collect();
    let decided = letters::available(&case.case);
    let bundled = crate::use_cases::bundle::may_have(&case.case, viewer.person());
    // How each deadline was counted, in the reader's language.
    let counted: Vec<String> = crate::use_cases::views::deadlines_in_order(&case.case)
        .into_iter()
        .map(|d| crate::deadline_words::explanation(&page.locale, d))
        .collect();
    let mut view = case_view(state, &viewer, case).await?;
    // The checkers' findings in the page's language, from the dates they were made from.
    if let (Some(notice), Some(assessment)) = (&view.notice, view.notice_assessment.as_mut()) {
        let dates = NoticeDates {
            notified_on: notice.notified_on,
            effective_on: notice.effective_on,
            defined_end_on: notice.defined_end_on,
        };
        assessment.explanation = super::check::notice_words(&page.locale, &dates, assessment);
    }
    if let (Some(facts), Some(assessment)) =
        (&view.consultation, view.consultation_assessment.as_mut())
    {
        assessment.explanation = super::check::consultation_words(&page.locale, facts, assessment);
    }
    for (shown, explanation) in view.deadlines.iter_mut().zip(counted) {
        shown.explanation = explanation;
    }
    let letters: Vec<Value> = decided
        .into_iter()
        .map(|kind| {
            let href = format!("/cases/{}/letters/{}", view.reference, kind.as_str());
            page_context! {
                heading => kind.heading(&page.locale),
                links => vec![
                    page_context! {
                        href => format!("{href}?to=raiser"),
                        to => view.raising_organisation.name.clone(),
                    },
                    page_context! {
                        href => format!("{href}?to=respondent"),
                        to => view.respondent_organisation.name.clone(),
                    },
                ],
            }
        })
        .collect();
    let seats = |panel: &Option<crate::use_cases::views::PanelView>| -> Vec<Seat> {
        panel
            .iter()
            .flat_map(|p| {
                p.members.iter().map(|m| Seat {
                    name: names.person(m.person_id),
                    organisation: names.organisation(m.organisation_id),
                    sector: m.sector.words(&page.locale),
                    chair: m.person_id == p.chair_id,
                })
            })
            .collect()
    };
    let actions: Vec<ActionWords> = view
        .allowed_actions
        .iter()
        .filter(|k| **k != ActionKind::MarkRecommendation)
        .map(|k| labels::action(&page.locale, *k))
        .collect();
    let may_mark = view
        .allowed_actions
        .contains(&ActionKind::MarkRecommendation);
    let markable: Vec<bool> = markable.into_iter().map(|m| m && may_mark).collect();
    let conflicts: Vec<String> = view
        .conflicts
        .iter()
        .map(|c| {
            page.locale.text(
                "case-conflict",
                &[
                    ("person", names.person(c.person_id).into()),
                    ("organisation", names.organisation(c.organisation_id).into()),
                    (
                        "action",
                        lower_first(&page.locale.t(&format!("action-{}", c.action.as_str())))
                            .into(),
                    ),
                    ("date", page.locale.long_date(c.on).into()),
                ],
            )
        })
        .collect();
    let recommendation_owners: Vec<String> = view
        .decision
        .iter()
        .flat_map(|d| d.recommendations.iter())
        .map(|r| names.organisation(r.owner_organisation_id))
        .collect();
    let messages: Vec<MessageEntry> = messages
        .into_iter()
        .map(|m| MessageEntry {
            id: m.id,
            by_email: emailed.contains(&m.id),
            shareable: m.author_id == viewer.person().id && m.visibility != Visibility::Parties,
            author: names.person(m.author_id.0),
            body: m.body.to_string(),
            panel_only: panel_words(&page.locale, m.visibility),
            at: m.created_at,
        })
        .collect();
    let attachments_with_names: Vec<Value> = attachments
        .into_iter()
        .map(|a| {
            let panel_only = panel_words(&page.locale, a.visibility);
            let shareable =
                a.uploaded_by == viewer.person().id && a.visibility != Visibility::Parties;
            let file = AttachmentView::from(a);
            page_context! {
                shareable,
                by => names.person(file.uploaded_by),
                kilobytes => file.size_bytes.div_ceil(1024),
                file,
                panel_only,
            }
        })
        .collect();
    let principles: Vec<String> = view
        .principles
        .iter()
        .map(|p| labels::principle(&page.locale, p))
        .collect();
    // The facilitator sees who was emailed about the case, and what could not be sent.
    let emails: Vec<Value> = if viewer.has_any(&[Role::Facilitator]) {
        state
            .store
            .notifications(&reference)
            .await?
            .into_iter()
            .rev()
            .map(|n| {
                page_context! {
                    id => n.id,
                    to => n.recipient_email,
                    about => email_about(&page.locale, &n.kind),
                    status => n.status,
                    attempts => n.attempts,
                    error => n.last_error,
                    queued => n.created_at,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let panel = seats(&view.panel);
    let appeal_panel = seats(&view.appeal_panel);
    // Once the Compact's process has decided the case, where to go next outside it.
    let next_steps = (view.stage == Stage::Closed && view.outcome.is_some_and(|o| o.is_decision()))
        .then(|| state.settings.service.next_steps.clone());
    page.render(
        status,
        "case.html",
        page_context! {
            title => format!("{} {}", view.reference, view.title),
            section => "cases",
            stages => stage_bar(&page.locale, &view, furthest),
            timeline => timeline(&page.locale, &events, &names, viewer.record.person.has(Role::Facilitator)),
            letters,
            bundled,
            principles,
            panel,
            appeal_panel,
            actions,
            markable,
            conflicts,
            recommendation_owners,
            messages,
            attachments => attachments_with_names,
            emails,
            panel_writer,
            links_form => viewer.has_any(&[Role::Chair, Role::Facilitator]),
            panel_for_links => viewer.person().has(Role::Chair) && view.panel.is_some() && !view.links.is_empty(),
            visibility_choices => visibility_choices(&page.locale, &view),
            accepted_files => page.locale.t("files-accepted"),
            form,
            banner,
            next_steps,
            attachment_limit => crate::use_cases::files::size_words(state.settings.server.attachment_limit_bytes),
            case => view,
        },
    )
}

/// The fields an action's form asks for, beyond the optional note every action takes.
fn fields_of(kind: ActionKind) -> &'static [ActionField] {
    kind.fields()
}

/// How a refusal names each field of `kind`'s form, in `locale`'s words; a choice left out
/// is asked for whole ("Choose the panel's finding").
fn action_named(locale: &Locale, kind: ActionKind) -> impl Fn(&str) -> Named + '_ {
    move |name: &str| {
        let plain = |label: String| Named {
            label,
            required: None,
        };
        let choose = |key: &str, args: &[(&str, Arg)]| Named {
            label: locale.text(key, args),
            required: Some(locale.text(&format!("{key}-choose"), args)),
        };
        if name == "note" {
            return plain(locale.t("action-note-named"));
        }
        if name == PANEL_CHAIR {
            return Named {
                label: locale.t("action-panel-chair"),
                required: Some(locale.t("action-panel-chair-choose")),
            };
        }
        if name == PANEL_MEMBERS {
            return Named {
                label: locale.t("action-panel-members"),
                required: Some(locale.t("action-panel-members-choose")),
            };
        }
        if let Some(rest) = name.strip_prefix("recommendations.")
            && let Some((row, part)) = rest.split_once('.')
        {
            let row = [("row", Arg::from(row))];
            return match part {
                "text" => plain(locale.text("action-recommendation-text-named", &row)),
                "owner" => Named {
                    label: locale.text("action-recommendation-owner-named", &row),
                    required: Some(locale.text("action-recommendation-owner-choose", &row)),
                },
                _ => plain(locale.text("action-recommendation-due-named", &row)),
            };
        }
        if name.starts_with("recommendations") {
            return plain(locale.t("action-recommendation-named"));
        }
        match fields_of(kind).iter().find(|f| f.name == name) {
            Some(f) => {
                let key = labels::field_key(kind, f.name);
                if locale.has(&format!("{key}-choose")) {
                    choose(&key, &[])
                } else {
                    plain(locale.t(&key))
                }
            }
            None => plain(name.replace('_', " ")),
        }
    }
}

/// `errors` in the order their fields come on the action's form, so the summary at the top
/// reads down the page; a problem with no field of its own goes first.
fn in_form_order(kind: ActionKind, mut errors: Vec<FieldError>) -> Vec<FieldError> {
    let specs = fields_of(kind);
    let place = |field: &str| match specs.iter().position(|s| s.is_sent_as(field)) {
        Some(p) => p + 1,
        // The note comes last on every form.
        None if field == "note" => specs.len() + 1,
        None => 0,
    };
    errors.sort_by_key(|e| place(&e.field));
    errors
}

/// The rows of recommendations a decision form offers; a panel with more adds them later
/// through the facilitator.
const RECOMMENDATION_ROWS: usize = 3;

/// `GET /cases/{reference}/actions/{action}`: the form for one action.
pub(crate) async fn action_form(
    State(state): State<AppState>,
    page: Page,
    access: CaseAccess,
    ApiPath((_, name)): ApiPath<(String, String)>,
) -> Result<Response, ApiError> {
    let kind = allowed(&state, &access, &name)?;
    let form = FormView::with_values([("version", access.case.case.version.to_string())]);
    show_action(&state, &page, access, kind, StatusCode::OK, form).await
}

/// The action named `name`, if the person may take it now: 404 for no such action, 409
/// when the case's state or the person does not allow it.
fn allowed(state: &AppState, access: &CaseAccess, name: &str) -> Result<ActionKind, ApiError> {
    let kind: ActionKind = name.parse().map_err(|_| ApiError::not_found())?;
    may_act(state, &access.viewer, &access.case, kind).map_err(|error| {
        if error.status() == StatusCode::CONFLICT {
            ApiError::conflict(says("detail-not-now", Vec::new()))
        } else {
            error
        }
    })?;
    Ok(kind)
}

async fn show_action(
    state: &AppState,
    page: &Page,
    access: CaseAccess,
    kind: ActionKind,
    status: StatusCode,
    form: FormView,
) -> Result<Response, ApiError> {
    let specs = fields_of(kind);
    let needs = |input: fn(&Input) -> bool| specs.iter().any(|f| input(&f.input));
    let subgroup = if needs(|i| matches!(i, Input::Panel)) {
        let organisations: HashMap<i64, disputes_store::Organisation> = state
            .store
            .all_organisations()
            .await?
            .into_iter()
            .map(|o| (o.id.0, o))
            .collect();
        state
            .store
            .people_with_role(Role::Subgroup)
            .await?
            .into_iter()
            .map(|p| {
                let org = organisations.get(&p.person.organisation_id.0);
                Choice {
                    value: p.person.id.0.to_string(),
                    label: p.name,
                    hint: org.map(|o| format!("{}, {}", o.name, o.sector.words(&page.locale))),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let organisations: Vec<Choice> = if needs(|i| matches!(i, Input::Recommendations)) {
        Choice::organisations(state).await?
    } else {
        Vec::new()
    };
    let deadlines: Vec<Choice> = access
        .case
        .case
        .deadlines
        .iter()
        .filter(|d| d.status == DeadlineStatus::Running)
        .map(|d| Choice {
            value: d.kind.as_str().to_owned(),
            label: upper_first(
                &page.locale.text(
                    "action-deadline-choice",
                    &[
                        (
                            "what",
                            page.locale
                                .t(&format!("deadline-{}", d.kind.as_str()))
                                .into(),
                        ),
                        ("date", page.locale.long_date(d.due_on).into()),
                    ],
                ),
            ),
            hint: None,
        })
        .collect();
    let outcomes = Choice::every::<FormalOutcome>(&page.locale);
    let results = Choice::every::<AppealResult>(&page.locale);
    let bodies = Choice::every::<ExternalBody>(&page.locale);
    let words = labels::action(&page.locale, kind);
    let actor = Actor::Person(access.viewer.person().clone());
    let today = access.case.case.terms.today(state.clock.now());
    let conflict = match access.case.case.conflict_of(kind, &actor, today) {
        Some(conflict) => Some(
            state
                .store
                .organisation(conflict.organisation_id)
                .await?
                .name,
        ),
        None => None,
    };
    let view = case_view(state, &access.viewer, access.case).await?;
    page.render(
        status,
        "action.html",
        page_context! {
            title => format!("{}: {}", words.title, view.reference),
            section => "cases",
            action => words,
            fields => labels::action_fields(&page.locale, kind),
            subgroup,
            organisations,
            deadlines,
            outcomes,
            results,
            bodies,
            rows => (1..=RECOMMENDATION_ROWS).collect::<Vec<_>>(),
            conflict,
            form,
            case => view,
        },
    )
}

/// Reads an action's fields from its form into the API's request, so the API's checks
/// decide what is missing or wrong. Also returns the rows of the recommendations table that
/// were sent whole, in the order the request lists them.
fn request_of(
    kind: ActionKind,
    form: &Form,
    fields: &mut Fields<'_>,
) -> (ActionRequest, Vec<usize>) {
    let mut sent_rows = Vec::new();
    let mut request = ActionRequest::default();
    let mut set = |name: &str, value: Option<serde_json::Value>| {
        if let Some(value) = value {
            request.set(name, value);
        }
    };
    set("note", fields.text("note", false).map(Into::into));
    for spec in fields_of(kind) {
        let name = spec.name;
        let json = |value: Option<String>| value.map(serde_json::Value::from);
        match spec.input {
            // The API reads each choice; the page passes on what was chosen.
            Input::Text
            | Input::Outcome
            | Input::AppealResult
            | Input::Deadline
            | Input::External
            | Input::RecommendationStatus => set(name, json(fields.text(name, false))),
            Input::Days | Input::Index => {
                set(name, fields.number::<u64>(name, false).map(Into::into));
            }
            Input::Panel => {
                set(PANEL_MEMBERS, Some(fields.ids(PANEL_MEMBERS).into()));
                set(
                    PANEL_CHAIR,
                    fields.number::<i64>(PANEL_CHAIR, false).map(Into::into),
                );
            }
            Input::Recommendations => {
                let mut rows = Vec::new();
                for row in 1..=RECOMMENDATION_ROWS {
                    let name = |part: &str| format!("recommendations.{row}.{part}");
                    let used = ["text", "owner", "due_on"]
                        .into_iter()
                        .map(str::to_owned)
                        .chain(DATE_PARTS.map(|part| format!("due_on.{part}")))
                        .any(|part| form.get(&name(&part)).is_some());
                    if !used {
                        continue;
                    }
                    let text = fields.text(&name("text"), true);
                    let owner = fields.number(&name("owner"), true);
                    let due_on = fields.date(&name("due_on"), true);
                    if let (Some(text), Some(owner_organisation_id), Some(due_on)) =
                        (text, owner, due_on)
                    {
                        rows.push(RecommendationInput {
                            text,
                            owner_organisation_id,
                            due_on,
                        });
                        sent_rows.push(row);
                    }
                }
                set(name, serde_json::to_value(rows).ok());
            }
        }
    }
    (request, sent_rows)
}

/// The API's errors named by the page's fields: `recommendations[0].due_on` is the date of
/// the first row sent whole, which may be the form's second row.
fn on_the_page(errors: &[FieldError], rows: &[usize]) -> Vec<FieldError> {
    errors
        .iter()
        .map(|error| {
            let row_field = error
                .field
                .strip_prefix("recommendations[")
                .and_then(|rest| rest.split_once("]."))
                .and_then(|(index, part)| {
                    let row = rows.get(index.parse::<usize>().ok()?)?;
                    let part = if part == "owner_organisation_id" {
                        "owner"
                    } else {
                        part
                    };
                    Some(format!("recommendations.{row}.{part}"))
                });
            match row_field {
                Some(field) => FieldError {
                    field,
                    ..error.clone()
                },
                None => error.clone(),
            }
        })
        .collect()
}

/// `POST /cases/{reference}/actions/{action}`.
pub(crate) async fn act(
    State(state): State<AppState>,
    page: Page,
    access: CaseAccess,
    ApiPath((_, name)): ApiPath<(String, String)>,
    form: Form,
) -> Result<Response, ApiError> {
    let kind: ActionKind = name.parse().map_err(|_| ApiError::not_found())?;
    may_act(&state, &access.viewer, &access.case, kind)?;
    if form.has("change") {
        // Back from checking the answers, to change them.
        let view = FormView {
            values: form.values(),
            ..FormView::default()
        };
        return show_action(&state, &page, access, kind, StatusCode::OK, view).await;
    }
    let named = action_named(&page.locale, kind);
    let mut fields = Fields::new(&form);
    let expected = fields.number::<u32>("version", false);
    let (request, rows) = request_of(kind, &form, &mut fields);
    // The API's checks run even when the form has its own complaints, so every problem is
    // listed at once.
    let checked = build(&state, kind, request).await;
    let built = if fields.errors.is_empty() {
        checked
    } else {
        let mut errors = std::mem::take(&mut fields.errors);
        match &checked {
            Err(error) => errors.extend(error.field_errors().iter().cloned()),
            // What the form did say is whole: the rules' say on it too (a date in the
            // past, say).
            Ok((action, note)) => {
                let command = command_of(&state, &access.viewer, action.clone(), note.clone());
                if let Err(refusal) = access.case.case.decide(&command) {
                    errors.extend(ApiError::from(refusal).field_errors().iter().cloned());
                }
            }
        }
        Err(ApiError::invalid(errors))
    };
    let reference = access.case.reference.clone();
    let result = match built {
        Ok((action, note)) if confirm_first(kind) && !form.has("confirm") => {
            let command = command_of(&state, &access.viewer, action, note);
            match access.case.case.decide(&command) {
                Ok(decided) => {
                    return check_answers(&state, &page, &access, &form, &command, &decided).await;
                }
                Err(refusal) => Err(ApiError::from(refusal)),
            }
        }
        Ok((action, note)) => {
            let taken = Taken {
                action,
                note,
                expected,
            };
            apply(&state, &access.viewer, &access.case, taken, None)
                .await
                .map(|_| ())
        }
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => {
            Ok(Redirect::to(&format!("/cases/{reference}?done={}", kind.as_str())).into_response())
        }
        Err(error) if error.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let errors = in_form_order(kind, on_the_page(error.field_errors(), &rows));
            let mut view = FormView::refused_named(&page.locale, &form, &errors, &named);
            if !error.breaches().is_empty() {
                view = panel_refused(&state, &page.locale, &form, error.breaches()).await?;
            }
            show_action(
                &state,
                &page,
                access,
                kind,
                StatusCode::UNPROCESSABLE_ENTITY,
                view,
            )
            .await
        }
        Err(error)
            if error.status() == StatusCode::CONFLICT
                && allowed(&state, &access, &name).is_ok() =>
        {
            // Someone acted on the case since this page was opened: show the form again at
            // the case's version now, saying so.
            let mut view = FormView::again(&form);
            view.values.insert(
                "version".to_owned(),
                super::form::FieldValue::One(access.case.case.version.to_string()),
            );
            view.problem("main", page.locale.t("action-stale"));
            show_action(&state, &page, access, kind, StatusCode::CONFLICT, view).await
        }
        Err(error) => Err(error),
    }
}

/// The check-your-answers page for a step that cannot be undone: `command` decided as
/// `decided`, not yet kept.
async fn check_answers(
    state: &AppState,
    page: &Page,
    access: &CaseAccess,
    form: &Form,
    command: &Command,
    decided: &disputes_workflow::Decided,
) -> Result<Response, ApiError> {
    let kind = command.action.kind();
    let words = labels::action(&page.locale, kind);
    let note = command.note.as_ref().map(|n| n.as_str());
    let case = &access.case;
    Confirmation {
        title: page.locale.text(
            "answers-title-action",
            &[("action", lower_first(&words.title).into())],
        ),
        case: Some((case.reference.clone(), case.case.title.to_string())),
        action: format!("/cases/{}/actions/{}", case.reference, kind.as_str()),
        answers: confirm::answers_of(state, &page.locale, &command.action, note).await?,
        consequences: confirm::consequences(state, &page.locale, decided).await?,
        confirm: words.title.clone(),
        warning: matches!(
            kind,
            ActionKind::Withdraw | ActionKind::DeclineFormal | ActionKind::DismissAppeal
        ),
        form,
    }
    .show(page)
}

/// A refused panel, explained rule by rule with the members named.
async fn panel_refused(
    state: &AppState,
    locale: &Locale,
    form: &Form,
    breaches: &[disputes_workflow::panel::PanelBreach],
) -> Result<FormView, ApiError> {
    let mut view = FormView {
        values: form.values(),
        ..FormView::default()
    };
    // The rules name people by id; the page names them.
    let mut mentioned: Vec<i64> = Fields::new(form).ids("member_ids");
    mentioned.extend(Fields::new(form).number::<i64>("chair_id", false));
    let mut names = Vec::new();
    for id in mentioned {
        if let Ok(person) = state.store.person(PersonId(id)).await {
            names.push((id, person.name));
        }
    }
    for breach in breaches {
        let named = breach
            .person_id
            .and_then(|id| names.iter().find(|(known, _)| *known == id.0));
        // In the catalogue's words, naming the member (by id when they are no one known).
        let name = match (named, breach.person_id) {
            (Some((_, name)), _) => name.clone(),
            (None, Some(id)) => id.0.to_string(),
            (None, None) => String::new(),
        };
        let mut said = breach.said.clone();
        said.args.push(("name", name.into()));
        let explanation = crate::problem::worded(locale, &said);
        let field = if breach.rule == disputes_workflow::panel::PanelRule::ChairNotAMember {
            "chair_id"
        } else {
            "member_ids"
        };
        view.errors
            .entry(field.to_owned())
            .or_insert_with(|| explanation.clone());
        view.problem(&super::render::field_id(field), explanation);
    }
    Ok(view)
}

/// A refusal of the message or file form, worded for the page in `locale`: a missing choice
/// of who may read it is simply "choose who can read it"; any other field is the form's
/// `what` (`case-field-message`, `case-field-file`).
fn correspondence_refused(
    locale: &Locale,
    form: &Form,
    error: &ApiError,
    what: &'static str,
    visibility_field: &'static str,
) -> FormView {
    let errors: Vec<FieldError> = error
        .field_errors()
        .iter()
        .map(|e| match e.field.as_str() {
            "visibility" if e.code == FieldErrorCode::Required => {
                FieldError::required(visibility_field)
            }
            _ => e.clone(),
        })
        .collect();
    FormView::refused_named(locale, form, &errors, |field| match field {
        "visibility" | "file_visibility" => Named {
            label: locale.t("case-who-reads"),
            required: Some(locale.t("case-field-visibility-required")),
        },
        _ => Named {
            label: locale.t(what),
            required: None,
        },
    })
}

/// `POST /cases/{reference}/messages`.
pub(crate) async fn add_message(
    State(state): State<AppState>,
    page: Page,
    access: CaseAccess,
    form: Form,
) -> Result<Response, ApiError> {
    let mut fields = Fields::new(&form);
    let body = fields.text("body", false).unwrap_or_default();
    let visibility = fields.choice::<Audience>("visibility", false);
    let request = MessageRequest { body, visibility };
    match post_message(&state, &access.viewer, &access.case, request, None).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/cases/{}?done=message#messages",
            access.case.reference
        ))
        .into_response()),
        Err(error) if error.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let view = correspondence_refused(
                &page.locale,
                &form,
                &error,
                "case-field-message",
                "visibility",
            );
            show_case(
                &state,
                &page,
                access,
                StatusCode::UNPROCESSABLE_ENTITY,
                view,
                None,
            )
            .await
        }
        Err(error) => Err(error),
    }
}

/// `POST /cases/{reference}/messages/{id}/share`: the author shares their panel-only
/// message with everyone on the case.
pub(crate) async fn share_message(
    State(state): State<AppState>,
    access: CaseAccess,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    _form: Form,
) -> Result<Response, ApiError> {
    shared(
        &state,
        &access,
        Shared::Message(id),
        &format!("message-{id}"),
    )
    .await
}

/// `POST /cases/{reference}/attachments/{id}/share`: the same for a file.
pub(crate) async fn share_file(
    State(state): State<AppState>,
    access: CaseAccess,
    ApiPath((_, id)): ApiPath<(String, i64)>,
    _form: Form,
) -> Result<Response, ApiError> {
    shared(&state, &access, Shared::File(id), "files").await
}

/// Shares `what` and goes back to it (`anchor`) on the case page.
async fn shared(
    state: &AppState,
    access: &CaseAccess,
    what: Shared,
    anchor: &str,
) -> Result<Response, ApiError> {
    share(state, &access.viewer, &access.case, what).await?;
    let reference = &access.case.reference;
    Ok(Redirect::to(&format!("/cases/{reference}?done=shared#{anchor}")).into_response())
}

/// `POST /cases/{reference}/attachments` (multipart, with the form token first).
pub(crate) async fn add_attachment(
    State(state): State<AppState>,
    page: Page,
    access: CaseAccess,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, ApiError> {
    let multipart = multipart
        .map_err(|_| ApiError::unsupported_media_type(says("detail-file-by-form", Vec::new())))?;
    let token = page.chrome.csrf.clone();
    match receive_file(
        &state,
        &access.viewer,
        &access.case,
        multipart,
        Some(&token),
        None,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/cases/{}?done=attachment#files",
            access.case.reference
        ))
        .into_response()),
        Err(error) if error.status() == StatusCode::UNPROCESSABLE_ENTITY => {
            let view = correspondence_refused(
                &page.locale,
                &Form::default(),
                &error,
                "case-field-file",
                "file_visibility",
            );
            show_case(
                &state,
                &page,
                access,
                StatusCode::UNPROCESSABLE_ENTITY,
                view,
                None,
            )
            .await
        }
        Err(error) => Err(error),
    }
}

/// `POST /cases/{reference}/links`: links the case to another (the chair or the
/// facilitator), and goes back to the case.
pub(crate) async fn link_case(
    State(state): State<AppState>,
    page: Page,
    access: CaseAccess,
    form: Form,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    let mut fields = Fields::new(&form);
    let other = fields.text("reference", true);
    let kind = fields.choice::<LinkKind>("kind", true);
    let (Some(reference), Some(kind)) = (other, kind) else {
        return Err(ApiError::invalid(fields.errors));
    };
    link(
        &state,
        viewer,
        &access.case,
        LinkRequest { reference, kind },
    )
    .await?;
    let back = format!("/cases/{}?done=linked#links", access.case.reference);
    Ok(Redirect::to(&back).into_response())
}

/// `POST /cases/{reference}/links/convene_panel`: convenes the case's panel on the linked
/// cases waiting for one (the subgroup chair), and goes back to the case.
pub(crate) async fn convene_panel_on_linked(
    State(state): State<AppState>,
    page: Page,
    access: CaseAccess,
    _form: Form,
) -> Result<Response, ApiError> {
    let done = convene_on_linked(&state, page.viewer()?, &access.case).await?;
    let back = format!(
        "/cases/{}?done=linked_panel&convened={}#links",
        access.case.reference,
        done.convened.len()
    );
    Ok(Redirect::to(&back).into_response())
}

/// `GET /cases/{reference}/letters/{kind}`: a decision letter, as a download (the API's).
pub(crate) async fn letter(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiPath((_, kind)): ApiPath<(String, String)>,
    ApiQuery(query): ApiQuery<letters::LetterQuery>,
) -> Result<Response, ApiError> {
    letters::download(&state, &viewer, &case, &kind, query).await
}

/// `GET /cases/{reference}/bundle`: the case's bundle, as a download (the API's).
pub(crate) async fn bundle(
    State(state): State<AppState>,
    CaseAccess { viewer, case }: CaseAccess,
    ApiQuery(query): ApiQuery<crate::use_cases::bundle::BundleQuery>,
) -> Result<Response, ApiError> {
    crate::use_cases::bundle::download(&state, &viewer, &case, query).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_every_action_has_a_form_control() {
        let template = include_str!("../../templates/action.html");
        for kind in ActionKind::ALL {
            for spec in fields_of(*kind) {
                let input = serde_json::to_value(spec.input).unwrap();
                let input = input.as_str().unwrap();
                // The recommendation marks are asked on the case page, not the action's form.
                if !matches!(spec.input, Input::Index | Input::RecommendationStatus) {
                    assert!(
                        template.contains(&format!("f.input == \"{input}\"")),
                        "{} of {} has no control on the action's form",
                        spec.name,
                        kind.as_str()
                    );
                }
            }
        }
    }
}
