//! The markup a document's template writes: as little as a letter needs.
//!
//! - `# text`: the document's heading (one, first); `## text`: a section's heading.
//! - `- text`: an item of a list; items next to each other make one list.
//! - A blank line ends a paragraph; the lines of a paragraph keep their breaks (an address,
//!   a reference and date, or prose as it was written).
//! - A line that must start with `#`, `-` or `\` as text starts with `\`, which is dropped:
//!   templates pass what people wrote through their `prose` filter, which adds it.

/// A block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading, of level 1 or 2.
    Heading {
        /// 1 for the document's, 2 for a section's.
        level: u8,
        /// Its text.
        text: String,
    },
    /// A paragraph: its lines, each kept as a line.
    Paragraph(Vec<String>),
    /// A list: its items, each a line of text.
    List(Vec<String>),
}

/// Reads `markup` into blocks.
pub fn parse(markup: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let flush = |blocks: &mut Vec<Block>, paragraph: &mut Vec<String>, list: &mut Vec<String>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(std::mem::take(paragraph)));
        }
        if !list.is_empty() {
            blocks.push(Block::List(std::mem::take(list)));
        }
    };
    for line in markup.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            flush(&mut blocks, &mut paragraph, &mut list);
        } else if let Some(text) = line.strip_prefix("## ") {
            flush(&mut blocks, &mut paragraph, &mut list);
            blocks.push(Block::Heading {
                level: 2,
                text: text.trim().to_owned(),
            });
        } else if let Some(text) = line.strip_prefix("# ") {
            flush(&mut blocks, &mut paragraph, &mut list);
            blocks.push(Block::Heading {
                level: 1,
                text: text.trim().to_owned(),
            });
        } else if let Some(text) = line.strip_prefix("- ") {
            if !paragraph.is_empty() {
                blocks.push(Block::Paragraph(std::mem::take(&mut paragraph)));
            }
            list.push(text.trim().to_owned());
        } else {
            if !list.is_empty() {
                blocks.push(Block::List(std::mem::take(&mut list)));
            }
            let text = line.strip_prefix('\\').unwrap_or(line);
            paragraph.push(text.to_owned());
        }
    }
    flush(&mut blocks, &mut paragraph, &mut list);
    blocks
}

/// `text` (what a person wrote) made safe to put in markup: each line that would read as
/// markup is escaped, so it stays text.
pub fn prose(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with(['#', '-', '\\']) {
                format!("\\{line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_paragraphs_and_lists_are_read_and_escaped_text_stays_text() {
        let text = format!(
            "# Decision\nTo: Age Concern\nReference: LEIC-2026-0001\n\n## Reasons\n{}\n\n- First\n- Second\nAfter",
            prose("# not a heading\n- not an item")
        );
        assert_eq!(
            parse(&text),
            vec![
                Block::Heading {
                    level: 1,
                    text: "Decision".into()
                },
                Block::Paragraph(vec![
                    "To: Age Concern".into(),
                    "Reference: LEIC-2026-0001".into()
                ]),
                Block::Heading {
                    level: 2,
                    text: "Reasons".into()
                },
                Block::Paragraph(vec!["# not a heading".into(), "- not an item".into()]),
                Block::List(vec!["First".into(), "Second".into()]),
                Block::Paragraph(vec!["After".into()]),
            ]
        );
    }
}
