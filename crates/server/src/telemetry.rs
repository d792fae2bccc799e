//! Logging, traces and metrics. Logs go to standard error, as text or JSON lines, each within
//! the span of its request (method, route, request id and, once known, the person); the same
//! spans go to an OpenTelemetry collector when one is configured. No log line or span
//! carries a password, token, email body or case text.

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use opentelemetry::trace::TracerProvider;
use opentelemetry_otlp::WithExportConfig;
use opentelemetry_sdk::Resource;
use opentelemetry_sdk::trace::SdkTracerProvider;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

use crate::config::{LogFormat, LogSettings, TelemetrySettings};

/// Spans on their way to the collector: dropping this sends those still queued, so a
/// command's last spans are not lost as the process ends.
#[must_use = "dropping it stops the traces"]
pub struct Tracing {
    provider: Option<SdkTracerProvider>,
}

impl Drop for Tracing {
    fn drop(&mut self) {
        if let Some(provider) = self.provider.take()
            && let Err(error) = provider.shutdown()
        {
            tracing::warn!(%error, "traces still queued were not sent");
        }
    }
}

/// Starts logging as configured (`RUST_LOG` overrides the configured filter), and traces
/// when `telemetry` is given and names an endpoint.
pub fn init(log: &LogSettings, telemetry: Option<&TelemetrySettings>) -> Result<Tracing, String> {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&log.filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let lines = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    let lines = match log.format {
        LogFormat::Json => lines
            .json()
            .with_current_span(true)
            .flatten_event(true)
            .boxed(),
        LogFormat::Text => lines.boxed(),
    };
    let provider = telemetry
        .and_then(|telemetry| Some((telemetry.traces_url()?, telemetry)))
        .map(|(url, telemetry)| exporting_to(&url, telemetry))
        .transpose()?;
    let spans = provider
        .as_ref()
        .map(|provider| tracing_opentelemetry::layer().with_tracer(provider.tracer("disputes")));
    // A second call (in tests) finds a subscriber already set; that one stays.
    let installed = tracing_subscriber::registry()
        .with(filter)
        .with(lines)
        .with(spans)
        .try_init()
        .is_ok();
    Ok(Tracing {
        provider: provider.filter(|_| installed),
    })
}

/// A tracer provider sending batches of spans to `url` over OTLP/HTTP.
fn exporting_to(url: &str, telemetry: &TelemetrySettings) -> Result<SdkTracerProvider, String> {
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .with_endpoint(url)
        .build()
        .map_err(|error| format!("telemetry.otlp_endpoint: {error}"))?;
    Ok(SdkTracerProvider::builder()
        .with_batch_exporter(exporter)
        .with_resource(
            Resource::builder()
                .with_service_name(telemetry.service_name.clone())
                .build(),
        )
        .build())
}

/// Installs the Prometheus recorder, once per process.
pub fn init_metrics() -> Option<PrometheusHandle> {
    static HANDLE: std::sync::OnceLock<Option<PrometheusHandle>> = std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let handle = PrometheusBuilder::new()
                .set_buckets(&[
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                ])
                .ok()?
                .install_recorder()
                .map_err(|error| tracing::warn!(%error, "metrics are off"))
                .ok()?;
            describe();
            Some(handle)
        })
        .clone()
}

fn describe() {
    metrics::describe_counter!(
        "http_requests_total",
        "HTTP requests answered, by route and status"
    );
    metrics::describe_histogram!("http_request_duration_seconds", "Time to answer, by route");
    metrics::describe_counter!(
        "disputes_actions_total",
        "Actions taken on cases, by action"
    );
    metrics::describe_counter!("disputes_cases_raised_total", "Cases raised");
    metrics::describe_counter!("disputes_login_failures_total", "Failed sign-ins");
    metrics::describe_counter!(
        "disputes_login_throttled_total",
        "Sign-ins refused for too many failures"
    );
}

/// A request's method as a metric label: the methods HTTP defines, and `other` for any
/// a client invents, so that the metrics page cannot be grown without bound.
fn method_label(method: &Method) -> &'static str {
    const KNOWN: [Method; 9] = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::OPTIONS,
        Method::CONNECT,
        Method::TRACE,
    ];
    KNOWN
        .iter()
        .find(|known| *known == method)
        .map_or("other", Method::as_str)
}

/// Middleware: runs the request as the work of its request id, so that the emails its
/// writes queue name it ([`disputes_store::origin`]).
pub async fn carry_request_id(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(crate::app::REQUEST_ID)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    match id {
        Some(id) => disputes_store::origin::within(id, next.run(request)).await,
        None => next.run(request).await,
    }
}

/// Middleware: counts and times every request by its route (not its raw path, so the
/// metrics do not grow with every case reference).
pub async fn record(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    let span = tracing::Span::current();
    span.record("http.response.status_code", response.status().as_u16());
    if response.status().is_server_error() {
        span.record("otel.status_code", "error");
    }
    let status = response.status().as_u16().to_string();
    metrics::counter!("http_requests_total", "method" => method, "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}
