//! The request a write was made for, so that what it queues (an email) can name it: an
//! operator following a request id finds the emails it caused, in the logs and in traces.
//!
//! The server runs each request within [`within`]; a write reads it with [`current`], on
//! the request's own task or, on SQLite, on the writer thread while it runs that request's
//! write. Work that no request started (the scheduler's sweeps) has none.

use std::cell::RefCell;
use std::future::Future;

tokio::task_local! {
    static REQUEST: String;
}

thread_local! {
    /// The request whose write the writer thread is running.
    static ON_THREAD: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `work` as done for the request `id`.
pub async fn within<F: Future>(id: String, work: F) -> F::Output {
    REQUEST.scope(id, work).await
}

/// The request the current work is done for, if any.
pub fn current() -> Option<String> {
    REQUEST
        .try_with(Clone::clone)
        .ok()
        .or_else(|| ON_THREAD.with(|on| on.borrow().clone()))
}

/// Runs `work` on this thread as done for `origin`, as the writer thread does for each
/// write it was handed.
pub(crate) fn on_thread<T>(origin: Option<String>, work: impl FnOnce() -> T) -> T {
    let before = ON_THREAD.with(|on| on.replace(origin));
    let result = work();
    ON_THREAD.with(|on| *on.borrow_mut() = before);
    result
}
