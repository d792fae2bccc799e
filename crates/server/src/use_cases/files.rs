//! What files a case may carry, what they may be called, and how they are handed back.
//!
//! A file is judged by the kind its name says it is (its extension), never by the type the
//! sender declared, and its first bytes must be that kind's. Only documents, spreadsheets,
//! text, CSV, pictures, emails and PDF are taken: nothing a browser or a desktop would run.
//! A name loses folders, control characters and the invisible characters that reorder or
//! hide text (a right-to-left override, U+202E, between `invoice` and `fdp.exe` makes the
//! name read as `invoiceexe.pdf`), and is stored in Unicode NFC. A file always goes back as a download, with a type of its
//! kind's and `nosniff`, so no browser renders it as a page.

use axum::http::{HeaderMap, HeaderValue, header};
use unicode_normalization::UnicodeNormalization;

use crate::problem::{ApiError, field_problem, says};
use disputes_workflow::Word;

/// A kind of file a case may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The extensions that name it, lower case.
    pub extensions: &'static [&'static str],
    /// The type it is stored and served with.
    pub content_type: &'static str,
    /// What its contents must look like.
    pub contents: Contents,
    /// The kind in words, for refusals.
    pub describe: &'static str,
}

/// What a kind's contents must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contents {
    /// Bytes that begin with one of these.
    Starts(&'static [&'static [u8]]),
    /// UTF-8 text without control characters but tabs and line ends.
    Text,
    /// An email: text whose first line is a header (`From: ...`).
    Email,
}

/// Microsoft's older binary formats (Word, Excel, Outlook) share one container.
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// Office Open XML and OpenDocument files are ZIP archives.
const ZIP: &[u8] = b"PK\x03\x04";

/// Every kind taken.
pub const KINDS: &[Kind] = &[
    Kind {
        extensions: &["pdf"],
        content_type: "application/pdf",
        contents: Contents::Starts(&[b"%PDF-"]),
        describe: "a PDF",
    },
    Kind {
        extensions: &["png"],
        content_type: "image/png",
        contents: Contents::Starts(&[b"\x89PNG\r\n\x1A\n"]),
        describe: "a PNG picture",
    },
    Kind {
        extensions: &["jpg", "jpeg"],
        content_type: "image/jpeg",
        contents: Contents::Starts(&[b"\xFF\xD8\xFF"]),
        describe: "a JPEG picture",
    },
    Kind {
        extensions: &["gif"],
        content_type: "image/gif",
        contents: Contents::Starts(&[b"GIF87a", b"GIF89a"]),
        describe: "a GIF picture",
    },
    Kind {
        extensions: &["txt"],
        content_type: "text/plain; charset=utf-8",
        contents: Contents::Text,
        describe: "text",
    },
    Kind {
        extensions: &["csv"],
        content_type: "text/csv; charset=utf-8",
        contents: Contents::Text,
        describe: "CSV",
    },
    Kind {
        extensions: &["eml"],
        content_type: "message/rfc822",
        contents: Contents::Email,
        describe: "an email",
    },
    Kind {
        extensions: &["msg"],
        content_type: "application/vnd.ms-outlook",
        contents: Contents::Starts(&[OLE]),
        describe: "an Outlook email",
    },
    Kind {
        extensions: &["rtf"],
        content_type: "application/rtf",
        contents: Contents::Starts(&[b"{\\rtf"]),
        describe: "a rich-text document",
    },
    Kind {
        extensions: &["doc"],
        content_type: "application/msword",
        contents: Contents::Starts(&[OLE]),
        describe: "a Word document",
    },
    Kind {
        extensions: &["docx"],
        content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        contents: Contents::Starts(&[ZIP]),
        describe: "a Word document",
    },
    Kind {
        extensions: &["xls"],
        content_type: "application/vnd.ms-excel",
        contents: Contents::Starts(&[OLE]),
        describe: "an Excel spreadsheet",
    },
    Kind {
        extensions: &["xlsx"],
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        contents: Contents::Starts(&[ZIP]),
        describe: "an Excel spreadsheet",
    },
    Kind {
        extensions: &["odt"],
        content_type: "application/vnd.oasis.opendocument.text",
        contents: Contents::Starts(&[ZIP]),
        describe: "an OpenDocument text",
    },
    Kind {
        extensions: &["ods"],
        content_type: "application/vnd.oasis.opendocument.spreadsheet",
        contents: Contents::Starts(&[ZIP]),
        describe: "an OpenDocument spreadsheet",
    },
];

