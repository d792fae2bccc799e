//! `disputes ready`: asks the service running on this machine whether it is ready to serve,
//! as a container's `HEALTHCHECK` or a monitoring script does, without an HTTP client in the
//! image. It asks `/readyz` at the configured `server.bind`, so it follows the configuration
//! the service itself was started with.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The longest the whole question may take: a health check that hangs is a failed one.
const TIMEOUT: Duration = Duration::from_secs(5);

/// The most of the answer read: a status line and a small JSON body.
const ANSWER_LIMIT: u64 = 16 * 1024;

/// Whether the service listening at `bind` answers `/readyz` with 200; otherwise why not.
pub async fn ask(bind: SocketAddr) -> Result<(), String> {
    if bind.port() == 0 {
        return Err("server.bind names port 0: there is no fixed port to ask".to_owned());
    }
    let address = SocketAddr::new(reachable(bind.ip()), bind.port());
    match one_request(address, "GET", "/readyz", None).await? {
        (200, _) => Ok(()),
        (status, body) => Err(format!("not ready: {status} {body}").trim().to_owned()),
    }
}

/// A listener on every address is reached on the loopback address of its family.
fn reachable(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) if v4.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v6) if v6.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        other => other,
    }
}

/// One HTTP/1.1 request to `address` (with a body of the given content type, if any), the
/// connection closed after the answer, all within [`TIMEOUT`]: the answer's status code and
/// body. Enough HTTP for a health check and the doctor's question to a trace collector.
pub(crate) async fn one_request(
    address: SocketAddr,
    method: &str,
    path: &str,
    body: Option<(&str, &[u8])>,
) -> Result<(u16, String), String> {
    tokio::time::timeout(TIMEOUT, exchange(address, method, path, body))
        .await
        .map_err(|_| format!("{address} did not answer within {} s", TIMEOUT.as_secs()))?
}

async fn exchange(
    address: SocketAddr,
    method: &str,
    path: &str,
    body: Option<(&str, &[u8])>,
) -> Result<(u16, String), String> {
    let failed = |e: std::io::Error| format!("{address}: {e}");
    let mut stream = TcpStream::connect(address)
        .await
        .map_err(|e| format!("nothing answers at {address}: {e}"))?;
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    let content = match body {
        Some((kind, bytes)) => {
            request.push_str(&format!(
                "Content-Type: {kind}\r\nContent-Length: {}\r\n",
                bytes.len()
            ));
            bytes
        }
        None => &[],
    };
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.map_err(failed)?;
    stream.write_all(content).await.map_err(failed)?;
    let mut answer = Vec::new();
    stream
        .take(ANSWER_LIMIT)
        .read_to_end(&mut answer)
        .await
        .map_err(failed)?;
    let answer = String::from_utf8_lossy(&answer);
    let status = answer
        .lines()
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("{address} did not answer in HTTP"))?;
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default().trim();
    Ok((status, body.to_owned()))
}
