//! Password hashing with argon2id, off the async threads (each hash takes tens of
//! milliseconds and 19 MiB by design).
//!
//! Hashes run on a few threads of their own, one for every two cores, each reusing one block of
//! argon2 memory: so a burst of sign-ins queues for those threads instead of taking every
//! core from the requests, and the memory hashing needs is allocated once per thread
//! rather than kept, fragment by fragment, by the allocator after each hash.

use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::LazyLock;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use disputes_workflow::FieldError;
use unicode_normalization::UnicodeNormalization;

use crate::problem::{ApiError, field_problem};

/// The longest: argon2 would take anything, but a megabyte of password is a denial of service.
pub const MAX_LENGTH: usize = 1024;

/// A hash of a password no one has, checked when the account does not exist so that a
/// failed sign-in takes as long whatever the cause.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$ZGVjb3lkZWNveWRlY295$O7fFhbXPeE7fHvGmSJd5wBwpZDy2Iu/0DcP+yk9tTKM";

/// Passwords people are known to choose: Django's list of 20,000 common passwords (from
/// breaches collected by Royce Williams; BSD licence), one per line, lower case.
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().collect());

/// The rules a new password must meet, after NIST SP 800-63B: long enough, not absurdly
/// long, and not a password others would guess first (a common one, one character or word
/// repeated, a run like `abcdef`, or the person's own name and address). No rules about
/// kinds of character, and nothing trimmed: a space is a character like any other.
#[derive(Debug, Clone)]
pub struct Policy {
    /// The fewest characters.
    pub min_length: usize,
    /// Words of the service itself that a guesser would try (the Compact's name).
    service_words: Vec<String>,
}

impl Policy {
    /// The policy of a service serving the Compact called `compact`.
    pub fn new(min_length: usize, compact: &str) -> Policy {
        let mut service_words = words(compact);
        service_words.extend(["disputes", "dispute", "compact"].map(str::to_owned));
        Policy {
            min_length,
            service_words,
        }
    }

    /// Checks a new password for the person with `email` and `name`, naming `field`.
    pub fn check(
        &self,
        field: &str,
        password: &str,
        email: &str,
        name: &str,
    ) -> Result<(), FieldError> {
        let refuse = |key, args| Err(field_problem(field, key, args));
        let length = password.chars().count();
        if length < self.min_length {
            return refuse(
                "field-password-short",
                vec![("min", self.min_length.into())],
            );
        }
        if length > MAX_LENGTH {
            return refuse("workflow-text-too-long", vec![("max", MAX_LENGTH.into())]);
        }
        let folded: String = password.nfkc().collect::<String>().to_lowercase();
        let squeezed: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
        // A common password with digits or symbols around it is still that password.
        let core = squeezed.trim_matches(|c: char| !c.is_alphabetic());
        if [folded.as_str(), squeezed.as_str(), core]
            .iter()
            .any(|candidate| COMMON.contains(candidate))
        {
            return refuse("field-password-common", Vec::new());
        }
        if [squeezed.as_str(), core]
            .iter()
            .any(|candidate| repeats(candidate) || is_run(candidate))
        {
            return refuse("field-password-pattern", Vec::new());
        }
        let mut known = words(email);
        known.extend(words(name));
        known.extend(self.service_words.iter().cloned());
        let mut rest = squeezed.clone();
        for word in known.iter().filter(|w| w.chars().count() >= 3) {
            rest = rest.replace(word.as_str(), "");
        }
        if rest.chars().filter(|c| c.is_alphabetic()).count() < 6 {
            return refuse("field-password-personal", Vec::new());
        }
        Ok(())
    }
}

/// The lower-case words of a name or an address.
fn words(text: &str) -> Vec<String> {
    text.nfkc()
        .collect::<String>()
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether `text` is one shorter piece said over and over (`abcabcabc`, `passwordpassword`).
fn repeats(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (1..=chars.len() / 2).any(|period| {
        chars.len().is_multiple_of(period)
            && chars.chunks(period).all(|chunk| chunk == &chars[..period])
    })
}

/// Whether `text` runs up or down one character at a time (`abcdefgh`, `987654321`).
fn is_run(text: &str) -> bool {
    let codes: Vec<i64> = text.chars().map(|c| i64::from(u32::from(c))).collect();
    let steps: Vec<i64> = codes.windows(2).map(|pair| pair[1] - pair[0]).collect();
    !steps.is_empty() && (steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1))
}

type Job = Box<dyn FnOnce() + Send>;

/// The hashing threads' queue.
static POOL: LazyLock<Sender<Job>> = LazyLock::new(|| {
    let (sender, receiver) = channel::<Job>();
    let receiver = Arc::new(Mutex::new(receiver));
    // Half the cores: sign-ins are rare, and each thread keeps its 19 MiB for life.
    let threads = std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).clamp(1, 4));
    for n in 0..threads {
        let receiver = receiver.clone();
        let spawned = std::thread::Builder::new()
            .name(format!("password-{n}"))
            .spawn(move || work(&receiver));
        if let Err(error) = spawned {
            tracing::error!(%error, "cannot start a password hashing thread");
        }
    }
    sender
});

