//! Records management for the facilitator: everything held about a person (a subject access
//! request), and erasing a person. The API's way and the administration page's alike.

use chrono::{DateTime, Utc};
use disputes_documents::markup::prose;
use disputes_store::{Erasure, PersonExport};
use disputes_workflow::{PersonId, Role, Text};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Viewer;
use crate::problem::{ApiError, field_problem};
use crate::state::AppState;
use axum::response::{IntoResponse, Response};
use utoipa::IntoParams;

/// Why a person is to be erased.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErasureRequest {
    /// The facilitator's reason, kept in each case's audit trail (for the facilitator's eyes:
    /// the parties see that a person was erased, not why).
    pub reason: String,
}

/// What an erasure did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErasureView {
    /// The person erased.
    pub person_id: i64,
    /// The cases whose audit trail records the erasure.
    pub cases: Vec<String>,
    /// Pieces of the cases' recorded text removed (what the person wrote into actions).
    pub texts_removed: usize,
    /// Messages whose text was removed.
    pub messages_removed: usize,
    /// Files removed.
    pub files_removed: usize,
    /// Whether the text the person wrote was removed (`retention.erase_written_text`).
    pub written_text_removed: bool,
}

/// Everything held about a person.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonExportView {
    /// The person.
    pub person_id: i64,
    /// When the export was made.
    pub exported_at: DateTime<Utc>,
    /// Each table's rows that name the person, by table: every column but secrets (password
    /// and token hashes) and files' bytes.
    #[schema(value_type = Object)]
    pub tables: serde_json::Map<String, serde_json::Value>,
}

/// Everything held about person `id`, for `viewer` (the facilitator).
pub async fn export(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
) -> Result<PersonExportView, ApiError> {
    viewer.require(&[Role::Facilitator])?;
    let PersonExport { person, tables } = state.store.person_export(id).await?;
    tracing::info!(
        person = person.0,
        by = viewer.person().id.0,
        "person's data exported"
    );
    Ok(PersonExportView {
        person_id: person.0,
        exported_at: state.clock.now(),
        tables,
    })
}

impl PersonExportView {
    /// The export as a readable PDF: a section for each table, a list item for each row.
    pub fn pdf(&self) -> Result<Vec<u8>, ApiError> {
        let mut lines = vec![
            format!("# Everything held about person {}", self.person_id),
            format!(
                "Exported on {}: every record that names this person, table by table. Password and token hashes and the contents of files are left out.",
                disputes_workflow::calendar::long_date(self.exported_at.date_naive())
            ),
        ];
        for (table, rows) in &self.tables {
            let rows = rows.as_array().map(Vec::as_slice).unwrap_or_default();
            lines.push(String::new());
            lines.push(format!("## {} ({})", table.replace('_', " "), rows.len()));
            if rows.is_empty() {
                lines.push("None.".to_owned());
            }
            for row in rows {
                let fields = row.as_object().into_iter().flatten();
                let said: Vec<String> = fields
                    .filter(|(_, value)| !value.is_null())
                    .map(|(name, value)| {
                        let value = value
                            .as_str()
                            .map_or_else(|| value.to_string(), str::to_owned);
                        format!("{name}: {}", value.replace('\n', " "))
                    })
                    .collect();
                lines.push(format!("- {}", prose(&said.join("; "))));
            }
        }
        disputes_documents::render(&disputes_documents::Document {
            title: format!("Everything held about person {}", self.person_id),
            language: disputes_i18n::Lang::En.document_tag().to_owned(),
            footer: format!("Person {}", self.person_id),
            markup: lines.join("\n"),
        })
        .map_err(ApiError::internal_because)
    }
}

/// Erases person `id` for `viewer` (the facilitator), with their reason. A facilitator
/// cannot erase themselves: another must.
pub async fn erase(
    state: &AppState,
    viewer: &Viewer,
    id: PersonId,
    request: ErasureRequest,
) -> Result<ErasureView, ApiError> {
    viewer.require(&[Role::Facilitator])?;
    let mut errors = Vec::new();
    let reason = Text::parse(request.reason)
        .map_err(|e| errors.push(e.on("reason")))
        .ok();
    if viewer.person().id == id {
        errors.push(field_problem("reason", "field-erase-yourself", Vec::new()));
    }
    let Some(reason) = reason.filter(|_| errors.is_empty()) else {
        return Err(ApiError::invalid(errors));
    };
    let remove_written = state.settings.retention.erase_written_text;
    let now = state.clock.now();
    let Erasure { cases, removed } = state
        .store
        .erase_person(id, viewer.person(), reason, remove_written, now)
        .await?;
    Ok(ErasureView {
        person_id: id.0,
        cases,
        texts_removed: removed.texts,
        messages_removed: removed.messages,
        files_removed: removed.files,
        written_text_removed: remove_written,
    })
}

/// How an export is given.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// `json` (the default) or `pdf`, to read.
    #[param(value_type = Option<String>)]
    pub format: Option<ExportFormat>,
}

/// An export's form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Every row as JSON.
    Json,
    /// The same, as a PDF a person reads.
    Pdf,
}

/// An export as a download: the API's answer and the page's alike.
pub fn download(export: &PersonExportView, format: ExportFormat) -> Result<Response, ApiError> {
    let day = export.exported_at.format("%Y-%m-%d");
    let (bytes, name) = match format {
        ExportFormat::Json => (
            serde_json::to_vec_pretty(export).map_err(ApiError::internal_because)?,
            format!("person-{}-{day}.json", export.person_id),
        ),
        ExportFormat::Pdf => (
            export.pdf()?,
            format!("person-{}-{day}.pdf", export.person_id),
        ),
    };
    let mut response = bytes.into_response();
    super::files::download_headers(&name, response.headers_mut());
    if format == ExportFormat::Json {
        response.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        );
    }
    Ok(response)
}
