//! A real `redis-server` (Debian's `redis-server` package) for a test, on a free loopback port.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `redis-server` on a free loopback port, killed when dropped. Without a data folder it keeps
/// nothing; with one ([`RedisServer::start_persistent`]) it saves on shutdown and reloads on restart.
pub struct RedisServer {
    child: Child,
    port: u16,
    dir: Option<PathBuf>,
}

impl RedisServer {
    /// Starts Debian's `redis-server` (from `scripts/setup.sh`) and waits for it.
    pub fn start() -> Self {
        Self::spawn(crate::free_port(), None)
    }

    /// Starts a `redis-server` that keeps its data in `dir` (append-only file), so
    /// [`RedisServer::restart`] comes back with every key, as a production Redis would.
    pub fn start_persistent(dir: &std::path::Path) -> Self {
        std::fs::create_dir_all(dir).expect("redis data folder");
        Self::spawn(crate::free_port(), Some(dir.to_path_buf()))
    }

    fn spawn(port: u16, dir: Option<PathBuf>) -> Self {
        let mut command = Command::new("redis-server");
        command.args(["--port", &port.to_string(), "--bind", "127.0.0.1"]);
        match &dir {
            Some(d) => command.args([
                "--dir",
                &d.to_string_lossy(),
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
            ]),
            None => command.args(["--save", "", "--appendonly", "no"]),
        };
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start redis-server ({e}); run scripts/setup.sh"));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let ready = TcpStream::connect(("127.0.0.1", port)).and_then(|mut s| {
                s.write_all(b"PING\r\n")?;
                let mut buf = [0u8; 7];
                s.read_exact(&mut buf)?;
                Ok(buf == *b"+PONG\r\n")
            });
            if matches!(ready, Ok(true)) {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "redis-server did not answer on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, port, dir }
    }

    /// `redis://127.0.0.1:PORT/0`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    /// Stops the server (it stays down until [`RedisServer::restart`]).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts it again on the same port with the same data folder.
    pub fn restart(&mut self) {
        self.stop();
        let again = Self::spawn(self.port, self.dir.clone());
        let old = std::mem::replace(self, again);
        std::mem::forget(old);
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
