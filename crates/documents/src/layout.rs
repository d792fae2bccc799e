//! Laying blocks out on A4 pages: each paragraph broken into lines that fit the measure
//! (by the fonts' own advance widths), each line given its page and place.

use std::borrow::Cow;

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::markup::Block;

/// A4, in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
/// A4, in points.
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// The margins all round (22 mm).
pub(crate) const MARGIN: f32 = 62.0;
/// Where the footer's baseline sits.
pub(crate) const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 34.0;
/// How far list items' text stands in from the bullet's margin.
const ITEM_INDENT: f32 = 16.0;

/// How a kind of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub(crate) bold: bool,
    pub(crate) size: f32,
    /// From one baseline to the next.
    pub(crate) leading: f32,
    /// Space before the block.
    pub(crate) before: f32,
}

const TITLE: Style = Style {
    bold: true,
    size: 17.0,
    leading: 22.0,
    before: 0.0,
};
const SECTION: Style = Style {
    bold: true,
    size: 12.5,
    leading: 17.0,
    before: 12.0,
};
pub(crate) const BODY: Style = Style {
    bold: false,
    size: 10.5,
    leading: 15.0,
    before: 8.0,
};

/// One laid line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// The page, from 0.
    pub(crate) page: usize,
    /// Where its baseline starts.
    pub(crate) x: f32,
    /// Its baseline, from the top of the page.
    pub(crate) y: f32,
    /// Its text.
    pub(crate) text: String,
    /// How it is set.
    pub(crate) style: Style,
    /// The block it belongs to, and within a list the item.
    pub(crate) block: usize,
    /// The list item, for a list's lines.
    pub(crate) item: Option<usize>,
    /// Whether it is a list item's bullet rather than its text.
    pub(crate) bullet: bool,
}

/// The fonts, for measuring.
pub(crate) struct Fonts<'a> {
    pub(crate) regular: FontRef<'a>,
    pub(crate) bold: FontRef<'a>,
}

impl Fonts<'_> {
    fn font(&self, style: Style) -> &FontRef<'_> {
        if style.bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    /// `text` as it can be drawn in `style`: a character the font has no glyph for (a
    /// script or emoji DejaVu Sans lacks, a control character) becomes U+FFFD, and an
    /// invisible formatting character (a zero-width space, a variation selector) is left out,
    /// so that no page ever shows an empty box. The document keeps the original text for
    /// copying and for screen readers ([`crate::pdf`] tags the line with it).
    pub(crate) fn shown<'t>(&self, text: &'t str, style: Style) -> Cow<'t, str> {
        let charmap = self.font(style).charmap();
        let drawable = |c: char| !c.is_control() && charmap.map(c).is_some_and(|g| g.to_u32() != 0);
        if text.chars().all(drawable) {
            return Cow::Borrowed(text);
        }
        let replacement = if drawable(REPLACEMENT) {
            REPLACEMENT
        } else {
            '?'
        };
        Cow::Owned(
            text.chars()
                .filter(|&c| drawable(c) || !is_invisible(c))
                .map(|c| if drawable(c) { c } else { replacement })
                .collect(),
        )
    }

    /// The width of `text` in `style`, in points, as drawn.
    fn width(&self, text: &str, style: Style) -> f32 {
        let font = self.font(style);
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(style.size), LocationRef::default());
        self.shown(text, style)
            .chars()
            .filter_map(|c| charmap.map(c))
            .filter_map(|glyph| metrics.advance_width(glyph))
            .sum()
    }

    /// `text` broken into lines no wider than `measure`: at spaces, and inside a word only
    /// when the word alone is wider.
    fn wrap(&self, text: &str, style: Style, measure: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = String::new();
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if current.is_empty() {
                word.to_owned()
            } else {
                format!("{current} {word}")
            };
            if self.width(&candidate, style) <= measure {
                current = candidate;
                continue;
            }
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            // A word wider than the measure (an address, a long reference) is broken.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if self.width(&piece, style) > measure && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            current = piece;
        }
        if !current.is_empty() || lines.is_empty() {
            lines.push(current);
        }
        lines
    }
}

/// What is drawn for a character the fonts have no glyph for.
const REPLACEMENT: char = '\u{FFFD}';

/// Whether `c` is a formatting character that takes no room on the page (zero-width
/// spaces and joiners, directional marks, variation selectors, the byte order mark).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0100}'..='\u{E01EF}')
}

/// Where the next line goes.
struct Cursor {
    page: usize,
    /// The last baseline placed on this page (the top margin before any).
    y: f32,
}

impl Cursor {
    /// The baseline for a line of `style` after `space` more, on a new page when it would
    /// run past the bottom margin (or leave fewer than `keep` lines' room).
    fn next(&mut self, style: Style, space: f32, keep: f32) -> (usize, f32) {
        let bottom = PAGE_HEIGHT - MARGIN;
        let at_top = self.y <= MARGIN;
        let space = if at_top { 0.0 } else { space };
        if !at_top && self.y + space + style.leading * keep > bottom {
            self.page += 1;
            self.y = MARGIN;
            return self.next(style, 0.0, keep);
        }
        self.y += space + style.leading;
        (self.page, self.y)
    }
}