/// The kind a (cleaned) file name says it is.
pub fn kind_of(name: &str) -> Option<&'static Kind> {
    let (_, extension) = name.rsplit_once('.')?;
    let extension = extension.to_lowercase();
    KINDS
        .iter()
        .find(|kind| kind.extensions.contains(&extension.as_str()))
}

/// `bytes` as a person says a file's size limit: "10 MB", "1.5 MB", "200 KB".
pub fn size_words(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Checks a file called `name` (cleaned) with `content`: its kind is taken, and its bytes
/// are that kind's. Gives the kind; refuses (422, naming the rule) otherwise.
pub fn check(name: &str, content: &[u8]) -> Result<&'static Kind, ApiError> {
    let Some(kind) = kind_of(name) else {
        // The kinds taken are named once, in the catalogue's `files-accepted`.
        let problem = match name.rsplit_once('.') {
            Some((_, extension)) => field_problem(
                "file",
                "files-refused-extension",
                vec![("extension", extension.into())],
            ),
            None => field_problem("file", "files-refused-no-extension", Vec::new()),
        };
        return Err(ApiError::invalid(vec![problem]));
    };
    let text_ok = |text: &str| {
        !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
    };
    let matches = match kind.contents {
        Contents::Starts(starts) => starts.iter().any(|start| content.starts_with(start)),
        Contents::Text => std::str::from_utf8(content).is_ok_and(text_ok),
        Contents::Email => std::str::from_utf8(content).is_ok_and(|text| {
            let first = text.lines().next().unwrap_or_default();
            let header = first.split_once(':').is_some_and(|(name, _)| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
            header && text_ok(text)
        }),
    };
    if !matches {
        return Err(ApiError::invalid_field(
            "file",
            says(
                "field-file-not-its-kind",
                vec![
                    ("name", name.into()),
                    (
                        "kind",
                        Word::named(format!("file-kind-{}", kind.extensions[0]), kind.describe),
                    ),
                ],
            ),
        ));
    }
    Ok(kind)
}

/// Characters that change how the text around them is shown without being seen
/// themselves: bidirectional embeddings, overrides and isolates, direction marks, and
/// zero-width characters.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{061C}'
        | '\u{FEFF}'
    )
}

/// The most characters a name keeps.
const NAME_MAX: usize = 200;

/// A file name safe to store, show and offer back: the last part of any path, in NFC,
/// without control or invisible characters or quotes, without leading dots, at most 200
/// characters (its extension kept); `attachment` if nothing is left.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base
        .nfc()
        .filter(|c| !c.is_control() && !is_invisible(*c) && *c != '"')
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        return "attachment".to_owned();
    }
    if cleaned.chars().count() <= NAME_MAX {
        return cleaned.to_owned();
    }
    let (stem, extension) = match cleaned.rsplit_once('.') {
        Some((stem, extension)) if extension.chars().count() <= 10 => (stem, Some(extension)),
        _ => (cleaned, None),
    };
    let keep = NAME_MAX - extension.map_or(0, |e| e.chars().count() + 1);
    let stem: String = stem.chars().take(keep).collect();
    match extension {
        Some(extension) => format!("{stem}.{extension}"),
        None => stem,
    }
}

