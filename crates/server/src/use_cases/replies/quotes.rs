//! What a reply adds: its text without the email it quotes and without its signature.
//!
//! Mail programs mark what they quote in a few common ways: lines starting `>`, a line
//! "On ... wrote:" before the quote (Gmail, Apple Mail, Thunderbird), a header block
//! "From: ... Sent: ..." or "-----Original Message-----" (Outlook), a line of underscores.
//! A signature starts at a line "-- " (RFC 3676), and phones add "Sent from my ...".
//! Everything from the first such mark is left out; a reply written below the quote (rare
//! in these offices) keeps its text, since the quoted lines alone are dropped.

/// The new text of a reply `body`.
pub fn new_text(body: &str) -> String {
    let lines: Vec<&str> = body.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at];
        let trimmed = line.trim();
        if ends_new_text(&lines, at) {
            break;
        }
        // A quote below the new text is dropped, not what follows it.
        if trimmed.starts_with('>') || is_phone_footer(trimmed) {
            at += 1;
            continue;
        }
        kept.push(line);
        at += 1;
    }
    let text = kept.join("\n");
    text.trim_matches(|c: char| c == '\n' || c.is_whitespace())
        .to_owned()
}

/// Whether the line `at` starts the quoted history or the signature.
fn ends_new_text(lines: &[&str], at: usize) -> bool {
    let line = lines[at];
    let trimmed = line.trim();
    if line == "-- " || trimmed == "--" {
        return true;
    }
    let lower = trimmed.to_lowercase();
    if lower.starts_with("-----") && lower.contains("original message") {
        return true;
    }
    if trimmed.len() >= 10 && trimmed.chars().all(|c| c == '_') {
        return true;
    }
    // "On Tue, 3 Dec 2026 at 10:15, Someone <someone@example.org> wrote:", perhaps
    // wrapped over two lines.
    let joined = match lines.get(at + 1) {
        Some(next) => format!("{lower} {}", next.trim().to_lowercase()),
        None => lower.clone(),
    };
    let written = |text: &str| text.starts_with("on ") && text.ends_with("wrote:");
    if written(&lower) || (lower.starts_with("on ") && written(&joined)) {
        return true;
    }
    // Outlook's block: "From:" with "Sent:" or "Date:" in the next few lines.
    if lower.starts_with("from:") {
        return lines[at + 1..].iter().take(4).any(|l| {
            let l = l.trim().to_lowercase();
            l.starts_with("sent:") || l.starts_with("date:")
        });
    }
    false
}

fn is_phone_footer(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.starts_with("sent from my ") || lower.starts_with("get outlook for ")
}

#[cfg(test)]
mod tests {
    use super::new_text;

    #[test]
    fn quoted_history_and_signatures_are_left_out() {
        let gmail = "Thank you, we will send the figures.\n\nOn Tue, 1 Dec 2026 at 10:15, \
                     Compact disputes <disputes@example.org> wrote:\n> The formal stage opened.\n";
        assert_eq!(new_text(gmail), "Thank you, we will send the figures.");
        let wrapped = "Agreed.\r\n\r\nOn Tue, 1 Dec 2026 at 10:15, Compact disputes\r\n\
                       <disputes@example.org> wrote:\r\n> quoted\r\n";
        assert_eq!(new_text(wrapped), "Agreed.");
        let outlook = "We accept.\n\nKind regards\nJo\n\nFrom: Compact disputes \
                       <disputes@example.org>\nSent: 01 December 2026 10:15\nTo: Jo\n\
                       Subject: Case opened\n\nThe formal stage opened.";
        assert_eq!(new_text(outlook), "We accept.\n\nKind regards\nJo");
        let original = "Fine.\n-----Original Message-----\nFrom: x";
        assert_eq!(new_text(original), "Fine.");
        let signed = "See attached.\n-- \nJo Patel\nTreasurer";
        assert_eq!(new_text(signed), "See attached.");
        let phone = "Yes.\n\nSent from my iPhone";
        assert_eq!(new_text(phone), "Yes.");
        let interleaved = "> Can you attend?\nYes, on Thursday.\n> And bring the figures?\nI will.";
        assert_eq!(new_text(interleaved), "Yes, on Thursday.\nI will.");
        // A line that merely starts "From:" is the writer's own.
        let plain = "From: our treasurer's notes, the grant was cut.\nThat is all.";
        assert_eq!(new_text(plain), plain);
    }
}