/// Lays `blocks` out; answers the lines and the number of pages.
pub(crate) fn lay_out(blocks: &[Block], fonts: &Fonts<'_>) -> (Vec<Line>, usize) {
    let measure = PAGE_WIDTH - 2.0 * MARGIN;
    let mut cursor = Cursor { page: 0, y: MARGIN };
    let mut lines = Vec::new();
    for (block, content) in blocks.iter().enumerate() {
        match content {
            Block::Heading { level, text } => {
                let style = if *level == 1 { TITLE } else { SECTION };
                // A heading keeps two lines of what follows with it.
                for (i, wrapped) in fonts.wrap(text, style, measure).into_iter().enumerate() {
                    let space = if i == 0 { style.before } else { 0.0 };
                    let (page, y) = cursor.next(style, space, 3.0);
                    lines.push(Line {
                        page,
                        x: MARGIN,
                        y,
                        text: wrapped,
                        style,
                        block,
                        item: None,
                        bullet: false,
                    });
                }
            }
            Block::Paragraph(texts) => {
                let mut first = true;
                for text in texts {
                    for wrapped in fonts.wrap(text, BODY, measure) {
                        let space = if first { BODY.before } else { 0.0 };
                        first = false;
                        let (page, y) = cursor.next(BODY, space, 1.0);
                        lines.push(Line {
                            page,
                            x: MARGIN,
                            y,
                            text: wrapped,
                            style: BODY,
                            block,
                            item: None,
                            bullet: false,
                        });
                    }
                }
            }
            Block::List(items) => {
                for (item, text) in items.iter().enumerate() {
                    let wrapped = fonts.wrap(text, BODY, measure - ITEM_INDENT);
                    for (i, part) in wrapped.into_iter().enumerate() {
                        let space = match (item, i) {
                            (0, 0) => BODY.before,
                            (_, 0) => 3.0,
                            _ => 0.0,
                        };
                        let (page, y) = cursor.next(BODY, space, 1.0);
                        if i == 0 {
                            lines.push(Line {
                                page,
                                x: MARGIN + 2.0,
                                y,
                                text: "•".to_owned(),
                                style: BODY,
                                block,
                                item: Some(item),
                                bullet: true,
                            });
                        }
                        lines.push(Line {
                            page,
                            x: MARGIN + ITEM_INDENT,
                            y,
                            text: part,
                            style: BODY,
                            block,
                            item: Some(item),
                            bullet: false,
                        });
                    }
                }
            }
        }
    }
    (lines, cursor.page + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::parse;

    fn fonts() -> Fonts<'static> {
        Fonts {
            regular: FontRef::new(crate::pdf::REGULAR).unwrap(),
            bold: FontRef::new(crate::pdf::BOLD).unwrap(),
        }
    }

    #[test]
    fn lines_fit_the_measure_and_pages_break_before_the_bottom_margin() {
        let fonts = fonts();
        let long = "The panel found that notice of the change came ten weeks short of what the Compact promises. ".repeat(60);
        let (lines, pages) = lay_out(
            &parse(&format!("# A decision\n\n{long}\n\n- One\n- Two")),
            &fonts,
        );
        assert!(pages >= 2, "{pages}");
        for line in &lines {
            assert!(
                fonts.width(&line.text, line.style) <= PAGE_WIDTH - 2.0 * MARGIN + 0.01,
                "{}",
                line.text
            );
            assert!(line.y <= PAGE_HEIGHT - MARGIN, "{line:?}");
            assert!(line.y > MARGIN, "{line:?}");
        }
        let words: Vec<&str> = lines
            .iter()
            .filter(|l| l.block == 1)
            .flat_map(|l| l.text.split(' '))
            .collect();
        assert_eq!(
            words.len(),
            long.split(' ').filter(|w| !w.is_empty()).count(),
            "no word lost in wrapping"
        );
        assert_eq!(lines.iter().filter(|l| l.bullet).count(), 2);
    }

    #[test]
    fn a_word_wider_than_the_measure_is_broken_and_kept_whole() {
        let fonts = fonts();
        let word = "x".repeat(400);
        let wrapped = fonts.wrap(&word, BODY, 200.0);
        assert!(wrapped.len() > 1);
        assert_eq!(wrapped.concat(), word);
    }

    #[test]
    fn characters_without_a_glyph_are_shown_as_the_replacement_and_invisible_ones_left_out() {
        let fonts = fonts();
        assert!(matches!(fonts.shown("Ŵyr café", BODY), Cow::Borrowed(_)));
        assert_eq!(
            fonts.shown("a\u{c7e55}b\u{1}c\u{E0100}d漢", BODY),
            "a\u{FFFD}b\u{FFFD}cd\u{FFFD}"
        );
        assert_eq!(fonts.shown("x\u{c7e55}", TITLE), "x\u{FFFD}");
    }
}
