//! The `fault-proxy` binary the browser tests steer over HTTP: it forwards, refuses a region when
//! told, denies an action on one instance when told, and heals. (Also makes `cargo test` build the
//! binary the browser tests run.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};

/// An upstream that answers every request with 200 `upstream`.
fn upstream() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 8\r\nConnection: close\r\n\r\nupstream");
        }
    });
    port
}

/// Sends one request; the status line and body.
fn send(port: u16, head: &str, body: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let request = format!(
        "{head}\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer.lines().next().unwrap_or_default().to_string();
    let body = answer.split("\r\n\r\n").nth(1).unwrap_or_default().to_string();
    (status, body)
}

fn signed(region: &str) -> String {
    format!("POST / HTTP/1.1\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIA1/20261201/{region}/ec2/aws4_request, SignedHeaders=host, Signature=ab")
}

#[test]
fn the_binary_forwards_refuses_a_region_denies_an_instance_and_heals() {
    let up = upstream();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fault-proxy"))
        .arg(format!("http://127.0.0.1:{up}"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("start fault-proxy");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line
        .trim()
        .rsplit(':')
        .next()
        .unwrap()
        .parse()
        .expect("the endpoint's port");

    let (status, body) = send(port, &signed("eu-west-1"), "Action=DescribeInstances");
    assert!(status.contains("200") && body == "upstream", "{status} {body}");

    let (status, _) = send(
        port,
        "POST /__faults/region?region=eu-west-1&status=403&code=AccessDenied HTTP/1.1",
        "",
    );
    assert!(status.contains("200"), "{status}");
    let (status, body) = send(port, &signed("eu-west-1"), "Action=DescribeInstances");
    assert!(
        status.contains("403") && body.contains("<Code>AccessDenied</Code>"),
        "{status} {body}"
    );
    let (status, _) = send(port, &signed("us-east-1"), "Action=DescribeInstances");
    assert!(status.contains("200"), "other regions pass: {status}");

    send(
        port,
        "POST /__faults/deny?action=TerminateInstances&id=i-1234abcd HTTP/1.1",
        "",
    );
    let (status, _) = send(
        port,
        &signed("us-east-1"),
        "Action=TerminateInstances&InstanceId.1=i-1234abcd&DryRun=true",
    );
    assert!(status.contains("403"), "{status}");
    let (status, _) = send(
        port,
        &signed("us-east-1"),
        "Action=TerminateInstances&InstanceId.1=i-99999999",
    );
    assert!(status.contains("200"), "another instance passes: {status}");

    let (status, _) = send(port, "POST /__faults/nonsense HTTP/1.1", "");
    assert!(status.contains("400"), "{status}");
    send(port, "POST /__faults/clear HTTP/1.1", "");
    let (status, _) = send(port, &signed("eu-west-1"), "Action=DescribeInstances");
    assert!(status.contains("200"), "healed: {status}");
    child.kill().ok();
    child.wait().ok();
}
