//! The hash chain that makes the audit trail tamper-evident.
//!
//! Each event's hash covers the case's reference, the event's number, the previous event's
//! hash and the event's stored payload (its exact JSON text). Editing a payload, removing or
//! reordering events, or moving one to another case all break the chain, and the verifier
//! reports where.

use sha2::{Digest, Sha256};

/// The "previous hash" of a case's first event.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The hash of event `seq` of case `reference`, following `previous`.
pub(crate) fn link(reference: &str, seq: u32, previous: &str, payload: &str) -> String {
    let mut hasher = Sha256::new();
    for part in [
        "disputes-event-v1",
        reference,
        &seq.to_string(),
        previous,
        payload,
    ] {
        hasher.update(part.len().to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_of_the_link_counts() {
        let base = link("DC-2026-0001", 2, GENESIS, r#"{"a":1}"#);
        assert_eq!(base.len(), 64);
        assert_eq!(base, link("DC-2026-0001", 2, GENESIS, r#"{"a":1}"#));
        assert_ne!(base, link("DC-2026-0002", 2, GENESIS, r#"{"a":1}"#));
        assert_ne!(base, link("DC-2026-0001", 3, GENESIS, r#"{"a":1}"#));
        assert_ne!(base, link("DC-2026-0001", 2, &base, r#"{"a":1}"#));
        assert_ne!(base, link("DC-2026-0001", 2, GENESIS, r#"{"a":2}"#));
        // Lengths are hashed too, so parts cannot trade characters.
        assert_ne!(link("AB", 1, "C", "D"), link("A", 1, "BC", "D"));
    }
}
