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
        let dir = std::env::temp_dir().join(format!("renkei-pg-{}", std::process::id()));
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
        server.pg("initdb", &["-D", path(&data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"])?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            server.dir.display()
        );
        let log = server.dir.join("server.log");
        server.pg("pg_ctl", &["-D", path(&data), "-l", path(&log), "-o", &options, "-w", "start"])?;
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

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}
