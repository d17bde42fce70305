//! The HTTP/1.1 of the fault proxy: reading a message, the parts of a request it steers by (the
//! action, the replay key, the signed region, a control parameter) and the answers it makes up.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads one message: the head up to the blank line, then `Content-Length` bytes of body (or, for
/// an answer without a length, everything up to the close).
pub(super) async fn read_message(
    stream: &mut TcpStream,
    answer: bool,
) -> std::io::Result<(Vec<u8>, Vec<u8>)> {
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 8192];
    let end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = buf[..end].to_vec();
    let length = header(&head, "content-length")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(if answer { usize::MAX } else { 0 });
    let mut body = buf[end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Ok((head, body))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub(super) fn header(head: &[u8], name: &str) -> Option<String> {
    String::from_utf8_lossy(head).lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// The query-protocol action named in a form body, e.g. `DescribeInstances`.
pub fn action_of(body: &[u8]) -> String {
    String::from_utf8_lossy(body)
        .split('&')
        .find_map(|pair| pair.strip_prefix("Action="))
        .unwrap_or("unknown")
        .to_string()
}

/// What a recording is kept under: the action, and for a paged call its page size and token, so
/// that a replay walks the same pages (`DescribeInstances|MaxResults=1000|NextToken=abc`).
pub fn replay_key(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut key = action_of(body);
    for name in ["MaxResults=", "NextToken="] {
        if let Some(value) = text.split('&').find(|pair| pair.starts_with(name)) {
            key.push('|');
            key.push_str(value);
        }
    }
    key
}

/// The region a request is signed for (`Credential=AKID/date/REGION/service/aws4_request`).
pub fn region_of(head: &[u8]) -> Option<String> {
    let auth = header(head, "authorization")?;
    let scope = auth.split("Credential=").nth(1)?;
    scope.split('/').nth(2).map(str::to_string)
}

/// The query parameter `name` of a request line's target.
pub(super) fn param(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| v.to_string())
    })
}

/// An EC2 error answer's body.
pub(super) fn error_body(code: &str, message: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>")
}

pub(super) fn status_line(status: u16) -> &'static str {
    match status {
        400 => "400 Bad Request",
        401 => "401 Unauthorized",
        403 => "403 Forbidden",
        503 => "503 Service Unavailable",
        _ => "500 Internal Server Error",
    }
}

/// `head` with `Connection: keep-alive` (or `close`) in place of any connection or keep-alive header.
pub(super) fn with_connection(head: &[u8], keep_alive: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(head);
    let mut out = String::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if name != "connection" && name != "keep-alive" {
            out.push_str(line);
            out.push_str("\r\n");
        }
    }
    out.push_str(if keep_alive {
        "Connection: keep-alive\r\n\r\n"
    } else {
        "Connection: close\r\n\r\n"
    });
    out.into_bytes()
}

/// Answers with `body` and closes the connection.
pub(super) async fn respond(stream: &mut TcpStream, status: &str, body: &[u8]) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_region_and_control_parameters_are_read() {
        let head = b"POST / HTTP/1.1\r\nAuthorization: AWS4-HMAC-SHA256 Credential=AKIA1/20261201/eu-west-1/ec2/aws4_request, SignedHeaders=host, Signature=ab\r\n\r\n";
        assert_eq!(region_of(head).as_deref(), Some("eu-west-1"));
        assert_eq!(region_of(b"POST / HTTP/1.1\r\n\r\n"), None);
        let target = "/__faults/region?region=eu-west-1&status=403&code=AccessDenied";
        assert_eq!(param(target, "code").as_deref(), Some("AccessDenied"));
        assert_eq!(param(target, "delay_ms"), None);
    }

    #[test]
    fn actions_and_headers_are_read_from_the_message() {
        assert_eq!(
            action_of(b"Action=DescribeInstances&Version=2016-11-15"),
            "DescribeInstances"
        );
        assert_eq!(
            action_of(b"Version=1&Action=GetCallerIdentity"),
            "GetCallerIdentity"
        );
        assert_eq!(action_of(b""), "unknown");
        assert_eq!(
            replay_key(b"Action=DescribeVpcs&Version=2016-11-15"),
            "DescribeVpcs"
        );
        assert_eq!(
            replay_key(b"Action=DescribeInstances&NextToken=abc%3D&MaxResults=1000&Version=2016-11-15"),
            "DescribeInstances|MaxResults=1000|NextToken=abc%3D"
        );
        let head = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 12\r\nConnection: keep-alive\r\n\r\n";
        assert_eq!(header(head, "content-length").as_deref(), Some("12"));
        let closed = String::from_utf8(with_connection(head, false)).unwrap();
        assert!(closed.ends_with("Connection: close\r\n\r\n"));
        assert!(!closed.contains("keep-alive"));
        assert!(closed.contains("Host: x\r\n"));
        let kept = String::from_utf8(with_connection(
            b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n",
            true,
        ))
        .unwrap();
        assert_eq!(kept, "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\n\r\n");
    }
}
