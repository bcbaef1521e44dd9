//! Shedding at full scale: a second instance with the production default
//! of requests in flight (`RENKEI_MAX_IN_FLIGHT`, 64) on the same
//! database, driven at four times that many connections. Prints how much
//! was shed, the latency of all answers, the process's memory before and
//! after the burst, and how soon it serves again.

use crate::wrk::{Script, Wrk};
use renkei_backend::app::{Application, Ports};
use renkei_backend::config::Config;
use std::time::{Duration, Instant};

pub async fn at_four_times_capacity(wrk: &Wrk, database_url: &str, public_url: &str, token: &str, basic: &str) {
    let mut config = Config::for_tests(database_url);
    config.public_url = Some(public_url.to_owned());
    let capacity = config.max_in_flight as u32;
    let ports = Ports { clock: renkei_backend::clock::system(), random: renkei_backend::random::system(), core: None };
    let app = Application::build_with(config, ports).await.expect("an instance with the default limit");
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.serve_with_shutdown(std::future::pending()));

    let before = resident_kib();
    let burst = Wrk { connections: capacity * 4, ..wrk.clone() };
    let script = Script::form(&format!("token={token}"), Some(basic));
    let url = format!("{base}/oauth/introspect");
    let (rps, p50, p99, not_2xx) = burst.run_counting("shedding at four times capacity", &url, &script);
    let after = resident_kib();
    let started = Instant::now();
    let client = reqwest::Client::new();
    while started.elapsed() < Duration::from_secs(5) {
        let answer = client.post(&url).header("authorization", basic).form(&[("token", token)]).send().await;
        if answer.is_ok_and(|a| a.status().is_success()) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let total = rps * f64::from(wrk.seconds);
    println!(
        "shedding: {} connections against a limit of {capacity}: {rps:.0} answers/s, {:.0} % shed (503 + Retry-After), \
         p50 {p50:.2} ms, p99 {p99:.2} ms of all answers; resident memory {} → {} MiB; served again after {} ms",
        capacity * 4,
        100.0 * not_2xx as f64 / total.max(1.0),
        before / 1024,
        after / 1024,
        started.elapsed().as_millis()
    );
}

/// This process's resident memory (the servers run in it), in KiB.
fn resident_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
