// The editor's form: every key of the input format, checked as it is
// typed, the document's pages beside it. Plain ES5 and XMLHttpRequest, so
// that the older browsers of small offices run it; nothing is fetched from
// anywhere but this computer's ita-report.
(function () {
  "use strict";

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

  // ---- talking to the server ----

  function request(method, url, body, done, type) {
    queue.push({ method: method, url: url, body: body, done: done, type: type });
    pump();
  }

  function pump() {
    if (busy || !queue.length) return;
    busy = true;
    var r = queue.shift();
    var x = new XMLHttpRequest();
    x.open(r.method, r.url);
    // Only this page sends it: the server's check for a browser that sends
    // no Origin.
    x.setRequestHeader("X-Ita-Report", "1");
    if (r.body !== undefined && !r.type) x.setRequestHeader("Content-Type", "application/json");
    x.onload = function () {
      var reply = null;
      try { reply = JSON.parse(x.responseText); } catch (e) { reply = null; }
      busy = false;
      if (r.done) r.done(x.status, reply);
      pump();
    };
    x.onerror = function () {
      busy = false;
      banner("ติดต่อ ita-report ไม่ได้: คำสั่ง edit ยังทำงานอยู่หรือไม่ (cannot reach ita-report: is `ita-report edit` still running?)");
      pump();
    };
    x.send(r.body === undefined ? null : (r.type ? r.body : JSON.stringify(r.body)));
  }

  function said(error) { return error.th + " (" + error.en + ")"; }

  // Edits, sent in order. A list's items move under a field's path when an
  // item is added, moved or removed: what was typed is sent first.
  function send(ops) {
    ops = ops.filter(function (op) { return op; });
    if (!ops.length) return;
    if (ops.some(function (op) { return op.op !== "set"; })) flushAll();
    request("POST", "/api/edit", { ops: ops }, function (status, reply) {
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

  // ---- fields ----

  // A field's path, and how it shows the value now: called on every new
  // state, except while the field is being typed in.
  function bind(f, path, refresh) {
    f._path = path;
    f._refresh = refresh;
    refresh();
  }

  function input(path, opts) {
    opts = opts || {};
    var f = el("input", { type: "text", "data-path": keyPath(path) });
    bind(f, path, function () { f.value = textAt(path); });
    if (opts.placeholder) f.placeholder = opts.placeholder;
    if (opts.list) f.setAttribute("list", opts.list);
    if (opts.cls) f.className = opts.cls;
    f.oninput = function () { typed(path, f.value); };
    return f;
  }

  function area(path, placeholder) {
    var f = el("textarea", { "data-path": keyPath(path), rows: 3 });
    bind(f, path, function () { f.value = textAt(path); });
    if (placeholder) f.placeholder = placeholder;
    f.oninput = function () { typed(path, f.value); };
    return f;
  }

  function choice(path, options) {
    var f = el("select", { "data-path": keyPath(path) });
    options.forEach(function (o) { f.appendChild(el("option", { value: o[0], text: o[1] })); });
    bind(f, path, function () { f.value = textAt(path); });
    f.onchange = function () { send([opFor(path, f.value)]); };
    return f;
  }

  // A date in the file is YYYY-MM-DD, its year Buddhist Era; the browser's
  // date picker speaks Common Era.
  function dateField(path) {
    var f = el("input", { type: "date", "data-path": keyPath(path) });
    var be = el("span", { class: "derived" });
    bind(f, path, function () {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(textAt(path).trim());
      f.value = m ? (Number(m[1]) >= 2400 ? Number(m[1]) - 543 : Number(m[1])) + "-" + m[2] + "-" + m[3] : "";
      be.textContent = textAt(path) ? " " + textAt(path) : "";
    });
    f.onchange = function () {
      var v = /^(\d{4})-(\d{2})-(\d{2})$/.exec(f.value.trim());
      // A browser without a date picker shows a text box: a year typed
      // in the Buddhist Era is kept as it is.
      var year = v && (Number(v[1]) >= 2400 ? Number(v[1]) : Number(v[1]) + 543);
      send([opFor(path, v ? year + "-" + v[2] + "-" + v[3] : "")]);
    };
    return el("span", {}, [f, be]);
  }

  function row(th, en, field, extra) {
    return el("div", { class: "row" }, [el("label", {}, [th, el("small", { text: en })]), el("div", { class: "field" }, [field]), extra]);
  }

  function button(label, onclick, cls) {
    return el("button", { type: "button", class: cls || "small", text: label, onclick: onclick });
  }

  function datalist(id, values) {
    return el("datalist", { id: id }, values.map(function (v) { return el("option", { value: v }); }));
  }

  // ---- the sections ----

  function catalogItems() {
    var codes = state.catalog.items.map(function (i) { return i.code; });
    [map(["scores"]), map(["texts"])].forEach(function (m) {
      Object.keys(m).forEach(function (c) { if (codes.indexOf(c) < 0) codes.push(c); });
    });
    return codes;
  }

  function catalogText(code) {
    for (var i = 0; i < state.catalog.items.length; i++) if (state.catalog.items[i].code === code) return state.catalog.items[i].text || "";
    return "";
  }

  function general() {
    var fy = textAt(["fiscal_year"]);
    return el("fieldset", {}, [
      el("legend", { text: "ทั่วไป (general)" }),
      row("รุ่นของรูปแบบไฟล์", "format", input(["format"], { placeholder: "1", cls: "score" })),
      row("ปีงบประมาณที่ประเมิน (พ.ศ.)", "fiscal_year", input(["fiscal_year"], { list: "years", cls: "score" })),
      row("ปีของมาตรการ (พ.ศ.)", "plan_year", input(["plan_year"], { cls: "score", placeholder: /^\d{4}$/.test(fy) ? String(Number(fy) + 1) : "" })),
      datalist("years", state.years.map(String))
    ]);
  }

  function agency() {
    var logo = el("input", { type: "file", accept: "image/png,image/jpeg,image/gif", "data-role": "logo" });
    logo.onchange = function () {
      var file = logo.files[0];
      if (!file) return;
      request("POST", "/api/logo?name=" + encodeURIComponent(file.name), file, function (status, reply) {
        if (reply && reply.error) banner(said(reply.error));
        else if (reply) show(reply);
      }, "raw");
    };
    return el("fieldset", {}, [
      el("legend", { text: "หน่วยงาน (agency)" }),
      row("ชื่อหน่วยงาน", "agency.name", input(["agency", "name"])),
      row("อำเภอ", "agency.district", input(["agency", "district"])),
      row("จังหวัด", "agency.province", input(["agency", "province"])),
      row("โทรศัพท์", "agency.phone", input(["agency", "phone"], { placeholder: "042-351668" })),
      row("ตราหน่วยงาน", "agency.logo: a PNG, JPEG or GIF, copied into the file's folder", el("span", {}, [input(["agency", "logo"], { placeholder: "logo.png" }), logo]))
    ]);
  }

  function documentSettings() {
    var d = ["document"];
    return el("fieldset", {}, [
      el("legend", { text: "การจัดเอกสาร (document settings)" }),
      row("ตัวเลข", "numerals", choice(d.concat("numerals"), [["", "ไทย (Thai, default)"], ["thai", "ไทย ๑๒๓ (thai)"], ["arabic", "อารบิก 123 (arabic)"]])),
      row("แนวหน้ากระดาษของมาตรการ", "measures_orientation", choice(d.concat("measures_orientation"), [["", "แนวตั้ง (portrait, default)"], ["portrait", "แนวตั้ง (portrait)"], ["landscape", "แนวนอน (landscape)"]])),
      row("แบบอักษร", "font: a family installed here; default the embedded one", input(d.concat("font"), { placeholder: "Laksaman" })),
      row("ผู้ลงนาม: ชื่อ", "signatory.name", input(d.concat("signatory", "name"))),
      row("ผู้ลงนาม: ตำแหน่ง", "signatory.position", input(d.concat("signatory", "position"))),
      row("ผู้ลงนาม: วันที่", "signatory.date", dateField(d.concat("signatory", "date"))),
      row("วันที่ของเอกสาร", "date", dateField(d.concat("date"))),
      row("คำที่ห้ามตัดบรรทัด", "words: one a line", wordsField(d.concat("words"))),
      row("ไฟล์กรอบการประเมิน", "catalog: a file `ita-report catalog` printed", input(d.concat("catalog"), { placeholder: "ita-2569.yaml" })),
      row("มาตรฐาน PDF", "pdf_standard", choice(d.concat("pdf_standard"), [["", "PDF 1.7 (default)"], ["a-2u", "PDF/A-2u (archives)"]]))
    ]);
  }

  function wordsField(path) {
    var f = el("textarea", { "data-path": keyPath(path), rows: 2 });
    var k = keyPath(path);
    bind(f, path, function () { f.value = pending.hasOwnProperty(k) ? pending[k].join("\n") : list(path).join("\n"); });
    f.oninput = function () {
      typed(path, f.value.split("\n").map(function (s) { return s.trim(); }).filter(function (s) { return s; }));
    };
    return f;
  }

  // A value the program works out, kept up to date beside its field.
  function derivedNote(text) {
    var note = el("span", { class: "derived" });
    note._refresh = function () { note.textContent = text(state.derived || {}); };
    return note;
  }

  function result() {
    var total = row("คะแนนรวม", "result.total", input(["result", "total"], { cls: "score" }),
      el("span", {}, [derivedNote(function (d) { return d.total ? "คำนวณจากคะแนนเครื่องมือ (computed): " + d.total + " " : ""; }),
        button("ใช้ค่าที่คำนวณ (use the computed)", function () { if (state.derived && state.derived.total) send([opFor(["result", "total"], state.derived.total)]); })]));
    var levelField = input(["result", "level"], { list: "levels" });
    var level = row("ระดับ", "result.level: blank for the bands' level", levelField,
      derivedNote(function (d) { levelField.placeholder = d.level || ""; return d.level ? "ตามเกณฑ์ (by the bands): " + d.level : ""; }));
    return el("fieldset", {}, [
      el("legend", { text: "ผลการประเมิน (result)" }), total, level, datalist("levels", state.catalog.levels),
      el("h4", { text: "คะแนนรายเครื่องมือ (tools)" }), toolsTable(),
      el("h4", { text: "คะแนนรายตัวชี้วัด (indicators)" }), indicatorsTable(),
      el("h4", { text: "คะแนนรวมปีก่อน ๆ (history, drawn as a chart)" }), historyTable()
    ]);
  }

  function toolsTable() {
    var tools = list(["result", "tools"]);
    var codes = state.catalog.tools.map(function (t) { return t.code; });
    tools.forEach(function (t) { if (t && t.code && codes.indexOf(t.code) < 0) codes.push(t.code); });
    var rows = codes.map(function (code) {
      var i = -1;
      tools.forEach(function (t, j) { if (t && t.code === code && i < 0) i = j; });
      var cat = state.catalog.tools.filter(function (t) { return t.code === code; })[0];
      var cells;
      if (i >= 0) {
        var base = ["result", "tools", i];
        cells = [input(base.concat("name"), { placeholder: cat ? cat.name : "" }), input(base.concat("score"), { cls: "score" }),
          button("ลบ (remove)", function () { send([{ op: "remove", path: base }]); })];
      } else {
        var score = el("input", { type: "text", class: "score", "data-path": "result.tools." + code });
        score.onchange = function () {
          if (!score.value) return;
          append(["result", "tools"], { code: code, score: score.value });
        };
        cells = [el("span", { class: "derived", text: cat ? cat.name : "" }), score, null];
      }
      var codeCell = el("td", { class: "code", text: code });
      if (i >= 0) codeCell.setAttribute("data-path", keyPath(["result", "tools", i, "code"]));
      return el("tr", {}, [codeCell, el("td", {}, [cells[0]]), el("td", {}, [cells[1]]), el("td", {}, [cells[2]])]);
    });
    // A tool the catalog does not name (EIT1 and EIT2 where a year had two
    // external surveys).
    var code = el("input", { type: "text", class: "score", placeholder: "EIT2" });
    var name = el("input", { type: "text" });
    var score = el("input", { type: "text", class: "score" });
    rows.push(el("tr", {}, [el("td", {}, [code]), el("td", {}, [name]), el("td", {}, [score]), el("td", {}, [button("เพิ่ม (add)", function () {
      if (!code.value.trim()) return;
      var value = { code: code.value.trim() };
      if (name.value.trim()) value.name = name.value.trim();
      value.score = score.value.trim() || null;
      append(["result", "tools"], value);
    })])]));
    return el("table", { "data-path": "result.tools" }, [el("tr", {}, [el("th", { text: "รหัส" }), el("th", { text: "ชื่อ (name)" }), el("th", { text: "คะแนน (score)" }), el("th")])].concat(rows));
  }

  function indicatorsTable() {
    var rows = state.catalog.indicators.map(function (ind) {
      return el("tr", {}, [el("td", { class: "code", text: String(ind.number) }), el("td", { text: ind.name }),
        el("td", {}, [input(["result", "indicators", String(ind.number)], { cls: "score" })])]);
    });
    return el("table", { "data-path": "result.indicators" }, rows);
  }

  function historyTable() {
    var h = map(["result", "history"]);
    var rows = Object.keys(h).map(function (year) {
      return el("tr", {}, [el("td", { class: "code", text: year }), el("td", {}, [input(["result", "history", year], { cls: "score" })]),
        el("td", {}, [button("ลบ (remove)", function () { send([{ op: "remove", path: ["result", "history", year] }]); })])]);
    });
    var year = el("input", { type: "text", class: "score", placeholder: "2567" });
    var score = el("input", { type: "text", class: "score", placeholder: "91.30" });
    rows.push(el("tr", {}, [el("td", {}, [year]), el("td", {}, [score]), el("td", {}, [button("เพิ่มปี (add year)", function () {
      if (year.value.trim()) send([{ op: "set", path: ["result", "history", year.value.trim()], value: score.value.trim() || null }]);
    })])]));
    return el("table", { "data-path": "result.history" }, rows);
  }

  function scores() {
    var rows = catalogItems().map(function (code) {
      var text = catalogText(code);
      return el("tr", {}, [el("td", { class: "code", text: code }),
        el("td", {}, [text ? el("div", { text: text }) : null, input(["texts", code], { placeholder: text ? "ข้อความของหน่วยงานเอง (the agency's own wording, if it differs)" : "ข้อความของข้อนี้ (this item's text)" })]),
        el("td", {}, [input(["scores", code], { cls: "score" }),
          // A code the file lists, blank or not, can be taken out (a starter
          // lists every code of its year).
          map(["scores"]).hasOwnProperty(code) ? el("button", { type: "button", class: "small", text: "×", title: "เอารหัสนี้ออกจากไฟล์ (take this code out of the file)",
            onclick: function () { send([{ op: "remove", path: ["scores", code] }]); } }) : null])]);
    });
    // A code the year's catalog lacks.
    var code = el("input", { type: "text", class: "score", placeholder: "o29" });
    rows.push(el("tr", {}, [el("td", {}, [code]), el("td", {}, [button("เพิ่มรหัส (add a code)", function () {
      var c = code.value.trim();
      if (c) send([{ op: "set", path: ["scores", c], value: null }]);
    })]), el("td")]));
    return el("fieldset", { "data-path": "scores" }, [el("legend", { text: "คะแนนรายข้อ และข้อความ (scores and texts)" }),
      el("table", { "data-path": "texts" }, [el("tr", {}, [el("th", { text: "รหัส" }), el("th", { text: "ข้อความ (text)" }), el("th", { text: "คะแนน (score)" })])].concat(rows))]);
  }

  function moveTools(path, i, n) {
    return el("span", { class: "tools" }, [
      i > 0 ? button("▲", function () { send([{ op: "move", path: path, from: i, to: i - 1 }]); }) : null,
      i < n - 1 ? button("▼", function () { send([{ op: "move", path: path, from: i, to: i + 1 }]); }) : null,
      button("ลบ (remove)", function () { if (confirm("ลบรายการนี้? (remove this?)")) send([{ op: "remove", path: path.concat(i) }]); })
    ]);
  }

  function issues() {
    var all = list(["issues"]);
    var box = el("fieldset", { "data-path": "issues" }, [el("legend", { text: "ประเด็นการวิเคราะห์ และมาตรการ (issues and measures)" })]);
    all.forEach(function (_, i) { box.appendChild(issue(i, all.length)); });
    var pick = el("select", {}, [el("option", { value: "", text: "ประเด็นใหม่ (a new issue of my own)" })].concat(
      state.standard_issues.map(function (s, j) { return el("option", { value: String(j), text: s.title }); })));
    box.appendChild(el("div", { class: "row" }, [pick, button("เพิ่มประเด็น (add issue)", function () {
      var s = pick.value ? state.standard_issues[Number(pick.value)] : null;
      var value = { title: s ? s.title : null, items: s && s.items ? s.items : [], analysis: { cause: null, guideline: null }, measures: [] };
      append(["issues"], value);
    }, "")]));
    box.appendChild(datalist("titles", state.standard_issues.map(function (s) { return s.title; })));
    box.appendChild(datalist("codes", catalogItems()));
    return box;
  }

  function issue(i, n) {
    var p = ["issues", i];
    var lowestField = el("input", { type: "text", "data-path": keyPath(p.concat("analysis", "lowest")) });
    bind(lowestField, p.concat("analysis", "lowest"), function () {
      var lowest = at(p.concat("analysis", "lowest"));
      var typedNow = pending[keyPath(lowestField._path)];
      lowestField.value = typedNow !== undefined ? String(typedNow) : (lowest instanceof Array ? lowest.join(", ") : (lowest || ""));
      var derived = state.derived && state.derived.lowest[i] ? state.derived.lowest[i].join(", ") : "";
      lowestField.placeholder = derived ? "ตามคะแนน (by score): " + derived : "";
    });
    lowestField.oninput = function () {
      var codes = lowestField.value.split(/[\s,]+/).filter(function (c) { return c; });
      typed(lowestField._path, codes.length > 1 ? codes : (codes[0] || ""));
    };
    var measures = list(p.concat("measures"));
    var box = el("div", { class: "issue", "data-path": keyPath(p) }, [
      el("div", { class: "head" }, ["ประเด็นที่ " + (i + 1) + " (issue " + (i + 1) + ")", moveTools(["issues"], i, n)]),
      row("หัวข้อ", "title", input(p.concat("title"), { list: "titles" })),
      row("ข้อที่วิเคราะห์", "items: rows of the analysis table", itemsField(p.concat("items"))),
      row("ข้อที่ได้คะแนนต่ำสุด", "analysis.lowest: blank for the lowest-scoring", lowestField),
      row("สาเหตุ", "analysis.cause", area(p.concat("analysis", "cause"))),
      row("หมายเหตุ", "analysis.note", area(p.concat("analysis", "note"))),
      row("แนวทางแก้ไข", "analysis.guideline", area(p.concat("analysis", "guideline")))
    ]);
    measures.forEach(function (_, j) { box.appendChild(measure(p.concat("measures"), j, measures.length)); });
    box.appendChild(button("เพิ่มมาตรการ (add measure)", function () {
      var value = { target: null, name: null, steps: [], period: null, owner: null };
      append(p.concat("measures"), value);
    }, ""));
    return box;
  }

  function itemsField(path) {
    var box = el("div", { class: "items", "data-path": keyPath(path) });
    catalogItems().forEach(function (code) {
      var c = el("input", { type: "checkbox", value: code, "data-code": code });
      c._refresh = function () { c.checked = list(path).indexOf(code) >= 0; };
      c.onchange = function () {
        var now = list(path).slice();
        if (c.checked) now.push(code); else now = now.filter(function (x) { return x !== code; });
        send([{ op: "set", path: path, value: now }]);
      };
      var score = el("span");
      score._refresh = function () { var v = map(["scores"])[code]; score.textContent = typeof v === "string" ? " (" + v + ")" : ""; };
      box.appendChild(el("label", { title: catalogText(code) }, [c, code, score]));
    });
    return box;
  }

  function measure(listPath, j, n) {
    var p = listPath.concat(j);
    var steps = list(p.concat("steps"));
    var stepsBox = el("div", { "data-path": keyPath(p.concat("steps")) });
    steps.forEach(function (_, k) {
      stepsBox.appendChild(el("div", { class: "step" }, [input(p.concat("steps", k)), moveTools(p.concat("steps"), k, steps.length)]));
    });
    stepsBox.appendChild(button("เพิ่มขั้นตอน (add step)", function () {
      append(p.concat("steps"), "ขั้นตอนใหม่");
    }));
    return el("div", { class: "measure", "data-path": keyPath(p) }, [
      el("div", { class: "head" }, ["มาตรการที่ " + (j + 1) + " (measure " + (j + 1) + ")", moveTools(listPath, j, n)]),
      row("เป้าหมาย", "target: an item's code, or free text", input(p.concat("target"), { list: "codes" })),
      row("ชื่อมาตรการ", "name", input(p.concat("name"))),
      row("ขั้นตอน", "steps", stepsBox),
      row("ระยะเวลา", "period: dates, or free text", periodField(p.concat("period"))),
      row("ผู้รับผิดชอบ", "owner", input(p.concat("owner")))
    ]);
  }

  function periodField(path) {
    var v = at(path);
    var asDates = v && typeof v === "object";
    // The path names the dates' box, or else the text's own field.
    var box = asDates ? el("div", { "data-path": keyPath(path) }) : el("div");
    var toggle = button(asDates ? "เขียนเป็นข้อความ (as text)" : "เลือกวันที่ (pick dates)", function () {
      send([asDates ? { op: "set", path: path, value: null } : { op: "set", path: path, value: { from: null, to: null } }]);
    });
    if (asDates) {
      box.appendChild(el("span", {}, ["ตั้งแต่ (from) ", dateField(path.concat("from")), " ถึง (to) ", dateField(path.concat("to")), " ", toggle]));
    } else {
      box.appendChild(input(path, { placeholder: "๗ วัน / ตลอดปีงบประมาณ" }));
      box.appendChild(toggle);
    }
    return box;
  }

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
    state = s;
    var form = $("form");
    var now = shapeOf(s);
    var rebuilt = now !== shape;
    if (rebuilt) {
      shape = now;
      form.innerHTML = "";
      form.appendChild(el("div", { id: "summary" }));
      [general(), agency(), documentSettings(), result(), scores(), issues()].forEach(function (f) { form.appendChild(f); });
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
    var errors = s.diagnostics.filter(function (d) { return d.severity === "error"; }).length;
    var warnings = s.diagnostics.length - errors;
    var status = $("status");
    status.className = s.dirty || Object.keys(pending).length ? "dirty" : "";
    status.textContent = (s.dirty ? "ยังไม่บันทึก (not saved)" : "บันทึกแล้ว (saved)") +
      " · ข้อผิดพลาด " + errors + " (errors) · คำเตือน " + warnings + " (warnings)";
    if (s.disk_changed) conflict();
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
      var target = fieldFor(d.key, byPath);
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
    request("GET", "/api/preview", undefined, function (status, p) {
      if (!p || p.version !== state.version) return;
      var box = $("preview");
      box.className = p.stale ? "stale" : "";
      $("preview-note").textContent = p.stale && !p.pages.length
        ? "เอกสารจะปรากฏที่นี่เมื่อแก้ข้อผิดพลาดครบ (the document shows here once the errors are fixed)"
        : p.stale
        ? "แก้ข้อผิดพลาดก่อน: หน้าที่เห็นเป็นฉบับล่าสุดที่สร้างได้ (fix the errors first: these are the last pages that could be made)"
        : "ตัวอย่างเอกสาร " + p.pages.length + " หน้า (preview, " + p.pages.length + " pages)";
      if (p.error) $("preview-note").textContent += " · " + p.error;
      var pages = $("pages");
      p.pages.forEach(function (hash, i) {
        var img = pages.children[i];
        if (!img) { img = el("img", { alt: "หน้า " + (i + 1) + " (page " + (i + 1) + ")" }); pages.appendChild(img); }
        if (shownPages[i] !== hash) img.src = "/api/page/" + hash + ".png";
        img.setAttribute("data-hash", hash);
      });
      while (pages.children.length > p.pages.length) pages.removeChild(pages.lastChild);
      shownPages = p.pages.slice();
    });
  }

  function banner(text, buttons) {
    var b = $("banner");
    b.innerHTML = "";
    b.appendChild(document.createTextNode(text));
    (buttons || []).forEach(function (x) { b.appendChild(x); });
    b.appendChild(button("ปิด (close)", function () { b.hidden = true; }));
    b.hidden = false;
  }

  // The file as it is on disk now, the edits not saved dropped.
  function reload(said) {
    request("POST", "/api/reload", {}, function (status, s) {
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
      button("บันทึกทับด้วยฉบับนี้ (save this over it)", function () { save(true); }, ""),
      button("ทิ้งที่แก้ ใช้ฉบับในไฟล์ (drop my edits, take the file's)", function () { reload(); }, "")
    ]);
  }

  function save(force) {
    flushAll();
    request("POST", "/api/save", { force: !!force }, function (status, s) {
      if (status === 409) { state = s; conflict(); return; }
      if (s && s.error) { banner(said(s.error)); return; }
      if (s) { show(s); $("banner").hidden = true; }
    });
  }

  function build() {
    flushAll();
    request("POST", "/api/build", {}, function (status, r) {
      if (status === 409) { state = r; conflict(); return; }
      if (!r) return;
      if (r.error && r.error.th) { banner(said(r.error)); return; }
      if (r.state) show(r.state);
      var d = $("downloads");
      d.innerHTML = "";
      if (r.ok) {
        d.appendChild(el("a", { href: "/api/file/pdf", download: "", text: "PDF" }));
        d.appendChild(document.createTextNode(" · "));
        d.appendChild(el("a", { href: "/api/file/docx", download: "", text: "DOCX" }));
        if (r.notes && r.notes.length) banner(r.notes.join(" "));
      } else {
        banner("สร้างเอกสารไม่ได้ (the documents could not be built): " + (r.error || "ดูข้อผิดพลาดในแบบฟอร์ม (see the errors in the form)"));
      }
    });
  }

  $("save").onclick = function () { save(false); };
  $("build").onclick = build;
  window.addEventListener("beforeunload", function (e) {
    if ((state && state.dirty) || Object.keys(pending).length) {
      e.preventDefault();
      e.returnValue = "ยังไม่ได้บันทึก (not saved)";
      return e.returnValue;
    }
  });
  // The file on disk is looked at every few seconds: a change made
  // elsewhere is never overwritten, nor lost, without the official knowing.
  setInterval(function () {
    if (busy || queue.length || Object.keys(pending).length) return;
    request("GET", "/api/state", undefined, function (status, s) {
      if (s && s.disk_changed && state && !state.disk_changed) { state = s; conflict(); }
    });
  }, 3000);
  request("GET", "/api/state", undefined, function (status, s) { if (s && s.tree !== undefined) show(s); });
})();
