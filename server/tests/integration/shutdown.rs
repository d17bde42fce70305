//! Graceful shutdown of the real binary: SIGTERM during an in-flight request lets it finish, and
//! the process exits well within 10 s.

use crate::common::{moto_with_users, urlencode};
use app::instances::ListInstances;
use leptos::server_fn::ServerFn;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use testkit::FaultProxy;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// One HTTP/1.1 exchange with `Connection: close`: (status, raw head, body).
async fn exchange(
    port: u16,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: &str,
) -> (u16, String, String) {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("connect");
    let cookie = cookie.map(|c| format!("Cookie: {c}\r\n")).unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: http://127.0.0.1:{port}\r\n\
         Sec-Fetch-Site: same-origin\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Accept: application/json\r\n{cookie}Content-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    );
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

#[tokio::test]
async fn sigterm_finishes_in_flight_requests_and_exits_within_10_s() {
    let (moto, users, _) = moto_with_users().await;
    let proxy = FaultProxy::start(&moto.endpoint()).await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let data = std::env::temp_dir().join(format!("ec2c-shutdown-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("LEPTOS_OUTPUT_NAME", "ec2-console")
        .env("LEPTOS_ENV", "PROD")
        .env("EC2C_LISTEN", format!("127.0.0.1:{port}"))
        .env("AWS_ENDPOINT_URL", proxy.endpoint())
        .env("EC2C_DEFAULT_REGION", "us-east-1")
        .env("EC2C_DEMO", "true")
        .env("EC2C_DATA_DIR", &data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server binary");
    let deadline = Instant::now() + Duration::from_secs(20);
    while tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let form = format!(
        "access_key_id={}&secret_access_key={}&region=us-east-1&next=%2Finstances",
        users.alice.access_key_id,
        urlencode(&users.alice.secret_access_key)
    );
    let (status, head, _) = exchange(port, "POST", "/auth/sign-in", None, &form).await;
    assert_eq!(status, 303, "sign-in failed: {head}");
    let cookie = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("set-cookie: ")
                .or_else(|| l.strip_prefix("Set-Cookie: "))
        })
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_string();

    proxy.set_delay(Duration::from_secs(3));
    let listed = proxy.count("DescribeInstances");
    let in_flight = tokio::spawn(async move {
        exchange(
            port,
            "POST",
            ListInstances::PATH,
            Some(&cookie),
            "region=us-east-1",
        )
        .await
    });
    // SIGTERM only once the request has reached EC2 (the proxy holds it for 3 s): in flight for sure.
    let deadline = Instant::now() + Duration::from_secs(10);
    while proxy.count("DescribeInstances") == listed {
        assert!(Instant::now() < deadline, "the request never reached EC2");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let signalled = Instant::now();

    let (status, _, body) = in_flight.await.unwrap();
    assert_eq!(status, 200, "the in-flight request was cut off: {body}");
    assert!(body.contains("seeded"), "{body}");
    loop {
        if let Some(exit) = child.try_wait().unwrap() {
            assert!(exit.success(), "exit status {exit}");
            break;
        }
        assert!(
            signalled.elapsed() < Duration::from_secs(10),
            "still running 10 s after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!("exited {:?} after SIGTERM", signalled.elapsed());
    let _ = std::fs::remove_dir_all(&data);
}
