//! Headless Chromium driven through chromedriver (WebDriver, fantoccini),
//! for the tests and benches of the editor's page on both its hosts, and
//! a static server of a folder, as any web host serves the web page.

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// chromedriver, stopped when dropped (also when the test fails half-way)
/// with the browsers it started: its /shutdown closes them first.
pub struct Driver(Child, u16);

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.1)) {
            use std::io::{Read, Write};
            let _ = write!(stream, "GET /shutdown HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", self.1);
            let _ = stream.read_to_end(&mut Vec::new());
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser", "google-chrome"].into_iter().find_map(|p| {
        let o = Command::new("sh").arg("-c").arg(format!("command -v {p}")).output().ok()?;
        let path = String::from_utf8_lossy(&o.stdout).trim().to_string();
        (!path.is_empty()).then_some(path)
    })
}

fn start_driver() -> Option<Driver> {
    let port = std::net::TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let driver = Driver(child, port);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if start.elapsed() > Duration::from_secs(20) {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Some(driver)
}

/// A browser of `window` pixels, or why there is none (Chromium or
/// chromedriver missing). The driver goes with it.
pub async fn session(window: (u32, u32)) -> Result<(Driver, Client), String> {
    let browser = chromium().ok_or("Chromium is not installed (apt-get install chromium)")?;
    let driver = start_driver().ok_or("chromedriver does not run (apt-get install chromium-driver)")?;
    // Without the background services, Chromium's own requests to the
    // network do not muddle a count of the page's.
    let caps = json!({ "goog:chromeOptions": {
        "binary": browser,
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                 format!("--window-size={},{}", window.0, window.1)],
    }});
    let c = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps.as_object().unwrap().clone())
        .connect(&format!("http://127.0.0.1:{}", driver.1))
        .await
        .map_err(|e| format!("no WebDriver session: {e}"))?;
    Ok((driver, c))
}

/// Text copied with the keyboard as from another window: put in a box of
/// its own, selected with Ctrl+A, copied with Ctrl+C, the box taken away.
pub async fn copy(c: &Client, text: &str) {
    let chord = |k: char| format!("{}{k}{}", char::from(Key::Control), char::from(Key::Control));
    let other = format!(
        "var t = document.createElement('textarea'); t.id = 'other'; t.value = {}; document.body.appendChild(t);",
        json!(text)
    );
    c.execute(&other, vec![]).await.unwrap();
    let other = c.find(Locator::Id("other")).await.unwrap();
    other.click().await.unwrap();
    other.send_keys(&chord('a')).await.unwrap();
    other.send_keys(&chord('c')).await.unwrap();
    c.execute("document.getElementById('other').remove();", vec![]).await.unwrap();
}

/// Waits until the script returns true.
pub async fn until(c: &Client, what: &str, script: &str) {
    until_within(c, what, script, Duration::from_secs(30)).await;
}

pub async fn until_within(c: &Client, what: &str, script: &str, limit: Duration) {
    let start = Instant::now();
    loop {
        let v = c.execute(script, vec![]).await.unwrap();
        if v == Value::Bool(true) {
            return;
        }
        assert!(start.elapsed() < limit, "waited {limit:?} for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A static server of a folder on 127.0.0.1, as any host would serve it;
/// it records every path asked for. Each answer closes its connection, so
/// that once the server is dropped the browser finds nothing there, as
/// with the network cut.
pub struct Static {
    port: u16,
    pub asked: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Static {
    pub fn serve(site: &Path) -> Static {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let (asked, stop) = (Arc::new(Mutex::new(Vec::new())), Arc::new(AtomicBool::new(false)));
        let (site, log, stopped) = (site.to_path_buf(), asked.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => answer(stream, &site, &log),
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Static { port, asked, stop, thread: Some(thread) }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for Static {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One request: the file its path names, or 404.
fn answer(mut stream: TcpStream, site: &Path, log: &Mutex<Vec<String>>) {
    use std::io::{BufRead, BufReader, Write};
    let _ = stream.set_nonblocking(false);
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").split('?').next().unwrap_or("/").to_string();
    log.lock().unwrap().push(path.clone());
    let file = site.join(path.trim_start_matches('/'));
    let file = if path.ends_with('/') { file.join("index.html") } else { file };
    let (status, kind, body) = match std::fs::read(&file) {
        Ok(bytes) => ("200 OK", mime(&file), bytes),
        Err(_) => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(&body));
}

fn mime(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}
