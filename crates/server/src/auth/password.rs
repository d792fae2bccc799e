//! Password hashing with argon2id, off the async threads (each hash takes tens of
//! milliseconds and 19 MiB by design).
//!
//! Hashes run on a few threads of their own, one for every two cores, each reusing one block of
//! argon2 memory: so a burst of sign-ins queues for those threads instead of taking every
//! core from the requests, and the memory hashing needs is allocated once per thread
//! rather than kept, fragment by fragment, by the allocator after each hash.

use std::cell::RefCell;
use std::sync::LazyLock;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use disputes_workflow::FieldError;

use crate::problem::ApiError;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 12;
/// The longest: argon2 would take anything, but a megabyte of password is a denial of service.
pub const MAX_LENGTH: usize = 1024;

/// A hash of a password no one has, checked when the account does not exist so that a
/// failed sign-in takes as long whatever the cause.
const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$ZGVjb3lkZWNveWRlY295$O7fFhbXPeE7fHvGmSJd5wBwpZDy2Iu/0DcP+yk9tTKM";

/// Checks that a new password is long enough to be worth hashing.
pub fn check(field: &str, password: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(FieldError::new(
            field,
            format!("must be at least {MIN_LENGTH} characters"),
        ));
    }
    if length > MAX_LENGTH {
        return Err(FieldError::new(
            field,
            format!("must be at most {MAX_LENGTH} characters"),
        ));
    }
    Ok(())
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
    fn short_and_enormous_passwords_are_refused() {
        assert!(check("password", "short").is_err());
        assert!(check("password", &"x".repeat(MAX_LENGTH + 1)).is_err());
        assert!(check("password", "twelve chars").is_ok());
    }
}
