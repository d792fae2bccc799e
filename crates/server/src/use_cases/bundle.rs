//! The case bundle: the whole record of a case, as its requester may see it, in one ZIP to
//! hand to the parties or an ombudsman, which `disputes audit verify-bundle` checks offline.
//!
//! It holds `record.pdf` (the case, its decisions, its timeline, its messages and its file
//! list), the decision letters (`letters/`), the files (`files/`), the audit trail
//! (`audit/events.json`: each event with its seals and hashes) and `manifest.json` (every
//! other entry's SHA-256, the case's last event and hash). The archive's comment carries
//! the SHA-256 of the whole archive (with the digest itself read as zeros), so a change to
//! any byte of it is found.

use std::io::{Cursor, Read, Write};

use chrono::{DateTime, Utc};
use disputes_documents::markup::prose;
use disputes_i18n::Arg;
use disputes_i18n::{Lang, Locale};
use disputes_store::{ChainLink, StoredCase, verify_links};
use disputes_workflow::{Case, CaseEvent, OrganisationId, Party, Person, Role, replay};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::IntoParams;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::correspondence::readable_scopes;
use super::letters;
use super::timeline::{Names, timeline};
use crate::auth::Viewer;
use crate::labels::{Words, principle, state as state_words};
use crate::problem::{ApiError, says};
use crate::state::AppState;
use axum::response::{IntoResponse, Response};

/// What a bundle's manifest says it is.
pub const FORMAT: &str = "disputes-bundle-1";
/// How the archive's comment begins; the digest follows.
const COMMENT: &str = "disputes-bundle-sha256:";
/// The digest's place holder while the archive is hashed.
const ZEROS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The manifest: what the bundle holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: String,
    /// The case.
    pub reference: String,
    /// When the bundle was made.
    pub exported_at: DateTime<Utc>,
    /// The case's last event: the trail holds events 1 to this.
    pub version: u32,
    /// The hash the case's chain ends with.
    pub last_event_hash: String,
    /// Every other entry, with its SHA-256.
    pub entries: Vec<Entry>,
}

/// An entry of the bundle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// Its path in the archive.
    pub path: String,
    /// Its SHA-256, hex.
    pub sha256: String,
    /// Its length.
    pub bytes: u64,
}

/// How a bundle is asked for.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BundleQuery {
    /// `en` or `cy`: the language of its record and letters (by default the requester's own).
    #[param(value_type = Option<String>)]
    pub lang: Option<Lang>,
}

/// A bundle, ready to download.
pub struct Bundle {
    /// `LEIC-2026-0001-bundle.zip`.
    pub file_name: String,
    /// The archive.
    pub zip: Vec<u8>,
}

