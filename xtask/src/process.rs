//! Running commands and finding the workspace.

use nix::sys::signal::{Signal, killpg};
use nix::unistd::{Pid, geteuid};
use std::path::PathBuf;
use std::process::{Child, Command};

pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

/// The cargo that runs us, so the pinned toolchain is used throughout.
pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Runs to completion; a failure names the command.
pub fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("cannot start {}: {e}", describe(command)))?;
    if status.success() { Ok(()) } else { Err(format!("{} failed ({status})", describe(command))) }
}

/// Whether a program answers `--version` (i.e. is installed and runs).
pub fn answers(program: &str) -> bool {
    Command::new(program).arg("--version").output().is_ok_and(|o| o.status.success())
}

pub fn describe(command: &Command) -> String {
    let mut text = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

pub fn is_root() -> bool {
    geteuid().is_root()
}

/// Kills `leader` and every process in its group; it must have been started
/// with `process_group(0)`, so that the group's id is its pid. By system
/// call: procps-ng 4.0.2's `kill` binary misreads `kill -KILL -PGID` and
/// signalled group -1, every process on the machine.
pub fn kill_group(leader: &mut Child) {
    if let Ok(pid) = i32::try_from(leader.id())
        && pid > 1
    {
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
    }
    let _ = leader.kill();
    let _ = leader.wait();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::process::CommandExt;

    #[test]
    fn killing_a_group_spares_everything_outside_it() {
        let mut outsider = Command::new("sleep").arg("30").spawn().unwrap();
        let mut group = Command::new("sh").args(["-c", "sleep 30 & sleep 30"]).process_group(0).spawn().unwrap();
        kill_group(&mut group);
        assert!(group.try_wait().unwrap().is_some(), "the group's leader is gone");
        assert!(outsider.try_wait().unwrap().is_none(), "a process outside the group lives on");
        outsider.kill().unwrap();
        outsider.wait().unwrap();
    }
}