fn work(receiver: &Mutex<Receiver<Job>>) {
    loop {
        let job = match receiver.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

/// Runs `job` on a hashing thread; none if the threads are gone.
async fn on_hashing_thread<T: Send + 'static>(
    job: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    POOL.send(Box::new(move || {
        let _ = answer.send(job());
    }))
    .ok()?;
    answered.await.ok()
}

thread_local! {
    /// This thread's argon2 memory, grown to the largest hash it has computed.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// `password` hashed with `argon` and `salt` into `out`, in this thread's memory.
fn compute(
    argon: &Argon2<'_>,
    blocks: usize,
    password: &str,
    salt: &[u8],
    out: &mut [u8],
) -> argon2::Result<()> {
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        argon.hash_password_into_with_memory(password.as_bytes(), salt, out, &mut memory[..blocks])
    })
}

/// A new argon2id hash of `password`, as a PHC string, with OWASP's parameters (19 MiB,
/// two passes, one lane) and a random 16-byte salt.
fn hash_now(password: &str) -> Result<String, String> {
    let params = Params::default();
    let mut salt = [0_u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut out = [0_u8; Params::DEFAULT_OUTPUT_LEN];
    compute(&argon, params.block_count(), password, &salt, &mut out).map_err(|e| e.to_string())?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13 as u32),
        params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
        salt: Some(Salt::new(&salt).map_err(|e| e.to_string())?),
        hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
    };
    Ok(phc.to_string())
}

/// Whether `password` hashes to the PHC string `stored`, with the stored parameters.
fn matches_now(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) = (
        Algorithm::try_from(parsed.algorithm.as_str()),
        Params::try_from(&parsed),
        parsed.salt.as_ref(),
        parsed.hash.as_ref(),
    ) else {
        return false;
    };
    let version = parsed
        .version
        .map_or(Ok(Version::V0x13), Version::try_from)
        .unwrap_or(Version::V0x13);
    let blocks = params.block_count();
    let argon = Argon2::new(algorithm, version, params);
    let mut out = vec![0_u8; expected.len()];
    compute(&argon, blocks, password, salt.as_ref(), &mut out).is_ok()
        && Output::new(&out).is_ok_and(|computed| &computed == expected)
}

/// Hashes `password` to a PHC string.
pub async fn hash(password: String) -> Result<String, ApiError> {
    on_hashing_thread(move || hash_now(&password))
        .await
        .ok_or_else(ApiError::internal)?
        .map_err(|error| {
            tracing::error!(%error, "password hashing failed");
            ApiError::internal()
        })
}

/// Whether `password` matches `hash`; against a decoy when there is no account, so that
/// the answer takes as long either way.
pub async fn verify(password: String, hash: Option<String>) -> bool {
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| DECOY.to_owned());
    let matches = on_hashing_thread(move || matches_now(&password, &hash))
        .await
        .unwrap_or(false);
    known && matches
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hashed = hash("correct horse battery".into()).await.unwrap();
        assert!(hashed.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(hashed.clone())).await);
        assert!(!verify("wrong horse battery".into(), Some(hashed)).await);
        assert!(!verify("anything at all".into(), None).await);
        assert!(PasswordHash::new(DECOY).is_ok());
        // A hash made by the argon2 crate's own hasher verifies too, and the other way round.
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let theirs = Argon2::default()
            .hash_password(b"their own way")
            .unwrap()
            .to_string();
        assert!(matches_now("their own way", &theirs));
        assert!(!matches_now("not their way", &theirs));
        let ours = hash_now("our own way").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(
            Argon2::default()
                .verify_password(b"our own way", &parsed)
                .is_ok()
        );
        assert!(ours.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(!matches_now("x", "not a hash"));
    }

    #[test]
    fn passwords_follow_nist_sp_800_63b() {
        let policy = Policy::new(15, "Compact Leicestershire");
        let check = |password: &str| {
            policy.check(
                "password",
                password,
                "jo.patel@ageconcern.example.org",
                "Jo Patel",
            )
        };
        assert_eq!(check("correct horse battery staple"), Ok(()));
        // Spaces are characters like any other; nothing is trimmed.
        assert_eq!(check("  tulip river 9  "), Ok(()));
        let refused = |password: &str| check(password).unwrap_err().message;
        assert_eq!(refused("short"), "must be at least 15 characters");
        assert!(refused(&"x".repeat(MAX_LENGTH + 1)).starts_with("must be at most"));
        // Common passwords, also with digits and symbols around them or spaces inside.
        for common in [
            "1q2w3e4r5t6y7u8i9o0p",
            "Iloveyou1234567!",
            "!!!Sunshine2026!!!",
            "qwertyuiop 12345",
        ] {
            assert!(
                refused(common).contains("passwords people use most"),
                "{common}"
            );
        }
        for guessable in [
            "passwordpassword",
            "aaaaaaaaaaaaaaaa",
            "abcdefghijklmnop",
            "98765432109876543210",
        ] {
            assert!(
                refused(guessable).contains("repeats") || refused(guessable).contains("most"),
                "{guessable}"
            );
        }
        for personal in [
            "JoPatel2026!!!!!",
            "ageconcern patel 1",
            "leicestershire compact",
        ] {
            assert!(refused(personal).contains("your name"), "{personal}");
        }
        assert_eq!(COMMON.len(), 19_640, "SECURITY.md gives the list's size");
    }
}
