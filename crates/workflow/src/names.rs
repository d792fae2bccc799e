//! How the names people type are compared and checked: email addresses and organisation
//! names.
//!
//! Two spellings that a person would call the same must be the same to the service, or one
//! organisation could be registered twice ("Age UK Leicester", "age uk  leicester") and one
//! address could belong to two accounts ("Jo@Example.org" with a composed and a decomposed
//! accent). Each has a key: the form it is stored and compared in.

use unicode_normalization::UnicodeNormalization;

/// The longest address a mail system carries (RFC 5321's path limit, less the brackets).
pub const EMAIL_MAX: usize = 254;

/// An email address as it is stored and compared: Unicode NFC, lower case, trimmed.
/// Mailboxes differing only in case are one mailbox at every provider people use.
pub fn email_key(email: &str) -> String {
    email.trim().nfc().collect::<String>().to_lowercase()
}

/// An organisation's name as it is compared for uniqueness: compatibility-normalised
/// (NFKC, so a ligature or a full-width letter is its plain letter), lower case, with runs of
/// spaces made one.
pub fn organisation_key(name: &str) -> String {
    name.nfkc()
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks that `email` is one plain address, `local@domain`, and nothing else: no display
/// name, no angle brackets, no comments, no second address, no quoted local part. What is
/// refused could otherwise smuggle another recipient or a header into an email. What to tell
/// the person is the catalogue's key ([`crate::messages::ENGLISH`]).
pub fn check_email(email: &str) -> Result<(), &'static str> {
    let email: String = email.trim().nfc().collect();
    if email.is_empty() || email.len() > EMAIL_MAX {
        return Err("workflow-email-length");
    }
    let Some((local, domain)) = email.as_str().split_once('@') else {
        return Err("workflow-email-shape");
    };
    let plain = |c: char| {
        c.is_alphanumeric() || (c.is_ascii_punctuation() && "!#$%&'*+-/=?^_`{|}~.".contains(c))
    };
    let dotted = |part: &str| {
        !part.is_empty() && !part.starts_with('.') && !part.ends_with('.') && !part.contains("..")
    };
    if local.len() > 64 || !dotted(local) || !local.chars().all(plain) {
        return Err("workflow-email-plain");
    }
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if !domain.contains('.') || !domain.split('.').all(label_ok) {
        return Err("workflow-email-domain");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_that_differ_only_in_case_or_composition_are_one() {
        let composed = "Zo\u{e9}@Example.ORG";
        let decomposed = "zoe\u{301}@example.org";
        assert_eq!(email_key(composed), email_key(decomposed));
        assert_eq!(email_key(" Jo@Example.org "), "jo@example.org");
    }

    #[test]
    fn only_one_plain_address_is_an_address() {
        for good in [
            "jo.patel@ageconcern.example.org",
            "o'brien+compact@council.gov.uk",
            "zo\u{e9}@caf\u{e9}.example",
            "zoe\u{301}@example.org",
        ] {
            assert_eq!(check_email(good), Ok(()), "{good}");
        }
        for bad in [
            "<x@evil.example>",
            "Jo <jo@example.org>",
            "jo@example.org, boss@example.org",
            "\"jo\"@example.org",
            "jo@example",
            "jo@@example.org",
            "jo@-example.org",
            ".jo@example.org",
            "jo..p@example.org",
            "jo @example.org",
            "jo@example.org\r\nBcc: x@y.org",
            "jo(comment)@example.org",
            "",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?} was taken");
        }
    }

    #[test]
    fn organisation_names_compare_as_people_read_them() {
        assert_eq!(
            organisation_key("Age UK  Leicester"),
            organisation_key("age uk leicester")
        );
        assert_eq!(organisation_key("\u{fb01}re service"), "fire service");
        assert_ne!(
            organisation_key("Age UK"),
            organisation_key("Age UK Leicester")
        );
    }
}
