//! Connections as hostile or careless clients hold them: half a request and then silence,
//! a body that stops arriving, a body the service never reads, more connections than it
//! serves at once, and requests made up to grow the metrics.

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{Db, Server};

/// The address the server listens on, for raw connections.
fn address(server: &Server) -> String {
    server.base.trim_start_matches("http://").to_owned()
}

/// Reads until the server answers or closes; the answer's head, and when it came.
async fn answer(stream: &mut TcpStream, within: Duration) -> Option<(String, Instant)> {
    let mut seen = Vec::new();
    let mut buffer = [0_u8; 4096];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                return Some((String::from_utf8_lossy(&seen).into_owned(), Instant::now()));
            }
            Ok(Ok(n)) => {
                seen.extend_from_slice(&buffer[..n]);
                if let Some(end) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
                    return Some((
                        String::from_utf8_lossy(&seen[..end]).into_owned(),
                        Instant::now(),
                    ));
                }
            }
            Err(_) => return None,
        }
    }
}

/// Sends `request` on a new connection and reads the answer's head.
async fn exchange(server: &Server, request: &[u8]) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(address(server)).await.unwrap();
    stream.write_all(request).await.unwrap();
    let (head, _) = answer(&mut stream, Duration::from_secs(10))
        .await
        .expect("an answer");
    (stream, head)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_clients_hold_up_no_one_and_are_closed() {
    let db = Db::sqlite();
    let server = Server::start(
        &db,
        &[
            ("DISPUTES__SERVER__HEADER_READ_TIMEOUT_SECS", "3"),
            ("DISPUTES__SERVER__BODY_READ_TIMEOUT_SECS", "3"),
        ],
    );
    // 200 clients send half a request head, and then nothing.
    let mut stalled = Vec::new();
    for _ in 0..200 {
        let mut stream = TcpStream::connect(address(&server)).await.unwrap();
        stream
            .write_all(b"POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-")
            .await
            .unwrap();
        stalled.push(stream);
    }
    let since = Instant::now();
    // Everyone else is answered meanwhile, each within a second.
    let client = server.anonymous();
    for _ in 0..5 {
        let asked = Instant::now();
        let (status, _) = client.get("/healthz").await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            asked.elapsed() < Duration::from_secs(1),
            "{:?}",
            asked.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Each stalled connection is closed once its 3 seconds are up.
    for stream in &mut stalled {
        let (_, closed) = answer(stream, Duration::from_secs(10))
            .await
            .expect("closed");
        let after = closed.duration_since(since);
        assert!(
            after <= Duration::from_secs(4),
            "a stalled connection lived {after:?}"
        );
    }
    // A body that stops arriving is refused with 408 once its 3 seconds are up (signing in,
    // which reads its body before it knows who is asking).
    let mut stream = TcpStream::connect(address(&server)).await.unwrap();
    stream
        .write_all(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"email\":")
        .await
        .unwrap();
    let started = Instant::now();
    let (head, at) = answer(&mut stream, Duration::from_secs(10))
        .await
        .expect("an answer");
    assert!(head.starts_with("HTTP/1.1 408"), "{head}");
    assert!(
        at.duration_since(started) <= Duration::from_secs(4),
        "{:?}",
        at.duration_since(started)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_bound_wait_their_turn() {
    let db = Db::sqlite();
    let server = Server::start(
        &db,
        &[
            ("DISPUTES__SERVER__HEADER_READ_TIMEOUT_SECS", "3"),
            ("DISPUTES__SERVER__MAX_CONNECTIONS", "16"),
        ],
    );
    let mut held = Vec::new();
    for _ in 0..16 {
        let mut stream = TcpStream::connect(address(&server)).await.unwrap();
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHo")
            .await
            .unwrap();
        held.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The seventeenth waits: no answer while sixteen are open...
    let mut waiting = TcpStream::connect(address(&server)).await.unwrap();
    waiting
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    assert!(
        answer(&mut waiting, Duration::from_secs(1)).await.is_none(),
        "served beyond the bound"
    );
    // ...and is served once they are closed.
    let (head, _) = answer(&mut waiting, Duration::from_secs(5))
        .await
        .expect("served in turn");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_given_before_the_body_is_read_reaches_the_client() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    // Refused before the body is looked at (not signed in, no such route), the client still
    // sending its 5 MB gets the answer, and the connection serves its next request.
    for path in ["/api/v1/cases", "/api/v1/nothing-here"] {
        let body = vec![b'x'; 5 * 1024 * 1024];
        let mut request = format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len()).into_bytes();
        request.extend_from_slice(&body);
        let (mut stream, head) = exchange(&server, &request).await;
        assert!(
            head.starts_with("HTTP/1.1 401") || head.starts_with("HTTP/1.1 404"),
            "{head}"
        );
        assert!(!head.to_lowercase().contains("connection: close"), "{head}");
        // The rest of the answer, then the next request on the same connection.
        let mut rest = [0_u8; 4096];
        let _ = tokio::time::timeout(Duration::from_millis(200), stream.read(&mut rest)).await;
        stream
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            .await
            .unwrap();
        let (next, _) = answer(&mut stream, Duration::from_secs(5))
            .await
            .expect("the next answer");
        assert!(next.contains("HTTP/1.1 200"), "{path}: {next}");
    }
    // A body declared larger than the service takes is refused at once, saying the
    // connection closes.
    let (_, head) = exchange(&server, b"POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 999999999\r\n\r\n").await;
    let head = head.to_lowercase();
    assert!(
        head.starts_with("http/1.1 413") && head.contains("connection: close"),
        "{head}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn made_up_methods_and_paths_do_not_grow_the_metrics() {
    let db = Db::sqlite();
    let server = Server::start(&db, &[]);
    let client = server.anonymous();
    let mut seed = 0x2026_u64;
    let mut next = || {
        // xorshift: enough randomness to make every path new.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut send = async |n: u64| {
        let r = next();
        let method = match r % 5 {
            0 => Method::GET,
            1 => Method::POST,
            2 => Method::DELETE,
            _ => Method::from_bytes(format!("X{r:X}").as_bytes()).unwrap(),
        };
        let path = if n.is_multiple_of(2) {
            format!("/made/up/{r:x}")
        } else {
            format!("/api/v1/cases/X-{r:X}")
        };
        let status = client.request(method, &path).send().await.unwrap().status();
        assert_ne!(status, StatusCode::INTERNAL_SERVER_ERROR);
    };
    let series = async || {
        let text = client.text("/metrics").await;
        text.lines().filter(|l| l.starts_with("http_")).count()
    };
    for n in 0..500 {
        send(n).await;
    }
    // Reading the metrics is counted too, from the first reading on.
    series().await;
    let (before, memory_before) = (series().await, server.resident_kib());
    for n in 0..10_000 {
        send(n).await;
    }
    let (after, memory_after) = (series().await, server.resident_kib());
    assert_eq!(after, before, "10,000 made-up requests added metric series");
    let grew = memory_after.saturating_sub(memory_before);
    println!(
        "metrics: {before} series of http_ metrics before and after 10,000 made-up requests; resident memory {memory_before} KiB, then {memory_after} KiB"
    );
    assert!(grew < 16 * 1024, "resident memory grew by {grew} KiB");
}