/// The bundle of `stored` for `viewer`: the facilitator's or a party's (others on the case
/// are refused: the bundle is for handing the record on).
pub async fn bundle(
    state: &AppState,
    viewer: &Viewer,
    stored: &StoredCase,
    lang: Lang,
) -> Result<Bundle, ApiError> {
    let locale = state.locale(lang);
    let long_date = |date| locale.long_date(date);
    let case = &stored.case;
    let person = viewer.person();
    let facilitator = person.has(Role::Facilitator);
    if !may_have(case, person) {
        return Err(ApiError::forbidden(says("detail-bundle-who", Vec::new())));
    }
    let reference = stored.reference.as_str();
    let links = state.store.chain_links(reference, facilitator).await?;
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();

    let scopes = readable_scopes(stored, viewer);
    let messages = state.store.messages(reference, &scopes).await?;
    let files = state.store.attachments(reference, &scopes).await?;
    // The timeline is told from the trail the bundle carries, read once.
    let events = links
        .iter()
        .map(|link| serde_json::from_str::<CaseEvent>(&link.payload))
        .collect::<Result<Vec<_>, _>>()
        .map_err(ApiError::internal_because)?;
    let mut people: Vec<i64> = events
        .iter()
        .filter_map(|e| e.actor.person().map(|p| p.id.0))
        .collect();
    people.extend(messages.iter().map(|m| m.author_id.0));
    people.extend(files.iter().map(|f| f.uploaded_by.0));
    let names = Names::of(state, people).await?;

    let mut file_lines = Vec::new();
    for file in &files {
        match state.store.attachment(reference, file.id, &scopes).await {
            Ok((_, bytes)) => {
                let path = format!("files/{}-{}", file.id, safe_name(&file.file_name));
                file_lines.push(locale.text(
                    "record-file",
                    &[
                        ("name", file.file_name.as_str().into()),
                        ("kb", file.size_bytes.div_ceil(1024).into()),
                        ("person", names.person(file.uploaded_by.0).into()),
                        ("date", long_date(file.created_at.date_naive()).into()),
                        ("path", path.as_str().into()),
                    ],
                ));
                entries.push((path, bytes));
            }
            // Removed by the retention rule or an erasure: listed, not held.
            Err(disputes_store::StoreError::NotFound) => {
                file_lines.push(locale.text(
                    "record-file-removed",
                    &[("name", file.file_name.as_str().into())],
                ));
            }
            Err(error) => return Err(error.into()),
        }
    }
    for kind in letters::available(case) {
        for to in [Party::Raiser, Party::Respondent] {
            let letter = letters::letter(state, stored, kind, to, lang).await?;
            entries.push((format!("letters/{}", letter.file_name), letter.pdf));
        }
    }

    let reads_reasons = facilitator;
    let story: Vec<String> = timeline(&locale, &events, &names, reads_reasons)
        .into_iter()
        .map(|entry| {
            let mut line = locale.text(
                "record-story-line",
                &[
                    ("date", long_date(entry.at.date_naive()).into()),
                    ("headline", entry.headline.into()),
                ],
            );
            if let Some(text) = entry.text {
                line.push(' ');
                line.push_str(&text.replace('\n', " "));
            }
            line
        })
        .collect();
    let message_lines: Vec<String> = messages
        .iter()
        .map(|m| {
            locale.text(
                "record-message",
                &[
                    ("date", long_date(m.created_at.date_naive()).into()),
                    ("person", names.person(m.author_id.0).into()),
                    ("body", m.body.as_str().replace('\n', " ").into()),
                ],
            )
        })
        .collect();
    let record = Record {
        stored,
        locale: &locale,
        names: &names,
        viewer: &locale.text(
            "person-of-organisation",
            &[
                ("person", viewer.record.name.as_str().into()),
                (
                    "organisation",
                    names.organisation(person.organisation_id.0).into(),
                ),
            ],
        ),
        exported_on: &long_date(state.clock.now().date_naive()),
        story: &story,
        messages: &message_lines,
        files: &file_lines,
        links: &links,
    };
    let pdf = disputes_documents::render(&disputes_documents::Document {
        title: locale.text("record-title", &[("reference", reference.into())]),
        language: lang.document_tag().to_owned(),
        footer: reference.to_owned(),
        markup: record.markup(),
    })
    .map_err(ApiError::internal_because)?;
    entries.insert(0, ("record.pdf".to_owned(), pdf));
    let trail = serde_json::to_vec_pretty(&links).map_err(ApiError::internal_because)?;
    entries.push(("audit/events.json".to_owned(), trail));

    let manifest = Manifest {
        format: FORMAT.to_owned(),
        reference: reference.to_owned(),
        exported_at: state.clock.now(),
        version: links.last().map_or(0, |l| l.seq),
        last_event_hash: links.last().map(|l| l.hash.clone()).unwrap_or_default(),
        entries: entries
            .iter()
            .map(|(path, bytes)| Entry {
                path: path.clone(),
                sha256: hex::encode(Sha256::digest(bytes)),
                bytes: bytes.len() as u64,
            })
            .collect(),
    };
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(ApiError::internal_because)?;
    entries.push(("manifest.json".to_owned(), manifest));
    let zip = archive(&entries).map_err(ApiError::internal_because)?;
    tracing::info!(
        case = reference,
        by = person.id.0,
        bytes = zip.len(),
        "case bundle made"
    );
    Ok(Bundle {
        file_name: format!("{reference}-bundle.zip"),
        zip,
    })
}

/// Whether `person` may have `case`'s bundle: the facilitator, and the members and champions
/// of its two organisations.
pub fn may_have(case: &Case, person: &Person) -> bool {
    let party = [
        case.raising_organisation_id,
        case.respondent_organisation_id,
    ]
    .contains(&person.organisation_id)
        && (person.has(Role::Member) || person.has(Role::Champion));
    party || person.has(Role::Facilitator)
}

/// A file's name as an entry's: letters, digits, dots, dashes and underscores.
fn safe_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The entries as a ZIP whose comment is the digest of the whole archive.
fn archive(entries: &[(String, Vec<u8>)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (path, bytes) in entries {
        writer.start_file(path.as_str(), options)?;
        writer.write_all(bytes)?;
    }
    writer.set_comment(format!("{COMMENT}{ZEROS}"))?;
    let mut zip = writer.finish()?.into_inner();
    let digest = hex::encode(Sha256::digest(&zip));
    let at = zip.len() - ZEROS.len();
    zip[at..].copy_from_slice(digest.as_bytes());
    Ok(zip)
}

/// What a bundle that checks holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    /// The case.
    pub reference: String,
    /// Events in its trail.
    pub events: u32,
    /// The hash its chain ends with.
    pub last_event_hash: String,
    /// Entries besides the manifest and the trail.
    pub entries: usize,
}

