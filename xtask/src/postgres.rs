//! A throwaway PostgreSQL server for the tests: `initdb` into a temporary
//! folder, started on a free port, removed when dropped. Nothing depends on
//! a server the machine may or may not run.

use crate::process::{self, describe, is_root};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct ThrowawayPostgres {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres_user: bool,
    pub url: String,
}

impl ThrowawayPostgres {
    pub fn start(bin: &Path) -> Result<Self, String> {
        // As root the server runs as `postgres`, who may not reach into a
        // TMPDIR under /root; /tmp is open to all (and keeps the socket path
        // short).
        let temp = if is_root() { PathBuf::from("/tmp") } else { std::env::temp_dir() };
        stop_leftovers(bin, &temp);
        let dir = temp.join(format!("renkei-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        // initdb refuses to run as root; Debian's package made a `postgres`
        // user for exactly this.
        let as_postgres_user = is_root();
        if as_postgres_user {
            process::run(Command::new("chown").arg("postgres:postgres").arg(&dir))?;
        }
        let port = free_port()?;
        let server = ThrowawayPostgres {
            bin: bin.to_path_buf(),
            dir,
            as_postgres_user,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        };
        let data = server.dir.join("data");
        server.pg(
            "initdb",
            &["-D", path(&data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
        )?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            server.dir.display()
        );
        let log = server.dir.join("server.log");
        if let Err(error) = server.pg("pg_ctl", &["-D", path(&data), "-l", path(&log), "-o", &options, "-w", "start"]) {
            let log_text = std::fs::read_to_string(&log).unwrap_or_default();
            return Err(format!("{error}\nserver log:\n{log_text}"));
        }
        println!("xtask: throwaway PostgreSQL on port {port}");
        Ok(server)
    }

    fn pg(&self, program: &str, args: &[&str]) -> Result<(), String> {
        let program = self.bin.join(program);
        let mut command = if self.as_postgres_user {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        command.args(args).current_dir(&self.dir);
        let output = command.output().map_err(|e| format!("{}: {e}", describe(&command)))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!("{} failed: {}", describe(&command), String::from_utf8_lossy(&output.stderr)))
        }
    }
}

impl Drop for ThrowawayPostgres {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.pg("pg_ctl", &["-D", path(&data), "-m", "immediate", "stop"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Stops and removes the servers of earlier runs that were interrupted
/// (Ctrl-C does not reach a server pg_ctl put in its own session).
fn stop_leftovers(bin: &Path, temp: &Path) {
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    for entry in entries.flatten() {
        let dir = entry.path();
        // Named after the xtask process that made it: leave a live run's alone.
        let owner =
            dir.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_prefix("renkei-pg-")).map(str::to_owned);
        let Some(owner) = owner else { continue };
        if Path::new("/proc").join(&owner).exists() {
            continue;
        }
        let leftover =
            ThrowawayPostgres { bin: bin.to_path_buf(), dir, as_postgres_user: is_root(), url: String::new() };
        drop(leftover); // Drop stops the server and removes the folder.
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}
