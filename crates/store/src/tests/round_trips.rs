//! What an action costs PostgreSQL in round trips, counted on the wire: a proxy between the
//! store and the server counts the exchanges the client waits on (a `Sync` after the
//! messages of a statement, or a simple `Query`) apart from pings (a `Sync` alone). sqlx
//! pings each connection as it goes back to the pool, after the answer; the pool is told to
//! ping one as it is taken only when it sat idle.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use disputes_workflow::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use disputes_testkit::{TestDatabase, postgres_admin_url};

use super::{Cast, TestDb, command, start};
use crate::{Store, StoreOptions};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_action_on_a_case_already_read_is_one_round_trip_on_postgresql() {
    let db = TestDb::postgres().await;
    let cast = Cast::enrol(&db.store).await;
    let (first, second) = (cast.raise(&db.store).await, cast.raise(&db.store).await);
    let proxy = Proxy::start().await;
    // One connection, so the second action finds its statement prepared by the first.
    let options = StoreOptions {
        max_connections: 1,
        ..StoreOptions::default()
    };
    let store = Store::connect(&proxy.url(db.name()), &options)
        .await
        .unwrap();
    let acknowledge = command(&cast.respondent, Action::Acknowledge, start());
    let read = store.case(&first.reference).await.unwrap();
    store.apply_to(&read, &acknowledge, None).await.unwrap();

    let read = store.case(&second.reference).await.unwrap();
    // The read's connection back in the pool, pinged on its way there.
    tokio::time::sleep(SETTLE).await;
    let before = proxy.counts();
    let done = store.apply_to(&read, &acknowledge, None).await.unwrap();
    tokio::time::sleep(SETTLE).await;
    let after = proxy.counts();
    assert_eq!(
        (after.0 - before.0, after.1 - before.1),
        (1, 1),
        "one statement (the version check, the record, the event, the deadlines and the \
         emails, with no BEGIN or COMMIT), and only the ping of its connection's return"
    );
    assert_eq!(done.case.version, 2);
    let stored = db.store.case(&second.reference).await.unwrap();
    assert_eq!(stored.case.state.name(), "in_dialogue");
    assert!(
        !db.store
            .notifications(&second.reference)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(db.store.verify().await.unwrap().is_ok());
}

/// Long enough for a connection's return to the pool to finish, short of the idle time after
/// which it is pinged as it is taken.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(400);

/// A TCP proxy to the tests' PostgreSQL server that counts exchanges and pings.
struct Proxy {
    port: u16,
    counts: Arc<Counts>,
}

#[derive(Default)]
struct Counts {
    exchanges: AtomicU64,
    pings: AtomicU64,
}

impl Proxy {
    async fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let counts = Arc::new(Counts::default());
        let counted = counts.clone();
        let server = server_address();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let upstream = TcpStream::connect(&server).await.unwrap();
                tokio::spawn(relay(client, upstream, counted.clone()));
            }
        });
        Proxy { port, counts }
    }

    /// The test database `name` through the proxy, in plain text so that it can count.
    fn url(&self, name: &str) -> String {
        let admin = postgres_admin_url();
        let (scheme, rest) = admin.split_once("://").unwrap();
        let user = rest.rsplit_once('@').map_or("", |(user, _)| user);
        let at = if user.is_empty() { "" } else { "@" };
        format!(
            "{scheme}://{user}{at}127.0.0.1:{}/{name}?sslmode=disable",
            self.port
        )
    }

    /// Exchanges and pings so far.
    fn counts(&self) -> (u64, u64) {
        (
            self.counts.exchanges.load(Ordering::SeqCst),
            self.counts.pings.load(Ordering::SeqCst),
        )
    }
}

/// `host:port` of the tests' PostgreSQL server.
fn server_address() -> String {
    let admin = postgres_admin_url();
    let rest = admin.split_once("://").unwrap().1;
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    let host = host.split('/').next().unwrap();
    if host.contains(':') {
        host.to_owned()
    } else {
        format!("{host}:5432")
    }
}

async fn relay(client: TcpStream, upstream: TcpStream, counts: Arc<Counts>) {
    let (mut client_read, mut client_write) = client.into_split();
    let (mut upstream_read, mut upstream_write) = upstream.into_split();
    tokio::spawn(async move {
        let _ = tokio::io::copy(&mut upstream_read, &mut client_write).await;
    });
    let mut frames = Frames::default();
    let mut buffer = vec![0u8; 64 * 1024];
    while let Ok(read) = client_read.read(&mut buffer).await {
        if read == 0 || upstream_write.write_all(&buffer[..read]).await.is_err() {
            break;
        }
        for &byte in &buffer[..read] {
            match frames.push(byte) {
                Some(Waits::Exchange) => counts.exchanges.fetch_add(1, Ordering::SeqCst),
                Some(Waits::Ping) => counts.pings.fetch_add(1, Ordering::SeqCst),
                None => 0,
            };
        }
    }
}

/// What a message the client waits on was.
enum Waits {
    Exchange,
    Ping,
}

/// The client's side of the protocol, a byte at a time: a startup message without a type,
/// then messages of one type byte and a length that counts itself.
#[derive(Default)]
struct Frames {
    started: bool,
    header: Vec<u8>,
    skip: usize,
    /// Messages since the last `Sync`.
    since_sync: usize,
}

impl Frames {
    /// Takes one byte; what it completed the header of, if the client waits on it.
    fn push(&mut self, byte: u8) -> Option<Waits> {
        if self.skip > 0 {
            self.skip -= 1;
            return None;
        }
        self.header.push(byte);
        let typed = usize::from(self.started);
        if self.header.len() < typed + 4 {
            return None;
        }
        let length = self.header[typed..typed + 4]
            .iter()
            .fold(0usize, |n, b| n << 8 | usize::from(*b));
        let kind = self.started.then_some(self.header[0]);
        self.skip = length - 4;
        self.header.clear();
        self.started = true;
        match kind {
            Some(b'S') => {
                let alone = self.since_sync == 0;
                self.since_sync = 0;
                Some(if alone { Waits::Ping } else { Waits::Exchange })
            }
            Some(b'Q') => Some(Waits::Exchange),
            Some(_) => {
                self.since_sync += 1;
                None
            }
            None => None,
        }
    }
}
