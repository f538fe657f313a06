// Keeps the page working offline once it has been loaded: every file of
// the site is answered from the network when it can be (so that a new
// version shows at once), else from the copy kept here.
const CACHE = "ita-report";
const FILES = [
  "./", "index.html", "editor.css", "editor.js", "help.js", "dates.js", "form.js", "results.js", "problems.js", "paste.js", "years.js", "host-web.js", "worker.js",
  "pkg/ita_report.js", "pkg/ita_report_bg.wasm",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((c) => c.put(request, copy)));
        }
        return response;
      })
      .catch(() => caches.match(request, { ignoreSearch: true }).then((kept) => kept || Response.error())),
  );
});
