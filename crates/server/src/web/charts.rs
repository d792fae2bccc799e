//! Bar charts as SVG, drawn on the server: each bar carries its label and its number as
//! text, so a chart reads without colour, in print, and (with its table) by screen reader.

use std::fmt::Write;

/// Height of one bar's row, in SVG units.
const ROW: u32 = 28;
/// Width of the label column.
const LABEL_WIDTH: u32 = 340;
/// Width of the bar area.
const BAR_WIDTH: u32 = 300;

/// A horizontal bar chart of `rows` (label, value), its values shown followed by `unit` (a
/// word, or nothing); a value left out (too small to show) has no bar, and `hidden` in its
/// place.
pub(crate) fn bar_chart(rows: &[(String, Option<f64>)], unit: &str, hidden: &str) -> String {
    let max = rows.iter().filter_map(|(_, v)| *v).fold(0.0_f64, f64::max);
    let height = ROW * u32::try_from(rows.len()).unwrap_or(0) + 4;
    let width = LABEL_WIDTH + BAR_WIDTH + 80;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
         aria-hidden=\"true\" focusable=\"false\">"
    );
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = ROW * u32::try_from(i).unwrap_or(0);
        let length = match value {
            Some(value) if max > 0.0 => (value / max * f64::from(BAR_WIDTH)).round(),
            _ => 0.0,
        };
        let number = value.map_or_else(
            || hidden.to_owned(),
            |v| match unit {
                "" => format_value(v),
                unit => format!("{} {unit}", format_value(v)),
            },
        );
        let _ = write!(
            svg,
            "<text class=\"chart__label\" x=\"{x}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect class=\"chart__bar\" x=\"{bx}\" y=\"{by}\" width=\"{length}\" height=\"{bh}\"></rect>\
             <text class=\"chart__value\" x=\"{vx}\" y=\"{ty}\">{number}</text>",
            x = LABEL_WIDTH - 8,
            ty = y + 19,
            label = escape(&shorten(label, 46)),
            bx = LABEL_WIDTH,
            by = y + 5,
            bh = ROW - 8,
            vx = f64::from(LABEL_WIDTH) + length + 6.0,
            number = escape(&number),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn format_value(value: f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn shorten(label: &str, at: usize) -> String {
    if label.chars().count() <= at {
        return label.to_owned();
    }
    let cut: String = label.chars().take(at - 1).collect();
    format!("{}…", cut.trim_end())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_carry_their_labels_and_numbers_as_text() {
        let svg = bar_chart(
            &[
                ("Notice".to_owned(), Some(4.0)),
                ("<Other> & more".to_owned(), Some(2.0)),
                ("Equality".to_owned(), None),
            ],
            "",
            "fewer than 5",
        );
        assert!(svg.contains(">Notice</text>") && svg.contains(">4</text>"));
        assert!(svg.contains("&lt;Other&gt; &amp; more"));
        // The longest bar fills the bar area; the others in proportion.
        assert!(svg.contains("width=\"300\"") && svg.contains("width=\"150\""));
        // A count too small to show has no bar, and says so.
        assert!(svg.contains("width=\"0\"") && svg.contains(">fewer than 5</text>"));
        let days = bar_chart(&[("None".to_owned(), Some(0.0))], "days", "");
        assert!(days.contains(">0 days</text>"));
    }
}
