//! Prometheus metrics, for the union's operations team: requests by route
//! (count and latency), shed requests, locks set, throttled requests,
//! calls by outcome, mail sent and failed, and, read at each scrape, the
//! mail queue's depth and the database pool's use.
//!
//! Recorded through the `metrics` facade; `metrics-exporter-prometheus`
//! renders them. Off unless `RENKEI_METRICS_ADDR` names a listener of its
//! own (never the customers' port): without a recorder every count below
//! costs nothing.

use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;
use std::time::Instant;

/// The one recorder of the process (tests start many apps in one).
static RECORDER: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Latency buckets, in seconds: from a cached page to a slow core.
const BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

fn recorder() -> Option<&'static PrometheusHandle> {
    RECORDER
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("duration_seconds".into()), &BUCKETS)
                .ok()?;
            match builder.install_recorder() {
                Ok(handle) => Some(handle),
                Err(cause) => {
                    tracing::error!(%cause, "metrics recorder not installed");
                    None
                }
            }
        })
        .as_ref()
}

/// The metrics listener's router: `GET /metrics`, Prometheus text format.
pub fn router(state: AppState) -> axum::Router {
    // Installed before the first request is counted.
    recorder();
    axum::Router::new().route("/metrics", get(scrape)).with_state(state)
}

async fn scrape(State(state): State<AppState>) -> Response {
    let Some(handle) = recorder() else {
        return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
    };
    let pool = state.store.pool();
    let idle = pool.num_idle() as f64;
    metrics::gauge!("renkei_db_pool_connections", "state" => "idle").set(idle);
    metrics::gauge!("renkei_db_pool_connections", "state" => "in_use").set(f64::from(pool.size()) - idle);
    match state.store.mail_queue_depth().await {
        Ok(depth) => metrics::gauge!("renkei_mail_queue_depth").set(depth as f64),
        Err(cause) => tracing::warn!(%cause, "mail queue depth not read"),
    }
    ([(axum::http::header::CONTENT_TYPE, "text/plain; version=0.0.4")], handle.render()).into_response()
}

/// Counts every request by its route's pattern (never its values: a path
/// with an id is one series) and times it.
pub async fn track(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned());
    let route = route.unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().as_str().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("renkei_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    metrics::histogram!("renkei_http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// A request refused as busy before it did any work.
pub fn shed() {
    metrics::counter!("renkei_requests_shed_total").increment(1);
}

/// API authentication locked until 0:00 (`kind`: identity or pin).
pub fn lock_set(kind: &'static str) {
    metrics::counter!("renkei_locks_set_total", "kind" => kind).increment(1);
}

/// An identity check refused by a throttle (`scope`: which limit).
pub fn throttled(scope: &'static str) {
    metrics::counter!("renkei_throttled_total", "scope" => scope).increment(1);
}

/// A call the telephony provider reported, by what it did.
pub fn call(outcome: &'static str) {
    metrics::counter!("renkei_calls_total", "outcome" => outcome).increment(1);
}

/// A completion notice sent, or a try that failed.
pub fn mail(sent: bool) {
    metrics::counter!("renkei_mail_total", "result" => if sent { "sent" } else { "failed" }).increment(1);
}
