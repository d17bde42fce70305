//! `FaultProxy`: a small HTTP/1.1 proxy in front of an AWS endpoint (moto) that can misbehave on
//! purpose: answer `RequestLimitExceeded`, go slow, stop listening, replay recorded answers, refuse
//! or slow down one region (read from the request's signature), or deny one action on one instance.
//!
//! Each connection carries one request (`Connection: close`), so stopping the listener really
//! refuses every later request; a replay is the exception: it keeps connections open as AWS's
//! endpoints do (see [`FaultProxy::keep_alive`]). The query-protocol `Action` in the form body
//! names a call. A process that is not the test (a browser test) steers it with
//! `POST /__faults/…` (see [`control::control`]).

mod control;
mod wire;

use control::control;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
pub use wire::{action_of, region_of, replay_key};
use wire::{error_body, header, read_message, respond, status_line, with_connection};

/// A raw HTTP response: status line, headers and body as received.
#[derive(Clone)]
struct Recorded {
    head: Vec<u8>,
    body: Vec<u8>,
}

#[derive(Default)]
struct Faults {
    throttle_next: u64,
    throttle_always: bool,
    delay: Duration,
    record: bool,
    replay: bool,
    keep_alive: bool,
    recorded: HashMap<String, Recorded>,
    regions: HashMap<String, RegionFault>,
    denied: Vec<(String, String)>,
}

/// What one region suffers: a delay before each answer, and (or) a refusal.
#[derive(Clone, Default)]
struct RegionFault {
    delay: Duration,
    refuse: Option<(u16, String)>,
}

struct Shared {
    upstream: Option<String>,
    faults: Mutex<Faults>,
    requests: AtomicU64,
    throttled: AtomicU64,
    in_flight: AtomicU64,
    peak: AtomicU64,
    by_action: Mutex<HashMap<String, u64>>,
}

/// The proxy; stops listening when dropped.
pub struct FaultProxy {
    port: u16,
    shared: Arc<Shared>,
    accept: Mutex<Option<JoinHandle<()>>>,
}

/// The EC2 throttling error, as AWS sends it.
const THROTTLED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>";

impl FaultProxy {
    /// Starts a proxy on a free loopback port that forwards to `upstream` (`http://127.0.0.1:PORT`).
    pub async fn start(upstream: &str) -> Self {
        Self::with(Some(upstream.trim_start_matches("http://").to_string())).await
    }

    /// Starts a replay-only server (no upstream) answering from `recordings` (see [`Self::recordings`]).
    /// It keeps each connection open for the next request, as AWS's endpoints do (see [`Self::keep_alive`]).
    pub async fn replay(recordings: HashMap<String, (Vec<u8>, Vec<u8>)>) -> Self {
        let proxy = Self::with(None).await;
        {
            let mut faults = proxy.shared.faults.lock().unwrap();
            faults.replay = true;
            faults.keep_alive = true;
            faults.recorded = recordings
                .into_iter()
                .map(|(k, (head, body))| (k, Recorded { head, body }))
                .collect();
        }
        proxy
    }

    async fn with(upstream: Option<String>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind the proxy");
        let port = listener.local_addr().expect("proxy address").port();
        let shared = Arc::new(Shared {
            upstream,
            faults: Mutex::default(),
            requests: AtomicU64::new(0),
            throttled: AtomicU64::new(0),
            in_flight: AtomicU64::new(0),
            peak: AtomicU64::new(0),
            by_action: Mutex::default(),
        });
        let accept = tokio::spawn(accept_loop(listener, shared.clone()));
        Self {
            port,
            shared,
            accept: Mutex::new(Some(accept)),
        }
    }

    /// The endpoint URL to give the console, e.g. `http://127.0.0.1:5123`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Answers the next `n` requests with `RequestLimitExceeded` (HTTP 400).
    pub fn throttle_next(&self, n: u64) {
        self.shared.faults.lock().unwrap().throttle_next = n;
    }

    /// Answers every request with `RequestLimitExceeded` while `on`.
    pub fn throttle_always(&self, on: bool) {
        self.shared.faults.lock().unwrap().throttle_always = on;
    }

    /// Waits `delay` before forwarding each request.
    pub fn set_delay(&self, delay: Duration) {
        self.shared.faults.lock().unwrap().delay = delay;
    }

    /// Keeps the first successful answer to each action (each page of a paged one), for [`Self::recordings`].
    pub fn record(&self, on: bool) {
        self.shared.faults.lock().unwrap().record = on;
    }

    /// The recorded answers by [`replay_key`]: (status line and headers, body).
    pub fn recordings(&self) -> HashMap<String, (Vec<u8>, Vec<u8>)> {
        let faults = self.shared.faults.lock().unwrap();
        faults
            .recorded
            .iter()
            .map(|(k, r)| (k.clone(), (r.head.clone(), r.body.clone())))
            .collect()
    }

