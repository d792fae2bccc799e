//! Writing laid-out lines as a tagged PDF: each line of text a marked span in the structure
//! of its block (a heading, a paragraph, a list's item), page numbers as artifacts, the
//! document's title and language in its metadata, checked against PDF/UA-1 as it is written.

use std::num::NonZeroU16;

use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, ListNumbering, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document as Pdf, SerializeSettings};
use skrifa::FontRef;

use crate::layout::{BODY, FOOTER_BASELINE, Fonts, Line, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, lay_out};
use crate::markup::{Block, parse};
use crate::{Document, DocumentError};

/// DejaVu Sans (fonts/LICENSE), embedded in every document (the glyphs it uses).
pub(crate) const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold.
pub(crate) const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// `document` as a PDF file.
pub fn render(document: &Document) -> Result<Vec<u8>, DocumentError> {
    let blocks = parse(&document.markup);
    let measuring = Fonts {
        regular: FontRef::new(REGULAR).map_err(|e| DocumentError::Pdf(e.to_string()))?,
        bold: FontRef::new(BOLD).map_err(|e| DocumentError::Pdf(e.to_string()))?,
    };
    let (lines, pages) = lay_out(&blocks, &measuring);
    let font = |data: &'static [u8]| {
        Font::new(data.into(), 0).ok_or_else(|| DocumentError::Pdf("a font cannot be read".into()))
    };
    let (regular, bold) = (font(REGULAR)?, font(BOLD)?);
    let configuration = ConfigurationBuilder::new()
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| DocumentError::Pdf(format!("{e:?}")))?;
    let mut pdf = Pdf::new_with(SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    });
    pdf.set_metadata(
        Metadata::new()
            .title(document.title.clone())
            .language(document.language.clone())
            .creator("disputes".to_owned()),
    );
    // Each block's group in the structure, filled with its lines' spans as they are drawn.
    let mut groups: Vec<Group> = blocks.iter().map(Group::of).collect();
    let size = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| DocumentError::Pdf("the page size".into()))?;
    for number in 0..pages {
        let mut page = pdf.start_page_with(size.clone());
        let mut surface = page.surface();
        for line in lines.iter().filter(|l| l.page == number) {
            // Where a character had to be replaced, the span still reads as written.
            let shown = measuring.shown(&line.text, line.style);
            let actual = (shown != line.text).then_some(line.text.as_str());
            let id =
                surface.start_tagged(ContentTag::Span(SpanTag::empty().with_actual_text(actual)));
            let font = if line.style.bold {
                bold.clone()
            } else {
                regular.clone()
            };
            surface.draw_text(
                Point::from_xy(line.x, line.y),
                font,
                line.style.size,
                &shown,
                false,
                TextDirection::Auto,
            );
            surface.end_tagged();
            if let Some(group) = groups.get_mut(line.block) {
                group.add(line, id);
            }
        }
        let footer = format!("{} · page {} of {pages}", document.footer, number + 1);
        surface.start_tagged(ContentTag::Artifact(Artifact::new(
            ArtifactType::PageNumber,
            None,
        )));
        surface.draw_text(
            Point::from_xy(MARGIN, FOOTER_BASELINE),
            regular.clone(),
            8.5,
            &measuring.shown(&footer, BODY),
            false,
            TextDirection::Auto,
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
    }
    // The headings as bookmarks: the outline PDF/UA asks for, and a way round a long record.
    let mut outline = Outline::new();
    for line in lines.iter().filter(|l| l.style.bold && l.item.is_none()) {
        if let Some(Block::Heading { text, .. }) = blocks.get(line.block)
            && lines.iter().find(|l| l.block == line.block) == Some(line)
        {
            let to =
                XyzDestination::new(line.page, Point::from_xy(0.0, line.y - line.style.leading));
            outline.push_child(OutlineNode::new(text.clone(), to));
        }
    }
    pdf.set_outline(outline);
    let mut tree = TagTree::new();
    for group in groups {
        tree.push(group.finish());
    }
    pdf.set_tag_tree(tree);
    pdf.finish()
        .map_err(|e| DocumentError::Pdf(format!("{e:?}")))
}

/// A block's place in the structure tree, and its list's items as they fill.
enum Group {
    Single(TagGroup),
    List {
        list: TagGroup,
        items: Vec<(TagGroup, TagGroup)>,
    },
}

impl Group {
    fn of(block: &Block) -> Group {
        match block {
            Block::Heading { level, text } => Group::Single(TagGroup::new(Tag::Hn(
                NonZeroU16::new(u16::from(*level)).unwrap_or(NonZeroU16::MIN),
                Some(text.clone()),
            ))),
            Block::Paragraph(_) => Group::Single(TagGroup::new(Tag::P)),
            Block::List(items) => Group::List {
                list: TagGroup::new(Tag::L(ListNumbering::Disc)),
                items: items
                    .iter()
                    .map(|_| (TagGroup::new(Tag::Lbl), TagGroup::new(Tag::LBody)))
                    .collect(),
            },
        }
    }

    fn add(&mut self, line: &Line, id: krilla::tagging::Identifier) {
        match self {
            Group::Single(group) => group.push(id),
            Group::List { items, .. } => {
                if let Some((label, body)) = line.item.and_then(|i| items.get_mut(i)) {
                    if line.bullet {
                        label.push(id);
                    } else {
                        body.push(id);
                    }
                }
            }
        }
    }

    fn finish(self) -> TagGroup {
        match self {
            Group::Single(group) => group,
            Group::List { mut list, items } => {
                for (label, body) in items {
                    let mut item = TagGroup::new(Tag::LI);
                    item.push(label);
                    item.push(body);
                    list.push(item);
                }
                list
            }
        }
    }
}
