//! The annual review for champions, the chair and the facilitator: cases by principle,
//! stage reached, outcome, sector and grouping; time in each stage; deadlines met;
//! recommendations. Charts and tables, a CSV download, and a page that prints as it is.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use disputes_workflow::Role;
use serde::Serialize;

use super::charts::bar_chart;
use super::chrome::Page;
use super::form::{Fields, Form};
use crate::labels;
use crate::problem::{ApiError, says};
use crate::state::AppState;
use crate::use_cases::reports::{CountView, OutcomeReportView, outcomes_csv, report};

/// One chart and its table.
#[derive(Debug, Serialize)]
struct Section {
    id: &'static str,
    title: String,
    column: String,
    rows: Vec<(String, String)>,
    svg: String,
}

fn section(
    id: &'static str,
    title: String,
    column: String,
    counts: &[CountView],
    label: impl Fn(&str) -> String,
    fewer: &str,
) -> Section {
    let rows: Vec<(String, Option<f64>)> = counts
        .iter()
        .map(|c| (label(&c.key), c.count.map(|n| n as f64)))
        .collect();
    Section {
        id,
        title,
        column,
        svg: bar_chart(&rows, "", fewer),
        rows: counts
            .iter()
            .map(|c| {
                let count = c.count.map_or_else(|| fewer.to_owned(), |n| n.to_string());
                (label(&c.key), count)
            })
            .collect(),
    }
}

/// `GET /outcomes?year=`.
pub(crate) async fn outcomes(
    State(state): State<AppState>,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<Response, ApiError> {
    let viewer = page.viewer()?;
    viewer.require(&[Role::Champion, Role::Chair, Role::Facilitator])?;
    let today = state.settings.compact.today(state.clock.now());
    let form = Form::parse(query.unwrap_or_default().as_bytes());
    let mut fields = Fields::new(&form);
    let year = fields.number::<i32>("year", false).unwrap_or(today.year());
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(ApiError::invalid_field(
            "year",
            says("field-not-a-year", Vec::new()),
        ));
    };
    if !fields.errors.is_empty() || !(2000..=2100).contains(&year) {
        return Err(ApiError::invalid_field(
            "year",
            says("field-a-year", Vec::new()),
        ));
    }
    let view: OutcomeReportView = report(&state, viewer, from, to).await?;
    if form.get("format").as_deref() == Some("csv") {
        let body = outcomes_csv(&view, &page.locale);
        return Ok(crate::csv::download(body, "outcomes.csv"));
    }
    let locale = &page.locale;
    let least = || [("least", view.min_cell.into())];
    let fewer = locale.text("outcomes-fewer", &least());
    // Each section is named by its id: `outcomes-by-{id}` and `outcomes-column-{column}`.
    let section = |id: &'static str,
                   words: &str,
                   column: &str,
                   counts: &[CountView],
                   label: &dyn Fn(&str) -> String| {
        section(
            id,
            locale.t(&format!("outcomes-by-{words}")),
            locale.t(&format!("outcomes-column-{column}")),
            counts,
            label,
            &fewer,
        )
    };
    let grouping = &|key: &str| labels::grouping(&page.locale, key);
    let choice = &|key: &str| labels::choice(&page.locale, key);
    let principle = &|key: &str| labels::principle(&page.locale, key);
    let sections = vec![
        section(
            "principle",
            "principle",
            "principle",
            &view.by_principle,
            principle,
        ),
        section("stage", "stage", "stage", &view.by_stage_reached, choice),
        section("outcome", "outcome", "outcome", &view.by_outcome, choice),
        section(
            "raising-sector",
            "raising-sector",
            "sector",
            &view.by_raising_sector,
            choice,
        ),
        section(
            "raising-grouping",
            "raising-grouping",
            "grouping",
            &view.by_raising_grouping,
            grouping,
        ),
        section(
            "respondent-sector",
            "respondent-sector",
            "sector",
            &view.by_respondent_sector,
            choice,
        ),
        section(
            "respondent-grouping",
            "respondent-grouping",
            "grouping",
            &view.by_respondent_grouping,
            grouping,
        ),
        section("appeal", "appeal", "result", &view.by_appeal_result, choice),
        section("deadlines", "deadline", "ended", &view.deadlines, choice),
        section(
            "recommendations",
            "recommendation",
            "status",
            &view.recommendations,
            choice,
        ),
    ];
    let times: Vec<(String, Option<f64>)> = view
        .stage_times
        .iter()
        .map(|t| {
            (
                labels::choice(&page.locale, &t.stage),
                t.median_working_days,
            )
        })
        .collect();
    let too_few = locale.text("outcomes-fewer-stays", &least());
    let stage_times = Section {
        id: "time",
        title: locale.t("outcomes-stage-times"),
        column: locale.t("outcomes-column-stage"),
        svg: bar_chart(&times, &locale.t("outcomes-days"), &too_few),
        rows: view
            .stage_times
            .iter()
            .map(|t| {
                let figure = match (t.median_working_days, t.spans) {
                    (Some(median), Some(spans)) => locale.text(
                        "outcomes-median",
                        &[
                            ("median", format!("{median:.1}").into()),
                            ("stays", spans.into()),
                        ],
                    ),
                    _ => too_few.clone(),
                };
                (labels::choice(&page.locale, &t.stage), figure)
            })
            .collect(),
    };
    let met = match view.share_of_deadlines_met {
        Some(share) => format!("{:.0}%", share * 100.0),
        None if view.deadlines.is_empty() => locale.t("outcomes-none-ended"),
        None => locale.text("outcomes-too-few-ended", &[("fewer", (&fewer).into())]),
    };
    let years: Vec<i32> = (today.year() - 5..=today.year()).rev().collect();
    // The page serves its own download, so its headers are in the page's language.
    let csv = format!("/outcomes?year={year}&format=csv");
    page.ok(
        "outcomes.html",
        page_context! {
            title => locale.text("outcomes-title", &[("year", year.into())]),
            section => "outcomes",
            year,
            years,
            cases => view.cases.map_or_else(|| fewer.clone(), |n| n.to_string()),
            suppressed => view.suppressed,
            min_cell => view.min_cell,
            sections,
            stage_times,
            met,
            csv,
            today,
        },
    )
}