    /// Whether a replayed answer leaves its connection open for the next request (a replay's
    /// default) or closes it, so that every call opens a new connection. Only replayed answers keep
    /// a connection: every other answer closes it. [`Self::stop`] refuses new connections only.
    pub fn keep_alive(&self, on: bool) {
        self.shared.faults.lock().unwrap().keep_alive = on;
    }

    /// Requests received so far (throttled ones included).
    pub fn requests(&self) -> u64 {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Answers every request signed for `region` with HTTP `status` and AWS error `code`.
    pub fn fail_region(&self, region: &str, status: u16, code: &str) {
        let mut faults = self.shared.faults.lock().unwrap();
        faults.regions.entry(region.to_string()).or_default().refuse = Some((status, code.to_string()));
    }

    /// Waits `delay` before answering each request signed for `region`.
    pub fn delay_region(&self, region: &str, delay: Duration) {
        let mut faults = self.shared.faults.lock().unwrap();
        faults.regions.entry(region.to_string()).or_default().delay = delay;
    }

    /// Answers `action` naming `id` in any parameter (an instance, a dimension's value; a DryRun
    /// too) with `AccessDenied` (HTTP 403).
    pub fn deny(&self, action: &str, id: &str) {
        let mut faults = self.shared.faults.lock().unwrap();
        faults.denied.push((action.to_string(), id.to_string()));
    }

    /// Ends every region fault and denial.
    pub fn clear(&self) {
        let mut faults = self.shared.faults.lock().unwrap();
        faults.regions.clear();
        faults.denied.clear();
    }

    /// Requests of `action` received so far.
    pub fn count(&self, action: &str) -> u64 {
        self.shared
            .by_action
            .lock()
            .unwrap()
            .get(action)
            .copied()
            .unwrap_or(0)
    }

    /// The most requests in flight at once since the last [`Self::reset_peak`].
    pub fn peak(&self) -> u64 {
        self.shared.peak.load(Ordering::SeqCst)
    }

    /// Starts counting the peak afresh.
    pub fn reset_peak(&self) {
        self.shared.peak.store(0, Ordering::SeqCst);
    }

    /// Requests answered with `RequestLimitExceeded` so far.
    pub fn throttled(&self) -> u64 {
        self.shared.throttled.load(Ordering::SeqCst)
    }

    /// Stops listening: every new connection is refused, as when the endpoint is down.
    pub fn stop(&self) {
        if let Some(task) = self.accept.lock().unwrap().take() {
            task.abort();
        }
    }

    /// Listens again on the same port after [`Self::stop`].
    pub async fn resume(&self) {
        self.stop();
        let listener = loop {
            match TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(l) => break l,
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        };
        *self.accept.lock().unwrap() = Some(tokio::spawn(accept_loop(listener, self.shared.clone())));
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    while let Ok((stream, _)) = listener.accept().await {
        let shared = shared.clone();
        tokio::spawn(async move {
            let _ = serve(stream, shared).await;
        });
    }
}

/// Answers the requests of one connection: one, or while replayed answers keep it open.
async fn serve(mut stream: TcpStream, shared: Arc<Shared>) -> std::io::Result<()> {
    loop {
        let (head, body) = read_message(&mut stream, false).await?;
        let line = String::from_utf8_lossy(&head)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string();
        if let Some(target) = line.strip_prefix("POST ").and_then(|l| l.split(' ').next()) {
            if target.starts_with("/__faults") {
                return match control(target, &shared) {
                    Ok(()) => respond(&mut stream, "200 OK", b"ok").await,
                    Err(e) => respond(&mut stream, "400 Bad Request", e.as_bytes()).await,
                };
            }
        }
        let now = shared.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        shared.peak.fetch_max(now, Ordering::SeqCst);
        let kept = forward(&mut stream, &shared, &head, &body).await;
        shared.in_flight.fetch_sub(1, Ordering::SeqCst);
        if !kept? {
            return Ok(());
        }
    }
}

/// Answers one request; `Ok(true)` when the connection stays open for the next one.
async fn forward(stream: &mut TcpStream, shared: &Shared, head: &[u8], body: &[u8]) -> std::io::Result<bool> {
    shared.requests.fetch_add(1, Ordering::SeqCst);
    *shared
        .by_action
        .lock()
        .unwrap()
        .entry(action_of(body))
        .or_default() += 1;
    let region_fault = region_of(head).and_then(|r| shared.faults.lock().unwrap().regions.get(&r).cloned());
    if let Some(fault) = region_fault {
        if !fault.delay.is_zero() {
            tokio::time::sleep(fault.delay).await;
        }
        if let Some((status, code)) = fault.refuse {
            let body = error_body(&code, "The fault proxy refuses this region.");
            return respond(stream, status_line(status), body.as_bytes())
                .await
                .map(|()| false);
        }
    }
    let denied = {
        let faults = shared.faults.lock().unwrap();
        let text = String::from_utf8_lossy(body);
        let action = action_of(body);
        faults.denied.iter().any(|(a, id)| {
            *a == action
                && text
                    .split('&')
                    .any(|p| p.split_once('=').is_some_and(|(_, v)| v == id))
        })
    };
    if denied {
        let body = error_body(
            "AccessDenied",
            "User is not authorized to perform this operation (fault proxy).",
        );
        return respond(stream, "403 Forbidden", body.as_bytes())
            .await
            .map(|()| false);
    }
    let action = replay_key(body);
    let (throttle, delay, replayed, record, keep_alive) = {
        let mut faults = shared.faults.lock().unwrap();
        let throttle = faults.throttle_always || faults.throttle_next > 0;
        faults.throttle_next = faults.throttle_next.saturating_sub(1);
        let replayed = faults.replay.then(|| faults.recorded.get(&action).cloned());
        (throttle, faults.delay, replayed, faults.record, faults.keep_alive)
    };
    if throttle {
        shared.throttled.fetch_add(1, Ordering::SeqCst);
        return respond(stream, "400 Bad Request", THROTTLED.as_bytes())
            .await
            .map(|()| false);
    }
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match replayed {
        Some(Some(r)) => {
            // An answer without a length ends at the close: it cannot share its connection.
            let keep_alive = keep_alive && header(&r.head, "content-length").is_some();
            stream.write_all(&with_connection(&r.head, keep_alive)).await?;
            stream.write_all(&r.body).await?;
            if !keep_alive {
                stream.shutdown().await?;
            }
            return Ok(keep_alive);
        }
        Some(None) => {
            let message = format!("<Response><Errors><Error><Code>NotRecorded</Code><Message>the replay has no answer for {action}</Message></Error></Errors><RequestID>replay</RequestID></Response>");
            return respond(stream, "400 Bad Request", message.as_bytes())
                .await
                .map(|()| false);
        }
        None => {}
    }
    let Some(upstream) = &shared.upstream else {
        return respond(stream, "502 Bad Gateway", b"no upstream")
            .await
            .map(|()| false);
    };
    let mut up = TcpStream::connect(upstream.as_str()).await?;
    up.write_all(&with_connection(head, false)).await?;
    up.write_all(body).await?;
    let (answer_head, answer_body) = read_message(&mut up, true).await?;
    let head = with_connection(&answer_head, false);
    let ok = answer_head.starts_with(b"HTTP/1.1 200") || answer_head.starts_with(b"HTTP/1.0 200");
    if record && ok {
        let recorded = Recorded {
            head: head.clone(),
            body: answer_body.clone(),
        };
        shared
            .faults
            .lock()
            .unwrap()
            .recorded
            .entry(action)
            .or_insert(recorded);
    }
    stream.write_all(&head).await?;
    stream.write_all(&answer_body).await?;
    stream.shutdown().await.map(|()| false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    const ASK: &[u8] =
        b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 34\r\n\r\nAction=DescribeVpcs&Version=2016-1";

    fn recordings() -> HashMap<String, (Vec<u8>, Vec<u8>)> {
        let head = b"HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\n".to_vec();
        HashMap::from([("DescribeVpcs".to_string(), (head, b"<vpcs>".to_vec()))])
    }

    async fn ask(stream: &mut TcpStream) -> (String, Vec<u8>) {
        stream.write_all(ASK).await.unwrap();
        let (head, body) = read_message(stream, true).await.unwrap();
        (String::from_utf8(head).unwrap(), body)
    }

    #[tokio::test]
    async fn a_replay_answers_many_requests_on_one_connection_until_told_to_close() {
        let replay = FaultProxy::replay(recordings()).await;
        let address = replay.endpoint().replace("http://", "");
        let mut stream = TcpStream::connect(&address).await.unwrap();
        for _ in 0..3 {
            let (head, body) = ask(&mut stream).await;
            assert!(head.contains("Connection: keep-alive\r\n"), "{head}");
            assert_eq!(body, b"<vpcs>");
        }
        assert_eq!(replay.count("DescribeVpcs"), 3);

        replay.keep_alive(false);
        let mut stream = TcpStream::connect(&address).await.unwrap();
        let (head, body) = ask(&mut stream).await;
        assert!(head.contains("Connection: close\r\n"), "{head}");
        assert_eq!(body, b"<vpcs>");
        let mut rest = Vec::new();
        assert_eq!(
            stream.read_to_end(&mut rest).await.unwrap(),
            0,
            "the connection is closed"
        );
        assert_eq!(replay.count("DescribeVpcs"), 4);
    }
}
