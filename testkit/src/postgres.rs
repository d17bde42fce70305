//! A real PostgreSQL server (Debian's `postgresql` package) for a test: `initdb` in a temp folder,
//! `postgres` on a free loopback port, trust authentication, removed when dropped.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A PostgreSQL server process and its data folder, both gone when dropped.
pub struct PostgresServer {
    child: Child,
    port: u16,
    dir: PathBuf,
}

/// The newest installed server's `bin` folder (`/usr/lib/postgresql/<version>/bin`).
fn bin_dir() -> PathBuf {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is not installed; run scripts/setup.sh")
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| bin.join("postgres").exists())
        .collect();
    versions.sort();
    versions
        .pop()
        .expect("no PostgreSQL server under /usr/lib/postgresql")
        .1
}

/// The `postgres` account's uid and gid: as root, the server must run as someone else.
fn postgres_account() -> Option<(u32, u32)> {
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    let line = passwd.lines().find(|l| l.starts_with("postgres:"))?;
    let mut fields = line.split(':').skip(2);
    Some((fields.next()?.parse().ok()?, fields.next()?.parse().ok()?))
}

fn as_server_user(command: &mut Command, dir: &Path) {
    // The effective uid, read from /proc (no libc dependency).
    let root = std::fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false);
    if root {
        let (uid, gid) = postgres_account().expect("running as root needs the `postgres` account");
        std::os::unix::fs::chown(dir, Some(uid), Some(gid)).expect("chown the data folder");
        command.uid(uid).gid(gid);
    }
}

impl PostgresServer {
    /// Creates a cluster in a fresh temp folder and starts it on a free port; waits until it answers.
    pub fn start() -> Self {
        let bin = bin_dir();
        let dir = std::env::temp_dir().join(format!("ec2c-pg-{}-{}", std::process::id(), super::free_port()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("data folder");
        let mut initdb = Command::new(bin.join("initdb"));
        initdb
            .args([
                "-D",
                &dir.join("data").to_string_lossy(),
                "-U",
                "postgres",
                "-A",
                "trust",
            ])
            .args(["--no-sync", "-E", "UTF8", "--locale", "C"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        as_server_user(&mut initdb, &dir);
        let out = initdb.output().expect("cannot run initdb; run scripts/setup.sh");
        assert!(
            out.status.success(),
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = super::free_port();
        let mut server = Command::new(bin.join("postgres"));
        server
            .args(["-D", &dir.join("data").to_string_lossy()])
            .args(["-p", &port.to_string(), "-k", &dir.to_string_lossy()])
            .args(["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=50"])
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        as_server_user(&mut server, &dir);
        let child = server.spawn().expect("cannot start postgres");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = Command::new(bin.join("pg_isready"))
                .args(["-h", "127.0.0.1", "-p", &port.to_string(), "-q"])
                .status()
                .is_ok_and(|s| s.success());
            if ready {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "postgres did not answer on port {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Self { child, port, dir }
    }

    /// `postgres://postgres@127.0.0.1:PORT/postgres`.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Stops the server; it stays down (a test of a store that is gone).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for PostgresServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
