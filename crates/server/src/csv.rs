//! CSV downloads: one way to write a field, defused against spreadsheet formulas, and one
//! way to send the file, for the API and the pages alike.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// A field as CSV: a value a spreadsheet would take for a formula (beginning `=`, `+`, `-`
/// or `@`) is made text with a leading `'`, and a value holding a comma, a quote or a line
/// break is quoted.
pub fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// A line of fields, each written by [`field`].
pub fn line<'a>(fields: impl IntoIterator<Item = &'a str>) -> String {
    let fields: Vec<String> = fields.into_iter().map(field).collect();
    format!("{}\n", fields.join(","))
}

/// The header line of a CSV file: each column's name in `locale`'s words (`csv-{column}`).
/// In English the names are the API's own (`due_on`), so a program reading the file finds
/// the columns it knows; the values below stay the API's names in either language.
pub fn header(locale: &disputes_i18n::Locale, columns: &[&str]) -> String {
    let names: Vec<String> = columns
        .iter()
        .map(|c| locale.t(&format!("csv-{c}")))
        .collect();
    line(names.iter().map(String::as_str))
}

/// Whether a request asked for CSV (`Accept: text/csv`) rather than JSON.
pub fn wanted(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|kind| kind.split(';').next().unwrap_or_default().trim() == "text/csv")
}

/// `body` sent as a CSV file called `filename`, for saving rather than showing.
pub fn download(body: String, filename: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let disposition = format!("attachment; filename=\"{filename}\"");
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Local Government"), "Local Government");
        assert_eq!(
            field("Police, Uniformed and Legal"),
            "\"Police, Uniformed and Legal\""
        );
        assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        for formula in ["+1+1", "-2+3", "@SUM(A1)", "=1"] {
            assert!(field(formula).starts_with('\''), "{formula}");
        }
        assert_eq!(field("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(line(["a", "b,c"]), "a,\"b,c\"\n");
    }
}
