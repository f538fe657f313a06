// The editor: the state of the input, checked as it is typed, shown in the
// form (form.js) with the document's pages beside it. One page for both
// hosts: the local editor's server (host-local.js) and the web page's core
// in a worker (host-web.js) answer the same requests. Plain ES5, so that
// the older browsers of small offices run it.
(function () {
  "use strict";

  var ita = window.ita = {};

  var state = null;        // the server's last state
  var pending = {};        // path key -> value typed, not yet sent
  var pendingPath = {};    // path key -> the path itself
  var timers = {};
  var queue = [];          // requests, sent one at a time in order
  var busy = false;
  var shownPages = [];     // page hashes shown, in order
  var shape = null;        // what the form was built for (shapeOf)
  var DEBOUNCE = 250;

  function $(id) { return document.getElementById(id); }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    var k;
    for (k in attrs || {}) {
      if (!attrs.hasOwnProperty(k)) continue;
      if (k === "text") e.appendChild(document.createTextNode(attrs[k]));
      else if (k === "class") e.className = attrs[k];
      else if (k.slice(0, 2) === "on") e[k] = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  // ---- paths into the tree ----

  function keyPath(path) {
    var out = "";
    path.forEach(function (s) {
      if (typeof s === "number") out += "[" + s + "]";
      else out += (out ? "." : "") + s;
    });
    return out;
  }

  function at(path) {
    var t = state.tree;
    for (var i = 0; i < path.length; i++) {
      if (t === null || typeof t !== "object") return undefined;
      t = t[path[i]];
      if (t === undefined) return undefined;
    }
    return t;
  }

  function textAt(path) {
    var k = keyPath(path);
    if (pending.hasOwnProperty(k)) return pending[k];
    var v = at(path);
    return typeof v === "string" ? v : "";
  }

  function list(path) { var v = at(path); return Object.prototype.toString.call(v) === "[object Array]" ? v : []; }
  function map(path) { var v = at(path); return v && typeof v === "object" && !(v instanceof Array) ? v : {}; }

  // ---- talking to the host ----

  function request(method, url, body, done, type) {
    queue.push({ method: method, url: url, body: body, done: done, type: type });
    pump();
  }

  function pump() {
    if (busy || !queue.length) return;
    busy = true;
    var r = queue.shift();
    // Edits name the version they were made against (and the editor's run), as the page has it when they go.
    if (r.body && r.body.ops && state) { r.body.version = state.version; r.body.session = state.session; }
    ita.host.send(r, function (status, reply) {
      busy = false;
      if (r.done) r.done(status, reply);
      pump();
    }, function (why) {
      busy = false;
      banner(why);
      pump();
    });
  }

  function said(error) { return error.en ? error.th + " (" + error.en + ")" : error.th; }

  // Edits, sent in order. A list's items move under a field's path when an
  // item is added, moved or removed: what was typed is sent first.
  function send(ops) {
    ops = ops.filter(function (op) { return op; });
    if (!ops.length) return;
    if (ops.some(function (op) { return op.op !== "set"; })) flushAll();
    request("POST", "api/edit", { ops: ops }, function (status, reply) {
      // Made against a file that has changed since: so were the edits queued behind it.
      if (status === 409) queue = queue.filter(function (q) { return !(q.body && q.body.ops); });
      if (reply && reply.refused) banner(reply.refused);
      else if (reply && reply.error) banner(said(reply.error));
      if (reply && reply.tree !== undefined) show(reply);
    });
  }

  // An item put at the end of the list at `path`, the list made if missing.
  function append(path, value) {
    var now = at(path);
    send([now instanceof Array ? { op: "insert", path: path, index: now.length, value: value } : { op: "set", path: path, value: [value] }]);
  }

  // A field's value typed: sent once typing pauses. An empty field takes
  // its key out of the file.
  function typed(path, value) {
    var k = keyPath(path);
    pending[k] = value;
    pendingPath[k] = path;
    markDirty();
    clearTimeout(timers[k]);
    timers[k] = setTimeout(function () { flush(k); }, DEBOUNCE);
  }

  function take(k) {
    var op = opFor(pendingPath[k], pending[k]);
    clearTimeout(timers[k]);
    delete pending[k];
    delete pendingPath[k];
    return op;
  }

  function flush(k) {
    if (pending.hasOwnProperty(k)) send([take(k)]);
  }

  function flushAll() {
    var ops = Object.keys(pending).map(take);
    if (ops.length) send(ops);
  }

  // An empty field takes its key out of the file (nothing, when the key is
  // not there); an item of a list stays, empty, so that the items after it
  // keep their places.
  function opFor(path, value) {
    var empty = value === "" || value === null || (value instanceof Array && !value.length);
    if (!empty) return { op: "set", path: path, value: value };
    if (typeof path[path.length - 1] === "number") return { op: "set", path: path, value: "" };
    return at(path) === undefined ? null : { op: "remove", path: path };
  }

  function markDirty() { $("status").className = "dirty"; }

  // ---- showing the state ----

  // What the form's fields depend on: the tree with its texts left out,
  // and the year's catalog. The form is built anew only when it changes;
  // otherwise its fields are brought up to date where they are.
  function shapeOf(s) {
    function strip(t) {
      if (t === null || typeof t !== "object") return 0;
      if (t instanceof Array) return t.map(strip);
      var out = {};
      Object.keys(t).forEach(function (k) { out[k] = strip(t[k]); });
      return out;
    }
    return JSON.stringify([strip(s.tree), s.catalog.fiscal_year, s.catalog.items.length]);
  }

  function show(s) {
    var focused = document.activeElement && document.activeElement.getAttribute && document.activeElement.getAttribute("data-path");
    var caret = null;
    try { caret = focused && document.activeElement.selectionStart; } catch (e) { /* a field without a caret */ }
    var scroll = $("form").scrollTop;
    state = ita.state = s;
    var form = $("form");
    var now = shapeOf(s);
    var rebuilt = now !== shape;
    if (rebuilt) {
      shape = now;
      form.innerHTML = "";
      form.appendChild(el("div", { id: "summary" }));
      ita.sections().forEach(function (f) { form.appendChild(f); });
    }
    Array.prototype.forEach.call(form.querySelectorAll("*"), function (f) {
      var k = f.getAttribute("data-path");
      if (f._refresh && !(k && (f === document.activeElement || pending.hasOwnProperty(k)))) f._refresh();
    });
    messages();
    if (rebuilt && focused) {
      var again = fields()[focused];
      if (again) {
        again.focus();
        try { if (caret !== null && caret !== undefined) again.setSelectionRange(caret, caret); } catch (e) { /* not a text field */ }
      }
    }
    form.scrollTop = scroll;
    $("file").textContent = s.file || "ita-report";
    $("kind").value = s.kind || "analysis";
    var errors = s.diagnostics.filter(function (d) { return d.severity === "error"; }).length;
    var warnings = s.diagnostics.length - errors;
    var status = $("status");
    status.className = Object.keys(pending).length || (s.dirty && !s.kept) ? "dirty" : s.dirty ? "kept" : "";
    status.textContent = (!s.dirty ? "บันทึกแล้ว (saved)" : s.kept
      ? "เก็บไว้ในเบราว์เซอร์นี้แล้ว ยังไม่ได้บันทึกเป็นไฟล์ (kept in this browser, not saved to a file)"
      : "ยังไม่บันทึก (not saved)") +
      " · ข้อผิดพลาด " + errors + " (errors) · คำเตือน " + warnings + " (warnings)";
    if (s.disk_changed) conflict();
    if (ita.host.shown) ita.host.shown(s);
    refreshPreview();
  }

  // Each message beside the field it is about, or the nearest one that
  // holds it; those of no field at the top.
  function messages() {
    Array.prototype.forEach.call(document.querySelectorAll("#form .msg"), function (m) { m.parentNode.removeChild(m); });
    Array.prototype.forEach.call(document.querySelectorAll("#form .has-error"), function (f) { f.className = f.className.replace(/ ?has-error/g, ""); });
    var summary = $("summary");
    var byPath = fields();
    state.diagnostics.forEach(function (d) {
      var text = (d.severity === "error" ? "ข้อผิดพลาด (error): " : "คำเตือน (warning): ") + d.th + " (" + d.en + ")" + (d.hint ? " · " + d.hint : "");
      // Beside the field that mends it (a score missing from the list), else its own.
      var target = fieldFor(d.mended_at || d.key, byPath);
      var msg = el("div", { class: "msg " + d.severity, "data-for": d.key, text: text });
      if (target) {
        if (d.severity === "error" && target._path) target.className += " has-error";
        place(target, msg);
      } else {
        summary.appendChild(msg);
      }
    });
  }

  // A message goes in its field's row (or table cell, or step); one about
  // a whole part, at the part's top.
  function place(target, msg) {
    if (target.tagName === "TABLE") { target.parentNode.insertBefore(msg, target); return; }
    if (!target._path && (target.tagName === "FIELDSET" || target.tagName === "DIV")) {
      var first = target.firstChild && target.firstChild.tagName === "LEGEND" ? target.firstChild.nextSibling : target.firstChild;
      target.insertBefore(msg, first);
      return;
    }
    var holder = target.tagName === "TD" ? target : target.parentNode;
    while (holder && holder !== document.body && !/(^| )(row|step)( |$)/.test(holder.className) && holder.tagName !== "TD") holder = holder.parentNode;
    (holder && holder !== document.body ? holder : target.parentNode).appendChild(msg);
  }

  // The form's elements by their paths, the first of each.
  function fields() {
    var byPath = {};
    Array.prototype.forEach.call($("form").querySelectorAll("[data-path]"), function (f) {
      var k = f.getAttribute("data-path");
      if (!byPath.hasOwnProperty(k)) byPath[k] = f;
    });
    return byPath;
  }

  function fieldFor(key, byPath) {
    var k = key;
    while (k) {
      if (byPath.hasOwnProperty(k)) return byPath[k];
      var cut = Math.max(k.lastIndexOf("."), k.lastIndexOf("["));
      k = cut > 0 ? k.slice(0, cut) : "";
    }
    return null;
  }

  function refreshPreview() {
    request("GET", "api/preview", undefined, function (status, p) {
      if (!p || p.version !== state.version) return;
      var box = $("preview");
      box.className = p.stale ? "stale" : p.sketch ? "sketch" : "";
      // A document that cannot be made says why (a follow-up report with nothing to report).
      $("preview-note").textContent = p.error && !p.pages.length ? p.error
        : p.stale && !p.pages.length
        ? "เอกสารจะปรากฏที่นี่เมื่อแก้ข้อผิดพลาดครบ (the document shows here once the errors are fixed)"
        : p.sketch
        ? "ฉบับร่าง " + p.pages.length + " หน้า: ช่องที่ยังไม่ได้กรอกจะแสดงเป็น …… สร้างเอกสารได้เมื่อแก้ข้อผิดพลาดครบ (a draft: what is not filled in shows as ……; Build waits for the errors to be fixed)"
        : p.stale
        ? "แก้ข้อผิดพลาดก่อน: หน้าที่เห็นเป็นฉบับล่าสุดที่สร้างได้ (fix the errors first: these are the last pages that could be made)"
        : "ตัวอย่างเอกสาร " + p.pages.length + " หน้า (preview, " + p.pages.length + " pages)";
      if (p.error && p.pages.length) $("preview-note").textContent += " · " + p.error;
      var pages = $("pages");
      p.pages.forEach(function (hash, i) {
        var img = pages.children[i];
        if (!img) { img = el("img", { alt: "หน้า " + (i + 1) + " (page " + (i + 1) + ")" }); pages.appendChild(img); }
        if (shownPages[i] !== hash) ita.host.page(hash, img);
        img.setAttribute("data-hash", hash);
      });
      while (pages.children.length > p.pages.length) pages.removeChild(pages.lastChild);
      shownPages = p.pages.slice();
    });
  }

  // A message above the form; its close button first, so that a long one
  // (it scrolls within its box) never hides how to close it.
  function banner(text, buttons, alarm) {
    var b = $("banner");
    b.className = alarm ? "alarm" : "";
    b.innerHTML = "";
    // An alarm holds the only way on: it stays until it is dealt with.
    if (!alarm) b.appendChild(ita.button("ปิด (close)", function () { b.hidden = true; }));
    b.appendChild(document.createTextNode(text));
    (buttons || []).forEach(function (x) { b.appendChild(x); });
    b.hidden = false;
  }

  // The file as it is on disk now, the edits not saved dropped.
  function reload(said) {
    request("POST", "api/reload", {}, function (status, s) {
      if (!s || s.tree === undefined) return;
      show(s);
      if (said) banner(said); else $("banner").hidden = true;
    });
  }

  function conflict() {
    if (!state.dirty) {
      reload("ไฟล์ถูกแก้จากโปรแกรมอื่น จึงโหลดใหม่แล้ว (the file was changed outside the editor, and has been reloaded)");
      return;
    }
    banner("ไฟล์ถูกแก้จากโปรแกรมอื่นระหว่างที่แก้ไขอยู่ (the file was changed outside the editor while you edited it):", [
      ita.button("บันทึกทับด้วยฉบับนี้ (save this over it)", function () { save(true); }, ""),
      ita.button("ทิ้งที่แก้ ใช้ฉบับในไฟล์ (drop my edits, take the file's)", function () { reload(); }, "")
    ]);
  }

  function save(force) {
    flushAll();
    request("POST", "api/save", { force: !!force }, function (status, s) {
      if (status === 409) { state = s; conflict(); return; }
      if (s && s.error) { banner(said(s.error)); return; }
      if (s) { show(s); $("banner").hidden = true; }
    });
  }

  function build() {
    flushAll();
    request("POST", "api/build", {}, function (status, r) {
      if (status === 409) { state = r; conflict(); return; }
      if (!r) return;
      if (r.error && r.error.th) { banner(said(r.error)); return; }
      if (r.state) show(r.state);
      var d = $("downloads");
      d.innerHTML = "";
      if (r.ok) {
        (r.links || [{ href: "api/file/pdf", text: "PDF" }, { href: "api/file/docx", text: "DOCX" }]).forEach(function (l, i) {
          if (i) d.appendChild(document.createTextNode(" · "));
          d.appendChild(el("a", { href: l.href, download: l.name || "", text: l.text }));
        });
        banner(r.notes && r.notes.length ? r.notes.join(" ")
          : "สร้างเอกสารแล้ว (the documents are built): " + (r.files || []).join(", "));
      } else {
        banner("สร้างเอกสารไม่ได้ (the documents could not be built): " + (r.error || "ดูข้อผิดพลาดในแบบฟอร์ม (see the errors in the form)"));
        if (ita.showProblems) ita.showProblems();
      }
    });
  }

  // What the form and the hosts use.
  ita.el = el; ita.$ = $; ita.keyPath = keyPath; ita.at = at; ita.textAt = textAt; ita.list = list; ita.map = map;
  ita.send = send; ita.typed = typed; ita.opFor = opFor; ita.append = append; ita.banner = banner; ita.said = said;
  ita.request = request; ita.show = show; ita.flushAll = flushAll; ita.pending = pending;

  // Enter in a field never submits the form (it would reload the page).
  $("form").onsubmit = function () { return false; };
  $("save").onclick = function () { save(false); };
  $("build").onclick = build;
  // Which of the year's two documents the preview shows and Build makes.
  $("kind").onchange = function () {
    flushAll();
    request("POST", "api/kind?kind=" + encodeURIComponent($("kind").value), {}, function (status, s) {
      if (s && s.tree !== undefined) { $("downloads").innerHTML = ""; show(s); return; }
      // Refused: the pick goes back to the document still shown.
      $("kind").value = state.kind || "analysis";
      if (s && s.error) banner(said(s.error));
    });
  };
  window.addEventListener("beforeunload", function (e) {
    if ((state && state.dirty && !state.kept) || Object.keys(pending).length || queue.length || busy) {
      e.preventDefault();
      e.returnValue = "ยังไม่ได้บันทึก (not saved)";
      return e.returnValue;
    }
  });
  // The file on disk is looked at every few seconds: a change made
  // elsewhere is never overwritten, nor lost, without the official knowing.
  setInterval(function () {
    if (busy || queue.length || Object.keys(pending).length) return;
    request("GET", "api/state", undefined, function (status, s) {
      if (s && s.disk_changed && state && !state.disk_changed) { state = s; conflict(); }
    });
  }, 3000);
  // Called by the host once it is ready.
  ita.start = function () {
    request("GET", "api/state", undefined, function (status, s) { if (s && s.tree !== undefined) show(s); });
  };
})();
