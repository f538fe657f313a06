//! Clients that would hold up or grow the editor: a request that sends its
//! body a byte at a time, refused before it is read, never holds up the
//! official's page; an endless header line is cut off, not kept.

use std::io::Write;
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::Value;

use crate::edit::Running;
use crate::support::minimal;

#[test]
fn a_client_sending_a_byte_at_a_time_holds_up_no_other_request() {
    let ed = Running::start(minimal());
    let (port, sending) = (ed.port, Arc::new(AtomicBool::new(true)));
    let still = sending.clone();
    let slow = std::thread::spawn(move || {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        // No token: refused, its body never read by the editor.
        let head = format!(
            "POST /api/save HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nExpect: 100-continue\r\nContent-Length: 40\r\n\r\n"
        );
        s.write_all(head.as_bytes()).unwrap();
        for _ in 0..40 {
            std::thread::sleep(Duration::from_millis(250));
            if s.write_all(b"x").is_err() {
                break;
            }
        }
        still.store(false, Ordering::SeqCst);
    });
    std::thread::sleep(Duration::from_millis(500));
    let (status, state) = ed.json("GET", "/api/state", Value::Null);
    assert_eq!(status, 200);
    assert!(state["tree"].is_object());
    assert!(sending.load(Ordering::SeqCst), "the page was answered only once the slow client was done");
    slow.join().unwrap();
}

#[test]
fn an_endless_header_line_is_cut_off() {
    let ed = Running::start(minimal());
    let mut s = TcpStream::connect(("127.0.0.1", ed.port)).unwrap();
    s.write_all(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nX-Long: ", ed.port).as_bytes()).unwrap();
    let line = vec![b'x'; 1 << 20];
    // The editor stops reading, and closes the connection, long before
    // 64 MiB of one line: a write fails.
    let cut = (0..64).any(|_| s.write_all(&line).is_err());
    assert!(cut, "the editor read 64 MiB of one header line");
    assert_eq!(ed.json("GET", "/api/state", Value::Null).0, 200, "the editor still answers");
}
