//! The PDFs as another program reads them: poppler's `pdftotext`, `pdffonts` and `pdfinfo`
//! (Debian's poppler-utils) find the text, the embedded fonts, the tags and A4 pages.

// Tests state their expectations by panicking.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use disputes_documents::{Document, markup::prose, render};

fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).unwrap();
    let output = Command::new(tool)
        .args(args)
        .arg(&file)
        .args(if tool == "pdftotext" {
            vec!["-"]
        } else {
            vec![]
        })
        .output()
        .unwrap_or_else(|e| panic!("{tool} (Debian's poppler-utils) is needed: {e}"));
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn letter() -> Document {
    let findings = "The council gave two weeks' notice of the grant's end.\n- It should have given three months.\n# This line is what a person wrote, not a heading.";
    let long = "Ŵyr Ŷd and the café's crèche: the panel read every word. ".repeat(80);
    Document {
        title: "Decision on LEIC-2026-0001".to_owned(),
        language: "en-GB".to_owned(),
        footer: "LEIC-2026-0001".to_owned(),
        markup: format!(
            "# Decision of the Dispute Resolution Panel\nTo: Age Concern Leicestershire\nReference: LEIC-2026-0001\n\n## The panel's reasons\n{}\n\n{long}\n\n## Recommendations\n- Give three months' notice of every change, by 31 December 2027.\n- Publish the grant timetable, by 31 March 2027.",
            prose(findings)
        ),
    }
}

#[test]
fn the_text_is_extractable_in_reading_order_with_every_word() {
    let pdf = render(&letter()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = poppler("pdftotext", &["-layout"], &pdf);
    for wanted in [
        "Decision of the Dispute Resolution Panel",
        "To: Age Concern Leicestershire",
        "The council gave two weeks' notice of the grant's end.",
        "- It should have given three months.",
        "# This line is what a person wrote, not a heading.",
        "Give three months' notice of every change, by 31 December 2027.",
        "Publish the grant timetable, by 31 March 2027.",
        "Ŵyr Ŷd and the café's crèche",
        "LEIC-2026-0001 · page 1 of",
    ] {
        assert!(text.contains(wanted), "{wanted} is not in:\n{text}");
    }
    let plain = poppler("pdftotext", &[], &pdf);
    let reasons = plain.find("The panel's reasons").unwrap();
    let recommendations = plain.find("Recommendations").unwrap();
    assert!(reasons < recommendations, "reading order");
}

#[test]
fn the_fonts_are_embedded_the_pages_are_a4_and_the_document_is_tagged() {
    let pdf = render(&letter()).unwrap();
    let fonts = poppler("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        assert!(row.contains("DejaVuSans"), "{row}");
        // Columns: name, type, encoding, emb, sub, uni, object ID.
        let columns: Vec<&str> = row.split_whitespace().collect();
        let n = columns.len();
        assert_eq!(columns[n - 5], "yes", "embedded: {row}");
        assert_eq!(columns[n - 3], "yes", "mapped to Unicode: {row}");
    }
    let info = poppler("pdfinfo", &[], &pdf);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");
    assert!(
        info.contains("Title:           Decision on LEIC-2026-0001"),
        "{info}"
    );
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 2, "the long letter runs over a page: {info}");
}

#[test]
fn text_in_scripts_the_font_lacks_is_written_and_still_reads_as_written() {
    // A character DejaVu Sans has no glyph for (a Chinese name, an unassigned code point, a
    // control character) is drawn as U+FFFD; the line's ActualText keeps the original.
    let document = Document {
        title: "Record of LEIC-2026-0002".to_owned(),
        language: "en-GB".to_owned(),
        footer: "LEIC-2026-0002".to_owned(),
        markup: format!(
            "# The \u{c7e55} record\n\n{}\n\n- Item \u{1} one",
            prose("Message from 王小明: we met on Tuesday.")
        ),
    };
    let pdf = render(&document).unwrap();
    let text = poppler("pdftotext", &[], &pdf);
    assert!(
        text.contains("Message from 王小明: we met on Tuesday."),
        "{text}"
    );
}
