//! wrk, the load generator (a second process): its Lua scripts and its
//! figures.

use std::fmt::Write as _;
use std::process::Command;

/// A wrk Lua script: the request every connection repeats.
pub struct Script(pub String);

impl Script {
    pub fn form(body: &str, authorization: Option<&str>) -> Script {
        let mut lua = format!(
            "wrk.method = \"POST\"\nwrk.body = {body:?}\nwrk.headers[\"Content-Type\"] = \"application/x-www-form-urlencoded\"\n"
        );
        if let Some(value) = authorization {
            let _ = writeln!(lua, "wrk.headers[\"Authorization\"] = {value:?}");
        }
        Script(lua + COUNT_STATUSES)
    }

    /// A step of the flow as the SPA sends it (same-origin, JSON).
    pub fn json(body: &str, origin: &str) -> Script {
        Script(
            format!(
                "wrk.method = \"POST\"\nwrk.body = {body:?}\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"Origin\"] = {origin:?}\n"
            ) + COUNT_STATUSES,
        )
    }

    pub fn get(authorization: &str) -> Script {
        Script(format!("wrk.method = \"GET\"\nwrk.headers[\"Authorization\"] = {authorization:?}\n") + COUNT_STATUSES)
    }
}

/// Counts answers that are not 2xx, printed at the end as `non_2xx N`.
pub const COUNT_STATUSES: &str = r#"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) bad = 0 end
function response(status, headers, body) if status < 200 or status > 299 then bad = bad + 1 end end
function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("bad") end
  io.write(string.format("non_2xx %d\n", total))
end
"#;

#[derive(Clone)]
pub struct Wrk {
    pub program: String,
    pub connections: u32,
    pub seconds: u32,
    pub dir: std::path::PathBuf,
}

impl Wrk {
    pub fn run(&self, name: &str, url: &str, script: &Script) -> (f64, f64, f64) {
        let (rps, p50, p99, _) = self.run_counting(name, url, script);
        (rps, p50, p99)
    }

    /// Requests per second, p50 and p99 in ms, and answers not 2xx.
    pub fn run_counting(&self, name: &str, url: &str, script: &Script) -> (f64, f64, f64, u64) {
        let file = self.dir.join(format!("{}.lua", name.replace([' ', ':'], "-")));
        std::fs::write(&file, &script.0).expect("the script");
        let output = Command::new(&self.program)
            .args(["-t2", &format!("-c{}", self.connections), &format!("-d{}s", self.seconds), "--latency", "-s"])
            .arg(&file)
            .arg(url)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e} (cargo xtask bench installs it)", self.program));
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let number = |prefix: &str| -> Option<f64> {
            text.lines().find_map(|line| line.trim().strip_prefix(prefix).map(|rest| rest.trim().to_owned())).map(
                |value| {
                    let (digits, scale) = if let Some(v) = value.strip_suffix("us") {
                        (v, 0.001)
                    } else if let Some(v) = value.strip_suffix("ms") {
                        (v, 1.0)
                    } else if let Some(v) = value.strip_suffix('s') {
                        (v, 1000.0)
                    } else {
                        (value.as_str(), 1.0)
                    };
                    digits.trim().parse::<f64>().unwrap_or(f64::NAN) * scale
                },
            )
        };
        let rps = number("Requests/sec:").unwrap_or_else(|| panic!("{name}: wrk said\n{text}"));
        let non_2xx = number("non_2xx").unwrap_or(0.0) as u64;
        let figures = (rps, number("50%").unwrap_or(f64::NAN), number("99%").unwrap_or(f64::NAN), non_2xx);
        println!("{name}: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms", figures.0, figures.1, figures.2);
        // A script that tells refusals apart says how many of each.
        if let Some(split) = text.lines().find(|line| line.starts_with("4xx ")) {
            println!("{name}: not 2xx: {split}");
        }
        figures
    }
}
