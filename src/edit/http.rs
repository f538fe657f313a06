//! What the editor's servers (the start page and the editor) share: the
//! gate every request passes, and the replies.
//!
//! What each request must have: a Host of `127.0.0.1:PORT` or
//! `localhost:PORT` (a web page's script that renames its own host to
//! 127.0.0.1, DNS rebinding, is refused); the server's token, given once in
//! the URL and kept in a cookie of this port's own name, which the browser
//! sends to 127.0.0.1 alone (SameSite=Strict); for a POST, an Origin of this server (a page of
//! another site posting a form here is refused). Bodies are bounded before
//! they are read.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Value as Json, json};
use tiny_http::{Header, Method, Request, Response};

pub type Reply = Response<std::io::Cursor<Vec<u8>>>;

/// How often a server looks up from waiting, to stop at once on Ctrl-C.
const TICK: std::time::Duration = std::time::Duration::from_millis(100);

/// The server's next request; None once `stop` is set or the server fails.
pub fn next_request(http: &tiny_http::Server, stop: &AtomicBool) -> Option<Request> {
    while !stop.load(Ordering::Relaxed) {
        match http.recv_timeout(TICK) {
            Ok(Some(request)) => return Some(request),
            Ok(None) => {}
            Err(_) => return None,
        }
    }
    None
}

/// The header the editor's page sends with every request.
const PAGE_HEADER: &str = "X-Ita-Report";

/// One server's port and token.
pub struct Gate {
    port: u16,
    token: String,
}

impl Gate {
    pub fn new(http: &tiny_http::Server) -> Gate {
        let port = http.server_addr().to_ip().map_or(0, |a| a.port());
        Gate { port, token: new_token() }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The address that opens the server's page, its token in it.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token)
    }

    /// Lets a request through, or answers it: refused, or, for the link
    /// with the token, signed in.
    pub fn admit(&self, request: &Request) -> Result<(), Reply> {
        let host_ok = header_value(request, "Host")
            .is_some_and(|h| h == format!("127.0.0.1:{}", self.port) || h == format!("localhost:{}", self.port));
        if !host_ok {
            return Err(refused(421, "ที่อยู่ของเซิร์ฟเวอร์ไม่ถูกต้อง", "this server answers at 127.0.0.1 alone"));
        }
        let url = request.url();
        let (path, query) = url.split_once('?').unwrap_or((url, ""));
        if *request.method() == Method::Get && path == "/" && query_value(query, "token").is_some() {
            return Err(self.sign_in(query));
        }
        if !self.has_token(request) {
            return Err(refused(
                403,
                "เปิดตัวแก้ไขจากลิงก์ที่ ita-report พิมพ์ไว้ในหน้าต่างของโปรแกรม",
                "open the editor from the link ita-report printed in its window",
            ));
        }
        if *request.method() == Method::Post && !self.same_origin(request) {
            return Err(refused(403, "คำขอนี้มาจากหน้าเว็บอื่น", "this request comes from another web page"));
        }
        Ok(())
    }

    /// The link's token becomes a cookie, and the token leaves the address
    /// bar (and the history) at once.
    fn sign_in(&self, query: &str) -> Reply {
        if query_value(query, "token").as_deref() != Some(self.token.as_str()) {
            return refused(403, "ลิงก์นี้ใช้ไม่ได้แล้ว", "this link is no longer valid");
        }
        let cookie = format!("{}={}; HttpOnly; SameSite=Strict; Path=/", self.cookie(), self.token);
        see_other("/").with_header(header("Set-Cookie", &cookie))
    }

    /// The cookie's name, this server's alone: a browser sends a cookie of
    /// 127.0.0.1 to every port, and two editors open at once must not sign
    /// each other out.
    fn cookie(&self) -> String {
        format!("ita_token_{}", self.port)
    }

    fn has_token(&self, request: &Request) -> bool {
        let cookies = header_value(request, "Cookie").unwrap_or_default();
        cookies.split(';').filter_map(|c| c.trim().split_once('=')).any(|(k, v)| k == self.cookie() && v == self.token)
    }

    /// An Origin of this server; or, from a browser too old to send one,
    /// the page's own header, which another site's page cannot send
    /// without a preflight this server never grants.
    fn same_origin(&self, request: &Request) -> bool {
        let ours =
            |o: &str| o == format!("http://127.0.0.1:{}", self.port) || o == format!("http://localhost:{}", self.port);
        match header_value(request, "Origin") {
            Some(origin) => ours(&origin),
            None => header_value(request, PAGE_HEADER).is_some(),
        }
    }
}

/// To `location`, by GET.
pub fn see_other(location: &str) -> Reply {
    Response::from_data(Vec::new()).with_status_code(303).with_header(header("Location", location))
}

/// Sends a reply with its length (no chunks, which older browsers and
/// simple clients read no better) and the headers that keep it to this
/// page. The referrer is sent to this origin alone: with none at all, a
/// browser posts a form with `Origin: null`, which the gate must refuse.
pub fn respond(request: Request, reply: Reply) {
    let reply = reply
        .with_chunked_threshold(usize::MAX)
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("X-Frame-Options", "DENY"))
        .with_header(header("Referrer-Policy", "same-origin"));
    let _ = request.respond(reply);
}

/// The request, if the gate lets it through; else it is answered here.
/// The body of a refused one is never read, but what is left of it is read
/// to its end as the request goes, so that its connection can go on: on a
/// thread of its own, lest a client sending a byte a second hold up every
/// other request until it is done.
pub fn admitted(gate: &Gate, request: Request) -> Option<Request> {
    match gate.admit(&request) {
        Ok(()) => Some(request),
        Err(reply) if request.body_length().is_some_and(|n| n > 0) => {
            std::thread::spawn(move || respond(request, reply));
            None
        }
        Err(reply) => {
            respond(request, reply);
            None
        }
    }
}

/// The request's body, refused unread when it says it is longer than
/// `limit`, and cut off when it runs past it.
pub fn body(request: &mut Request, limit: usize) -> Result<Vec<u8>, Reply> {
    let too_big = || refused(413, "ข้อมูลที่ส่งมาใหญ่เกินไป", "what was sent is too large");
    if request.body_length().is_some_and(|n| n > limit) {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    request.as_reader().take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|_| too_big())?;
    if bytes.len() > limit {
        return Err(too_big());
    }
    Ok(bytes)
}

pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

pub fn header_value(request: &Request, name: &'static str) -> Option<String> {
    request.headers().iter().find(|h| h.field.equiv(name)).map(|h| h.value.as_str().to_string())
}

pub fn query_value(query: &str, key: &str) -> Option<String> {
    query.split('&').filter_map(|p| p.split_once('=')).find(|(k, _)| *k == key).map(|(_, v)| unpercent(v))
}

fn unpercent(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 2;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn text(status: u16, body: &str, kind: &str) -> Reply {
    let reply = Response::from_data(body.as_bytes().to_vec()).with_status_code(status);
    let reply = reply.with_header(header("Content-Type", kind));
    reply.with_header(header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
    ))
}

pub fn json_reply(status: u16, value: &Json) -> Reply {
    let body = serde_json::to_vec(value).expect("JSON serializes");
    Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json; charset=utf-8"))
}

pub fn refused(status: u16, th: &str, en: &str) -> Reply {
    json_reply(status, &json!({ "error": { "th": th, "en": en } }))
}

/// 128 random bits, as hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system's random numbers");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
