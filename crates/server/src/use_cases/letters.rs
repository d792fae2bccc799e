//! Decision letters: for each decision a case has reached (an agreed resolution, the
//! panel's decision, the appeal's), a PDF letter addressed to either party, from the
//! `decision_letter.txt` template (which operators may replace like the email templates).

use disputes_i18n::{Lang, Locale};
use disputes_notify::{LetterContext, LetterKind, LetterRecommendation, NextSteps};
use disputes_store::StoredCase;
use disputes_workflow::{
    AppealResult, Case, DeadlineKind, DeadlineStatus, OrganisationId, Outcome, Party,
    RecommendationStatus,
};

use crate::auth::Viewer;
use crate::labels::{Words, principle};
use crate::problem::{ApiError, says};
use crate::state::AppState;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

/// The decisions `case` has letters for, in the order it reached them.
pub fn available(case: &Case) -> Vec<LetterKind> {
    let agreed =
        case.state.outcome() == Some(Outcome::ResolvedInformally) && case.proposal.is_some();
    LetterKind::ALL
        .into_iter()
        .filter(|kind| match kind {
            LetterKind::Informal => agreed,
            LetterKind::Formal => case.decision.is_some(),
            LetterKind::Appeal => case.appeal_decision.is_some(),
        })
        .collect()
}

/// The party a letter is addressed to when none is asked for: the viewer's own
/// organisation's, or the raising organisation's for those outside both.
pub fn default_party(case: &Case, viewer: &Viewer) -> Party {
    if viewer.person().organisation_id == case.respondent_organisation_id {
        Party::Respondent
    } else {
        Party::Raiser
    }
}

/// A letter: its file name and its bytes.
pub struct Letter {
    /// A name to save it under: `LEIC-2026-0001-formal-decision-respondent.pdf`.
    pub file_name: String,
    /// The PDF.
    pub pdf: Vec<u8>,
}

/// The letter of `kind` on `stored` (which the caller may see), addressed to `to`, in
/// `lang`.
pub async fn letter(
    state: &AppState,
    stored: &StoredCase,
    kind: LetterKind,
    to: Party,
    lang: Lang,
) -> Result<Letter, ApiError> {
    let case = &stored.case;
    if !available(case).contains(&kind) {
        return Err(ApiError::not_found().with_detail(says(
            "detail-no-letter",
            vec![
                ("reference", stored.reference.as_str().into()),
                ("kind", kind.as_str().into()),
            ],
        )));
    }
    let mut ids = vec![
        case.raising_organisation_id,
        case.respondent_organisation_id,
    ];
    ids.extend(
        case.decision
            .iter()
            .flat_map(|d| d.recommendations.iter().map(|r| r.owner_organisation_id)),
    );
    let names = state.store.organisation_names(&ids).await?;
    let name = |id: OrganisationId| names.get(&id).cloned().unwrap_or_default();
    let context = context(state, &state.locale(lang), stored, kind, to, &name);
    let markup = state
        .renderer()?
        .letter(&context, lang)
        .map_err(ApiError::internal_because)?;
    let pdf = disputes_documents::render(&disputes_documents::Document {
        title: format!("{}: {}", context.heading, stored.reference),
        language: lang.document_tag().to_owned(),
        footer: format!("{} · {}", stored.reference, context.to),
        markup,
    })
    .map_err(ApiError::internal_because)?;
    let party = match to {
        Party::Raiser => "raising-organisation",
        Party::Respondent => "respondent",
    };
    Ok(Letter {
        file_name: format!(
            "{}-{}-decision-{party}.pdf",
            stored.reference,
            kind.as_str()
        ),
        pdf,
    })
}

