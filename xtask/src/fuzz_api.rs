//! `cargo xtask fuzz-api`: schemathesis (PyPI) against the served OpenAPI
//! document, `/api/openapi.json`: the screens, OAuth and the bank API
//! alike. The server is the debug build on a throwaway SQLite file; the
//! command walks the demo app's journey first, so the fuzzer holds a live
//! access token and a flow cookie standing at ⑤ and reaches past the
//! doors (`xtask/fuzz/schemathesis.toml` says how each is passed, and
//! which checks do not apply, and why). Any failure fails the command.

use crate::live::{self, Server, Until};
use crate::process::{self, workspace_root};
use crate::tools;

pub fn run() -> Result<(), String> {
    let schemathesis = tools::ensure_schemathesis()?;
    let root = workspace_root();
    process::run(process::cargo().current_dir(&root).args(["build", "-p", "renkei-backend", "--bin", "renkei-auth"]))?;
    let work = std::env::temp_dir().join(format!("renkei-fuzz-api-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
    let server = Server::start(&root, None, &work)?;
    let token = live::access_token(&server.base, &work)?;
    let cookie = live::flow_until(&server.base, &work.join("cookies.txt"), Until::Pin)?;
    let cookie_value = cookie.split_once('=').map(|(_, value)| value).unwrap_or_default();
    let examples = std::env::var("RENKEI_FUZZ_EXAMPLES").unwrap_or_else(|_| "100".into());
    let outcome = process::run(
        std::process::Command::new(&schemathesis)
            // Its cache and reports go to the temporary folder, not the tree.
            .current_dir(&work)
            .arg("--config-file")
            .arg(root.join("xtask/fuzz/schemathesis.toml"))
            .args(["run", &format!("{}/api/openapi.json", server.base), "--url", &server.base])
            .args(["--max-examples", &examples, "--workers", "2", "--seed", "20261208"])
            .env("RENKEI_FUZZ_ACCESS_TOKEN", token)
            .env("RENKEI_FUZZ_FLOW_COOKIE", cookie_value),
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&work);
    outcome
}
