//! moto servers forked from a Python process that has already imported moto
//! (`scripts/moto_zygote.py`): a forked server answers its first EC2 call after about 0.6 s of CPU
//! instead of about 1.8 s, and the tests start one server per test.
//!
//! One such process runs per set of moto settings (they are read when moto is imported), for as
//! long as the test binary runs. It ends, killing its servers, when the binary exits and its stdin
//! closes, however the binary ended.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

/// The settings a server was started with (its environment).
type Settings = Vec<(String, String)>;

struct Zygote {
    settings: Settings,
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Zygote {
    fn spawn(python: &Path, script: &Path, settings: &Settings) -> Option<Self> {
        let mut child = Command::new(python)
            .arg(script)
            .envs(settings.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = BufReader::new(child.stdout.take()?);
        Some(Self {
            settings: settings.clone(),
            child,
            stdin,
            stdout,
        })
    }

    /// Sends one command and reads its one-line answer.
    fn ask(&mut self, command: &str) -> Option<String> {
        writeln!(self.stdin, "{command}").ok()?;
        self.stdin.flush().ok()?;
        let mut answer = String::new();
        match self.stdout.read_line(&mut answer) {
            Ok(n) if n > 0 => Some(answer.trim().to_string()),
            _ => None,
        }
    }
}

static ZYGOTES: Mutex<Vec<Zygote>> = Mutex::new(Vec::new());

/// A moto server forked by a zygote; killed when dropped.
pub struct Forked {
    settings: Settings,
    pid: u32,
}

/// Forks a moto server on 127.0.0.1:`port` with `settings`, starting the zygote for them first if
/// there is none; `None` when no zygote can (the caller then starts moto itself).
pub fn fork(python: &Path, script: &Path, settings: &[(&str, &str)], port: u16) -> Option<Forked> {
    let settings: Settings = settings
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut zygotes = ZYGOTES.lock().unwrap_or_else(|e| e.into_inner());
    let at = match zygotes.iter().position(|z| z.settings == settings) {
        Some(at) => at,
        None => {
            zygotes.push(Zygote::spawn(python, script, &settings)?);
            zygotes.len() - 1
        }
    };
    match zygotes[at]
        .ask(&format!("start {port}"))
        .and_then(|pid| pid.parse().ok())
    {
        Some(pid) => Some(Forked { settings, pid }),
        None => {
            let mut broken = zygotes.swap_remove(at);
            let _ = broken.child.kill();
            let _ = broken.child.wait();
            None
        }
    }
}

impl Drop for Forked {
    fn drop(&mut self) {
        let mut zygotes = ZYGOTES.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(zygote) = zygotes.iter_mut().find(|z| z.settings == self.settings) {
            zygote.ask(&format!("stop {}", self.pid));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{http, MotoServer, Process};

    async fn vpc(moto: &MotoServer) -> String {
        let ec2 = moto.ec2("us-east-1").await;
        let made = ec2.create_vpc().cidr_block("10.9.0.0/16").send().await.unwrap();
        made.vpc.and_then(|v| v.vpc_id).unwrap()
    }

    async fn vpcs(moto: &MotoServer) -> Vec<String> {
        let ec2 = moto.ec2("us-east-1").await;
        let all = ec2.describe_vpcs().send().await.unwrap();
        all.vpcs().iter().filter_map(|v| v.vpc_id.clone()).collect()
    }

    #[tokio::test]
    async fn forked_servers_are_fresh_and_apart_and_stop_when_dropped() {
        let (a, b) = (MotoServer::start(), MotoServer::start());
        for server in [&a, &b] {
            assert!(
                matches!(server.process, Process::Forked { .. }),
                "forked by the zygote"
            );
        }
        let (in_a, in_b) = (vpc(&a).await, vpc(&b).await);
        assert_ne!(in_a, in_b, "each server draws its own IDs");
        assert!(vpcs(&a).await.contains(&in_a));
        assert!(!vpcs(&b).await.contains(&in_a), "no state is shared");

        let port = a.port;
        drop(a);
        assert!(
            http(port, "GET", "/moto-api/").is_err(),
            "the dropped server is gone"
        );
        assert!(vpcs(&b).await.contains(&in_b), "the other one still answers");
    }
}