/// The headers a file goes back with: a download under its name (RFC 6266, with an ASCII
/// fallback and the exact name in `filename*`), its kind's type, never sniffed, never run.
pub fn download_headers(name: &str, headers: &mut HeaderMap) {
    let name = clean_name(name);
    let content_type = kind_of(&name).map_or("application/octet-stream", |k| k.content_type);
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && !matches!(c, '%' | ';' | '\\') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_limits_are_said_as_people_say_them() {
        assert_eq!(size_words(10 * 1024 * 1024), "10 MB");
        assert_eq!(size_words(1536 * 1024), "1.5 MB");
        assert_eq!(size_words(200_000), "196 KB");
    }

    #[test]
    fn a_file_is_judged_by_its_name_and_its_first_bytes() {
        assert_eq!(
            check("letter.PDF", b"%PDF-1.7 ...").unwrap().content_type,
            "application/pdf"
        );
        assert!(check("letter.pdf", b"<html>").is_err());
        assert!(check("minutes.docx", b"PK\x03\x04rest").is_ok());
        assert!(check("minutes.doc", b"PK\x03\x04rest").is_err());
        assert!(check("notes.txt", "Notes, with accents: é\r\n".as_bytes()).is_ok());
        assert!(check("notes.txt", b"binary\x00junk").is_err());
        assert!(check("reply.eml", b"From: jo@example.org\r\nSubject: x\r\n\r\nHi").is_ok());
        assert!(check("reply.eml", b"Hello there").is_err());
        for refused in [
            "page.html",
            "run.bat",
            "tool.exe",
            "drawing.svg",
            "script.js",
            "README",
        ] {
            let error = check(refused, b"anything").unwrap_err();
            assert!(
                error.field_errors()[0].message.contains("are not accepted"),
                "{refused}"
            );
        }
    }

    #[test]
    fn a_kind_not_taken_is_refused_naming_the_kinds_in_the_readers_language() {
        use disputes_i18n::{Lang, Locale};
        let refused = check("minutes.exe", b"MZ").unwrap_err();
        let problem = &refused.field_errors()[0];
        assert_eq!(problem.field, "file");
        assert!(
            problem
                .message
                .starts_with("files ending .exe are not accepted: send PDF, Word"),
            "{}",
            problem.message
        );
        let said = problem.said.as_ref().unwrap();
        let welsh = crate::problem::worded(&Locale::built_in(Lang::Cy), said);
        assert!(
            welsh.starts_with("ni dderbynnir ffeiliau sy'n gorffen gyda .exe: anfonwch PDF")
                && welsh.contains("lluniau PNG"),
            "{welsh}"
        );
        let english = crate::problem::worded(&Locale::built_in(Lang::En), said);
        assert_eq!(english, problem.message);
    }

    #[test]
    fn names_lose_folders_and_invisible_characters() {
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("C:\\Users\\x\\letter.pdf"), "letter.pdf");
        assert_eq!(clean_name("a\u{0}b\"c.txt"), "abc.txt");
        assert_eq!(clean_name(".."), "attachment");
        // The override that shows invoice\u{202e}fdp.exe as invoiceexe.pdf goes, and the name
        // reads as the .exe it is.
        assert_eq!(clean_name("invoice\u{202e}fdp.exe"), "invoicefdp.exe");
        assert_eq!(
            clean_name("re\u{301}sume\u{301}.pdf"),
            "r\u{e9}sum\u{e9}.pdf"
        );
        let long = format!("{}.pdf", "x".repeat(300));
        let kept = clean_name(&long);
        assert_eq!(kept.chars().count(), 200);
        assert!(kept.ends_with(".pdf"));
    }

    #[test]
    fn a_download_says_its_name_exactly_and_is_never_shown_inline() {
        let mut headers = HeaderMap::new();
        download_headers("Réponse du conseil; 2026.pdf", &mut headers);
        assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
        assert_eq!(
            headers[header::CONTENT_DISPOSITION],
            "attachment; filename=\"R_ponse du conseil_ 2026.pdf\"; \
             filename*=UTF-8''R%C3%A9ponse%20du%20conseil%3B%202026.pdf"
        );
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let mut headers = HeaderMap::new();
        download_headers("old.html", &mut headers);
        assert_eq!(headers[header::CONTENT_TYPE], "application/octet-stream");
    }
}
