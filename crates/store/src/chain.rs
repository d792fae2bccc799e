//! The hash chain that makes the audit trail tamper-evident, with each event's content held
//! apart from what is hashed so that it can be removed (ARCHITECTURE.md, "Records").
//!
//! Each event's hash covers the case's reference, the event's number, the previous event's
//! hash and the event in its *sealed* form: its JSON with each piece of content (the text
//! people wrote) replaced by that text's salted digest. A seal keeps the salt while the text
//! is held and only the digest once it is removed. Editing a payload, a text, a seal, or
//! removing, reordering or moving events all break the chain, and the verifier reports where.
//!
//! Events written before seals existed hash their payload text whole (`disputes-event-v1`)
//! until `disputes migrate` reseals them ([`crate::Store::reseal_chains`]).

use disputes_workflow::{CaseEvent, TOMBSTONE, Title};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The "previous hash" of a case's first event.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What is kept for one piece of an event's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Seal {
    /// The text is held: its digest is computed from it and this salt (hex).
    Salt(String),
    /// The text was removed: its digest (hex) is all that is left of it.
    Digest(String),
}

/// Why an event cannot be put in its sealed form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum SealError {
    /// There is not one seal for each piece of content.
    #[error("it has {texts} pieces of text but {seals} seals")]
    Count {
        /// Pieces of content in the event.
        texts: usize,
        /// Seals stored for it.
        seals: usize,
    },
    /// A seal says a text was removed, but the text is still there.
    #[error("its text {0} is sealed as removed but is not")]
    NotRemoved(usize),
}

/// One of the hashed parts, preceded by its length, so parts cannot trade characters.
fn hash(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.len().to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// The hash of event `seq` of case `reference`, following `previous`, by the rule of events
/// written before seals: the stored payload, whole.
pub(crate) fn link_v1(reference: &str, seq: u32, previous: &str, payload: &str) -> String {
    hash(&[
        "disputes-event-v1",
        reference,
        &seq.to_string(),
        previous,
        payload,
    ])
}

/// The digest of a piece of content, under its salt.
pub(crate) fn digest(salt: &str, text: &str) -> String {
    hash(&["disputes-text-v1", salt, text])
}

/// New seals for each piece of `event`'s content, each with a salt of its own.
pub(crate) fn seal(event: &CaseEvent) -> Vec<Seal> {
    event.texts().iter().map(|_| Seal::Salt(salt())).collect()
}

fn salt() -> String {
    let mut bytes = [0_u8; 16];
    // The operating system's generator does not fail on the systems the service runs on; if
    // it did, a salt of zeros would still hash correctly, only less privately.
    if let Err(error) = getrandom::fill(&mut bytes) {
        tracing::error!(%error, "no random salt for an event's text");
    }
    hex::encode(bytes)
}

/// The hash of event `seq` of case `reference`, following `previous`: the event in its sealed
/// form under `seals`.
pub(crate) fn link(
    reference: &str,
    previous: &str,
    event: &CaseEvent,
    seals: &[Seal],
) -> Result<String, SealError> {
    let texts = event.texts();
    if texts.len() != seals.len() {
        return Err(SealError::Count {
            texts: texts.len(),
            seals: seals.len(),
        });
    }
    let mut digests = Vec::with_capacity(seals.len());
    for (i, (text, seal)) in texts.iter().zip(seals).enumerate() {
        digests.push(match seal {
            Seal::Salt(salt) => digest(salt, text),
            Seal::Digest(_) if text != TOMBSTONE => return Err(SealError::NotRemoved(i)),
            Seal::Digest(digest) => digest.clone(),
        });
    }
    let mut sealed = event.clone();
    sealed.replace_texts(|i, _| Title::parse(format!("sha256:{}", digests[i])).ok());
    let sealed = serde_json::to_string(&sealed).unwrap_or_default();
    Ok(hash(&[
        "disputes-event-v2",
        reference,
        &event.seq.to_string(),
        previous,
        &sealed,
    ]))
}

/// `event`'s content removed, where `which(i)` says so: the text replaced by the tombstone
/// and its seal by the digest. Answers how many pieces were removed.
pub(crate) fn remove(
    event: &mut CaseEvent,
    seals: &mut [Seal],
    mut which: impl FnMut(usize) -> bool,
) -> usize {
    let mut removed = 0;
    let texts = event.texts();
    for (i, seal) in seals.iter_mut().enumerate() {
        if let (Seal::Salt(salt), Some(text)) = (&*seal, texts.get(i))
            && which(i)
        {
            *seal = Seal::Digest(digest(salt, text));
            removed += 1;
        }
    }
    let tombstone = Title::parse(TOMBSTONE).ok();
    event.replace_texts(|i, _| match seals.get(i) {
        Some(Seal::Digest(_)) => tombstone.clone(),
        _ => None,
    });
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_of_the_old_link_counts() {
        let base = link_v1("DC-2026-0001", 2, GENESIS, r#"{"a":1}"#);
        assert_eq!(base.len(), 64);
        assert_eq!(base, link_v1("DC-2026-0001", 2, GENESIS, r#"{"a":1}"#));
        assert_ne!(base, link_v1("DC-2026-0002", 2, GENESIS, r#"{"a":1}"#));
        assert_ne!(base, link_v1("DC-2026-0001", 3, GENESIS, r#"{"a":1}"#));
        assert_ne!(base, link_v1("DC-2026-0001", 2, &base, r#"{"a":1}"#));
        assert_ne!(base, link_v1("DC-2026-0001", 2, GENESIS, r#"{"a":2}"#));
        // Lengths are hashed too, so parts cannot trade characters.
        assert_ne!(link_v1("AB", 1, "C", "D"), link_v1("A", 1, "BC", "D"));
    }

    #[test]
    fn a_salt_is_sixteen_random_bytes() {
        let (a, b) = (salt(), salt());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
        assert_ne!(digest(&a, "Jane"), digest(&b, "Jane"));
    }
}