/// What the letter says.
fn context(
    state: &AppState,
    locale: &Locale,
    stored: &StoredCase,
    kind: LetterKind,
    to: Party,
    name: &impl Fn(OrganisationId) -> String,
) -> LetterContext {
    let case = &stored.case;
    let settings = &state.settings;
    let due = |kind: DeadlineKind| {
        case.deadlines
            .iter()
            .rev()
            .find(|d| d.kind == kind && d.status == DeadlineStatus::Running)
            .map(|d| locale.long_date(d.due_on))
    };
    let standing = case.decision.iter().flat_map(|d| d.recommendations.iter());
    let recommendations: Vec<LetterRecommendation> = match kind {
        LetterKind::Informal => Vec::new(),
        LetterKind::Formal | LetterKind::Appeal => standing
            .filter(|r| kind == LetterKind::Formal || r.status != RecommendationStatus::Withdrawn)
            .map(|r| LetterRecommendation {
                text: r.text.to_string(),
                owner: name(r.owner_organisation_id),
                due: locale.long_date(r.due_on),
            })
            .collect(),
    };
    let mut next = Vec::new();
    let (date, outcome, reasons) = match kind {
        LetterKind::Informal => {
            let proposal = case.proposal.as_ref();
            next.push(locale.t("letter-next-resolved"));
            (
                proposal.map(|p| locale.long_date(p.on)).unwrap_or_default(),
                None,
                proposal.map(|p| p.terms.to_string()).unwrap_or_default(),
            )
        }
        LetterKind::Formal => {
            let decision = case.decision.as_ref();
            match due(DeadlineKind::AppealWindow) {
                Some(by) => next.push(locale.text("letter-next-appeal-by", &[("date", by.into())])),
                None if case.appeal.is_some() => next.push(locale.t("letter-next-appealed")),
                None => next.push(locale.t("letter-next-stands")),
            }
            (
                decision
                    .map(|d| locale.long_date(d.decided_on))
                    .unwrap_or_default(),
                decision.map(|d| d.outcome.words(locale)),
                decision.map(|d| d.findings.to_string()).unwrap_or_default(),
            )
        }
        LetterKind::Appeal => {
            let decision = case.appeal_decision.as_ref();
            next.push(locale.t("letter-next-final"));
            let outcome = decision.map(|d| {
                let result = d.result.words(locale);
                match d.result {
                    AppealResult::DecisionConfirmed => result,
                    _ => locale.text(
                        "letter-appeal-outcome",
                        &[
                            ("result", result.into()),
                            ("outcome", d.outcome.words(locale).to_lowercase().into()),
                        ],
                    ),
                }
            });
            (
                decision
                    .map(|d| locale.long_date(d.decided_on))
                    .unwrap_or_default(),
                outcome,
                decision.map(|d| d.reasons.to_string()).unwrap_or_default(),
            )
        }
    };
    if !recommendations.is_empty() {
        next.push(locale.t("letter-next-recommendations"));
    }
    let to = match to {
        Party::Raiser => name(case.raising_organisation_id),
        Party::Respondent => name(case.respondent_organisation_id),
    };
    LetterContext {
        compact: locale.t("compact-name"),
        operator: settings.service.operator.clone(),
        kind,
        heading: kind.heading(locale),
        to,
        reference: stored.reference.clone(),
        title: case.title.to_string(),
        date,
        principles: case
            .principles
            .iter()
            .map(|p| principle(locale, p))
            .collect(),
        outcome,
        reasons,
        recommendations,
        next,
        next_steps: Some(
            NextSteps::of(locale).unwrap_or_else(|| settings.service.next_steps.clone()),
        ),
        link: format!(
            "{}/cases/{}",
            settings.server.public_url.trim_end_matches('/'),
            stored.reference
        ),
    }
}

/// To whom a decision letter is addressed.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct LetterQuery {
    /// `raiser` or `respondent`: the organisation the letter is addressed to (by default
    /// the viewer's own, or the raising organisation for those outside both).
    #[param(value_type = Option<String>)]
    pub to: Option<Party>,
    /// `en` or `cy`: the letter's language (by default the viewer's own).
    #[param(value_type = Option<String>)]
    pub lang: Option<Lang>,
}

/// A letter as a download: the API's answer and the page's alike.
pub async fn download(
    state: &AppState,
    viewer: &Viewer,
    case: &StoredCase,
    kind: &str,
    query: LetterQuery,
) -> Result<Response, ApiError> {
    let kind: LetterKind = kind
        .parse()
        .map_err(|()| ApiError::not_found().with_detail(says("detail-letter-kinds", Vec::new())))?;
    let to = query
        .to
        .unwrap_or_else(|| default_party(&case.case, viewer));
    let lang = query.lang.unwrap_or(viewer.record.language);
    let letter = letter(state, case, kind, to, lang).await?;
    let mut response = letter.pdf.into_response();
    super::files::download_headers(&letter.file_name, response.headers_mut());
    Ok(response)
}
