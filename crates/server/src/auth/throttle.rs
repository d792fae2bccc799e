//! Slowing down password guessing without giving a stranger the power to lock the owner out.
//!
//! After OWASP's "device cookies": a browser that has signed in to an account gets a cookie
//! naming it as one of that account's browsers. Failed sign-ins from such a browser count
//! against that browser alone. Failures from every other client count against the account
//! (for clients new to it) and against the client's address; when either count is full,
//! those clients wait, while the owner's own browser goes on signing in. A client's address
//! is the connection's, or, behind a proxy named in `server.trusted_proxies`, the last
//! address in `X-Forwarded-For` that is not such a proxy: a client cannot choose its own.

use std::net::IpAddr;

use axum::http::HeaderMap;
use chrono::{DateTime, Duration, Utc};
use ipnet::IpNet;

use super::cookie_secret;

/// The cookie naming a browser that has signed in to an account before.
pub const DEVICE_COOKIE: &str = "disputes_device";

/// Who is trying to sign in, as far as throttling is concerned.
#[derive(Debug, Clone)]
pub struct Client {
    /// The client's address, as far as it can be believed.
    pub address: IpAddr,
    /// The device cookie it sent, if any.
    pub device: Option<String>,
    /// How the browser describes itself (`User-Agent`, cut to 200 characters), to tell
    /// sessions apart in their list.
    pub user_agent: Option<String>,
}

impl Client {
    /// The client behind a request that came from `peer` with `headers`.
    pub fn of(peer: IpAddr, headers: &HeaderMap, trusted_proxies: &[IpNet]) -> Client {
        Client {
            address: client_address(peer, headers, trusted_proxies),
            device: cookie_secret(headers, DEVICE_COOKIE),
            user_agent: headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.chars().filter(|c| !c.is_control()).take(200).collect()),
        }
    }
}

impl axum::extract::FromRequestParts<crate::state::AppState> for Client {
    type Rejection = crate::problem::ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &crate::state::AppState,
    ) -> Result<Client, Self::Rejection> {
        let axum::extract::ConnectInfo(peer) =
            axum::extract::ConnectInfo::<std::net::SocketAddr>::from_request_parts(parts, state)
                .await
                .map_err(|_| crate::problem::ApiError::internal())?;
        Ok(Client::of(
            peer.ip(),
            &parts.headers,
            &state.settings.server.trusted_proxies,
        ))
    }
}

/// The address of the client behind a connection from `peer`: `peer` itself unless it is a
/// trusted proxy, in which case `X-Forwarded-For` is read from the right, past every
/// trusted proxy, to the first address that is not one.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |address: &IpAddr| trusted.iter().any(|net| net.contains(address));
    if !is_trusted(&peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|part| part.trim().parse::<IpAddr>())
        .collect::<Result<_, _>>()
        // A list that does not read as addresses is not believed at all.
        .unwrap_or_default();
    forwarded
        .iter()
        .rev()
        .find(|address| !is_trusted(address))
        .or_else(|| forwarded.first())
        .copied()
        .unwrap_or(peer)
}

/// Seconds `key` must wait at `now`: [`wait`] over its events the store counted within the
/// last `window`.
pub async fn counted_wait(
    store: &disputes_store::Store,
    key: &str,
    limit: u32,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<Option<u64>, disputes_store::StoreError> {
    let events = store.login_failures_since(key, now - window).await?;
    Ok(wait(&events, limit, window, now))
}

/// Seconds until fewer than `limit` of `failures` (oldest first, all within the last
/// `window`) are left in the window: none while there is room for another attempt.
pub fn wait(
    failures: &[DateTime<Utc>],
    limit: u32,
    window: Duration,
    now: DateTime<Utc>,
) -> Option<u64> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    if failures.len() < limit {
        return None;
    }
    // Once the oldest failures beyond `limit - 1` have left the window, there is room.
    Some(seconds_until(
        failures[failures.len() - limit] + window,
        now,
    ))
}

/// Whole seconds from `now` until `at`, and at least one: what a `Retry-After` says.
pub fn seconds_until(at: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    let milliseconds = (at - now).num_milliseconds().max(0);
    u64::try_from(milliseconds)
        .unwrap_or(0)
        .div_ceil(1000)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(forwarded: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", forwarded.parse().unwrap());
        headers
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_proxies() {
        let proxies: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let proxy: IpAddr = "10.1.2.3".parse().unwrap();
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        // A client that connects directly cannot pretend to be someone else.
        assert_eq!(
            client_address(stranger, &headers("198.51.100.1"), &proxies),
            stranger
        );
        // Behind the proxy, the client is the last address the proxies did not add.
        assert_eq!(
            client_address(
                proxy,
                &headers("198.51.100.1, 192.0.2.7, 10.9.9.9"),
                &proxies
            ),
            "192.0.2.7".parse::<IpAddr>().unwrap()
        );
        // Nothing forwarded, or nonsense: the proxy itself.
        assert_eq!(client_address(proxy, &HeaderMap::new(), &proxies), proxy);
        assert_eq!(
            client_address(proxy, &headers("not an address"), &proxies),
            proxy
        );
        // With no trusted proxies, the header is never read.
        assert_eq!(client_address(proxy, &headers("192.0.2.7"), &[]), proxy);
    }

    #[test]
    fn the_wait_lasts_until_the_oldest_counted_failure_leaves_the_window() {
        let now: DateTime<Utc> = "2026-03-02T09:15:00Z".parse().unwrap();
        let window = Duration::minutes(15);
        let at = |minutes: i64| now - Duration::minutes(minutes);
        assert_eq!(wait(&[at(10), at(5)], 3, window, now), None);
        // Three failures, limit three: room again when the first (10 minutes ago) leaves.
        assert_eq!(wait(&[at(10), at(5), at(1)], 3, window, now), Some(300));
        // Four failures, limit three: the second one must leave too.
        assert_eq!(
            wait(&[at(12), at(10), at(5), at(1)], 3, window, now),
            Some(300)
        );
    }
}
