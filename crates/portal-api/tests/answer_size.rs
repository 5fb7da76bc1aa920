//! A desk reads at most `MAX_ANSWER_BYTES` of an answer: a larger one, announced or streamed,
//! is refused whole with a clear error (nothing of it reaches the store). The peer here is a
//! plain TCP server, since the sandbox itself never serves such a page.

use std::io::{Read, Write};
use std::net::TcpListener;

use portal_api::{ClientError, MAX_ANSWER_BYTES, PortalClient};

/// Serves one HTTP answer of `body_len` bytes of JSON-ish filler, with or without a
/// Content-Length; returns the server's base URL.
fn serve_once(body_len: usize, announce: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        let Ok((mut socket, _)) = listener.accept() else { return };
        let mut request = [0u8; 4096];
        let _ = socket.read(&mut request);
        let head = if announce {
            format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body_len}\r\n\r\n")
        } else {
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".to_owned()
        };
        let _ = socket.write_all(head.as_bytes());
        let chunk = vec![b' '; 64 * 1024];
        let mut sent = 0;
        while sent < body_len {
            let n = chunk.len().min(body_len - sent);
            if socket.write_all(&chunk[..n]).is_err() {
                return; // the client gave up, as it should
            }
            sent += n;
        }
    });
    url
}

#[tokio::test]
async fn an_answer_over_the_limit_is_refused_whether_announced_or_streamed() {
    for announce in [true, false] {
        let client = PortalClient::new(&serve_once(MAX_ANSWER_BYTES + 1, announce)).expect("client");
        let err = client.changes(0, 10).await.expect_err("too large");
        assert!(
            matches!(err, ClientError::TooLarge { limit } if limit == MAX_ANSWER_BYTES),
            "announce {announce}: {err:?}"
        );
        assert!(!err.is_retryable(), "the same page would come again");
        assert!(err.to_string().contains("nothing of it was applied"), "{err}");
    }
}

#[tokio::test]
async fn an_answer_within_the_limit_is_read() {
    // Not a page (only spaces): it reaches the decoder, which refuses it as unreadable.
    let client = PortalClient::new(&serve_once(1024, true)).expect("client");
    assert!(matches!(client.changes(0, 10).await, Err(ClientError::Decode(_))));
}