/// Checks a bundle offline: that no byte of it changed since it was made, that it holds
/// exactly the entries its manifest lists with their digests, and that its trail is the
/// case's whole chain (events 1 to the manifest's last, each linked and hashed, replaying
/// by the Compact's rules). Answers what it holds, or every problem found.
pub fn verify(bundle: &[u8]) -> Result<Checked, Vec<String>> {
    let mut problems = Vec::new();
    // Every byte: the digest in the comment, over the archive with the digest as zeros.
    let tail = COMMENT.len() + ZEROS.len();
    let sealed =
        bundle.len() >= tail && bundle[bundle.len() - tail..].starts_with(COMMENT.as_bytes());
    if !sealed {
        return Err(vec![
            "this is not a case bundle: its archive comment carries no digest".to_owned(),
        ]);
    }
    let claimed = String::from_utf8_lossy(&bundle[bundle.len() - ZEROS.len()..]).into_owned();
    let mut zeroed = bundle.to_vec();
    let at = zeroed.len() - ZEROS.len();
    zeroed[at..].copy_from_slice(ZEROS.as_bytes());
    if hex::encode(Sha256::digest(&zeroed)) != claimed {
        problems
            .push("the archive changed after it was made: its digest does not match".to_owned());
    }
    let mut archive = match ZipArchive::new(Cursor::new(bundle)) {
        Ok(archive) => archive,
        Err(error) => {
            problems.push(format!("the archive cannot be read: {error}"));
            return Err(problems);
        }
    };
    let mut read = |name: &str| -> Result<Vec<u8>, String> {
        let mut entry = archive
            .by_name(name)
            .map_err(|e| format!("{name} cannot be read: {e}"))?;
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{name} cannot be read: {e}"))?;
        Ok(bytes)
    };
    let manifest: Manifest = match read("manifest.json").and_then(|bytes| {
        serde_json::from_slice::<Manifest>(&bytes).map_err(|e| format!("manifest.json: {e}"))
    }) {
        Ok(manifest) if manifest.format == FORMAT => manifest,
        Ok(manifest) => {
            problems.push(format!(
                "the bundle is of an unknown format: {}",
                manifest.format
            ));
            return Err(problems);
        }
        Err(problem) => {
            problems.push(problem);
            return Err(problems);
        }
    };
    let mut trail = None;
    for entry in &manifest.entries {
        match read(&entry.path) {
            Ok(bytes) if hex::encode(Sha256::digest(&bytes)) == entry.sha256 => {
                if entry.path == "audit/events.json" {
                    trail = Some(bytes);
                }
            }
            Ok(_) => problems.push(format!("{} does not match its digest", entry.path)),
            Err(problem) => problems.push(problem),
        }
    }
    let listed: Vec<&str> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
    for name in archive.file_names() {
        match name {
            Ok(name) if name != "manifest.json" && !listed.contains(&name.as_ref()) => {
                problems.push(format!("{name} is not in the manifest"));
            }
            Ok(_) => {}
            Err(error) => problems.push(format!("an entry's name cannot be read: {error}")),
        }
    }
    let mut events = 0;
    match trail.map(|bytes| serde_json::from_slice::<Vec<ChainLink>>(&bytes)) {
        None => problems.push("the bundle holds no audit trail".to_owned()),
        Some(Err(error)) => problems.push(format!("audit/events.json cannot be read: {error}")),
        Some(Ok(links)) => match verify_links(&manifest.reference, &links) {
            Err(problem) => problems.push(problem.to_string()),
            Ok(decoded) => {
                events = links.len();
                let ends = links.last().map(|l| l.hash.as_str()).unwrap_or_default();
                if links.last().map(|l| l.seq) != Some(manifest.version)
                    || ends != manifest.last_event_hash
                {
                    problems.push(format!(
                        "the trail is not complete: the case's chain ends at event {} with {}",
                        manifest.version, manifest.last_event_hash
                    ));
                }
                if let Err(error) = replay(&decoded) {
                    problems.push(format!("the trail does not replay: {error}"));
                }
            }
        },
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Checked {
        reference: manifest.reference,
        events: u32::try_from(events).unwrap_or(u32::MAX),
        last_event_hash: manifest.last_event_hash,
        entries: manifest.entries.len() - 1,
    })
}

/// The case record, as markup for `record.pdf`.
struct Record<'a> {
    stored: &'a StoredCase,
    /// The language it is written in.
    locale: &'a Locale,
    names: &'a Names,
    viewer: &'a str,
    exported_on: &'a str,
    story: &'a [String],
    messages: &'a [String],
    files: &'a [String],
    links: &'a [ChainLink],
}

impl Record<'_> {
    fn markup(&self) -> String {
        let case = &self.stored.case;
        let names = self.names;
        let locale = self.locale;
        let date = |day| Arg::from(locale.long_date(day));
        let said = |key: &str, args: &[(&str, Arg)]| locale.text(key, args);
        let heading = |key: &str| format!("## {}", locale.t(key));
        let mut out = Vec::new();
        let mut push = |s: String| out.push(s);
        push(format!(
            "# {}",
            said(
                "record-title",
                &[("reference", self.stored.reference.as_str().into())]
            )
        ));
        push(prose(case.title.as_str()));
        push(said(
            "record-as-seen",
            &[
                ("viewer", self.viewer.into()),
                ("date", self.exported_on.into()),
            ],
        ));
        push(String::new());
        push(heading("record-about"));
        let organisation = |id: OrganisationId| Arg::from(names.organisation(id.0));
        push(said(
            "record-raised-by",
            &[("organisation", organisation(case.raising_organisation_id))],
        ));
        push(said(
            "record-with",
            &[(
                "organisation",
                organisation(case.respondent_organisation_id),
            )],
        ));
        push(said(
            "record-opened",
            &[("date", date(case.opened_at.date_naive()))],
        ));
        push(said(
            "record-stands",
            &[("state", state_words(locale, case.state.kind()).into())],
        ));
        if let Some(outcome) = case.state.outcome() {
            push(said(
                "record-outcome",
                &[("outcome", outcome.words(locale).into())],
            ));
        }
        push(String::new());
        push(locale.t("record-principles"));
        for code in &case.principles {
            push(format!("- {}", principle(locale, code)));
        }
        push(String::new());
        push(heading("record-as-raised"));
        push(prose(case.summary.as_str()));
        push(String::new());
        push(heading("record-wanted"));
        push(prose(case.desired_outcome.as_str()));
        if let Some(decision) = &case.decision {
            push(String::new());
            push(heading("record-decision"));
            push(said(
                "record-decided",
                &[
                    ("outcome", decision.outcome.words(locale).into()),
                    ("date", date(decision.decided_on)),
                ],
            ));
            push(prose(decision.findings.as_str()));
            for r in &decision.recommendations {
                let line = said(
                    "action-recommendation-line",
                    &[
                        ("text", prose(r.text.as_str()).replace('\n', " ").into()),
                        ("organisation", organisation(r.owner_organisation_id)),
                        ("date", date(r.due_on)),
                    ],
                );
                push(format!("- {line}"));
            }
        }
        if let Some(decision) = &case.appeal_decision {
            push(String::new());
            push(heading("record-appeal"));
            push(said(
                "record-appeal-decided",
                &[
                    ("result", decision.result.words(locale).into()),
                    (
                        "outcome",
                        decision.outcome.words(locale).to_lowercase().into(),
                    ),
                    ("date", date(decision.decided_on)),
                ],
            ));
            push(prose(decision.reasons.as_str()));
        }
        for (key, lines) in [
            ("record-story", self.story),
            ("record-messages", self.messages),
            ("record-files", self.files),
        ] {
            push(String::new());
            push(heading(key));
            if lines.is_empty() {
                push(locale.t(&format!("{key}-none")));
            }
            for line in lines {
                push(format!("- {}", prose(line).replace('\n', " ")));
            }
        }
        push(String::new());
        push(heading("record-trail"));
        let last = self.links.last();
        push(said(
            "record-trail-said",
            &[
                ("events", last.map_or(0, |l| l.seq).into()),
                ("hash", last.map_or("", |l| l.hash.as_str()).into()),
            ],
        ));
        out.join("\n")
    }
}

/// A bundle as a download: the API's answer and the page's alike.
pub async fn download(
    state: &AppState,
    viewer: &Viewer,
    case: &StoredCase,
    query: BundleQuery,
) -> Result<Response, ApiError> {
    let lang = query.lang.unwrap_or(viewer.record.language);
    let bundle = bundle(state, viewer, case, lang).await?;
    let mut response = bundle.zip.into_response();
    super::files::download_headers(&bundle.file_name, response.headers_mut());
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/zip"),
    );
    Ok(response)
}
