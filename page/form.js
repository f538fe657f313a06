// The editor's form: one section for each part of the input format, each
// field bound to its path in the file. The editor (editor.js) shows them
// and sends what is typed.
(function (ita) {
  "use strict";

  var el = ita.el, keyPath = ita.keyPath, at = ita.at, textAt = ita.textAt, list = ita.list, map = ita.map;
  var send = ita.send, typed = ita.typed, opFor = ita.opFor, append = ita.append, banner = ita.banner, said = ita.said;

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

  // A text box that grows with its text; `line`: one line of text,
  // wrapped to be read whole, that Enter does not break.
  function area(path, placeholder, rows, line) {
    var f = el("textarea", { "data-path": keyPath(path), rows: rows || 3 });
    bind(f, path, function () { f.value = textAt(path); });
    if (placeholder) f.placeholder = placeholder;
    if (line) f.onkeydown = function (e) { if (e.key === "Enter") e.preventDefault(); };
    f.oninput = function () {
      // A line pasted with its breaks: made one line in the box as in the file.
      if (line && /\n/.test(f.value)) f.value = f.value.replace(/\n+/g, " ");
      typed(path, f.value);
    };
    return f;
  }

  function choice(path, options) {
    var f = el("select", { "data-path": keyPath(path) });
    options.forEach(function (o) { f.appendChild(el("option", { value: o[0], text: o[1] })); });
    bind(f, path, function () { f.value = textAt(path); });
    f.onchange = function () { send([opFor(path, f.value)]); };
    return f;
  }

  // Dates: page/dates.js.
  var dateField = ita.dateField;

  // A row for whoever reads the file itself: shown with the advanced switch.
  function advancedOnly(r) { r.classList.add("advanced-only"); return r; }

  // The switch: each field's key in the file and its English, and the rows
  // a clerk never needs; off unless turned on (remembered in this browser).
  (function () {
    var box = document.getElementById("advanced");
    if (!box) return;
    var on = function (v) { document.body.classList.toggle("advanced", v); box.checked = v; };
    try { on(localStorage.getItem("ita-advanced") === "1"); } catch (e) { on(false); }
    box.onchange = function () {
      on(box.checked);
      try { localStorage.setItem("ita-advanced", box.checked ? "1" : "0"); } catch (e) { /* private window */ }
    };
  })();

  // A field with its Thai label, what it is for beneath (help.js), and its
  // key and English for the advanced switch.
  function row(th, en, field, extra) {
    var help = ita.help[en];
    return el("div", { class: "row" }, [el("label", {}, [th, el("small", { text: en })]),
      el("div", { class: "field" }, [field, help ? el("small", { class: "help", text: help }) : null]), extra]);
  }

  function button(label, onclick, cls) {
    return el("button", { type: "button", class: cls || "small", text: label, onclick: onclick });
  }

  // A code offered with its item's text, which the browser shows and matches.
  function datalist(id, values) {
    return el("datalist", { id: id }, values.map(function (v) { return el("option", { value: v, label: catalogText(v) || v }); }));
  }

  // ---- the sections ----

  function catalogItems() {
    var codes = ita.state.catalog.items.map(function (i) { return i.code; });
    [map(["scores"]), map(["texts"])].forEach(function (m) {
      Object.keys(m).forEach(function (c) { if (codes.indexOf(c) < 0) codes.push(c); });
    });
    // In the catalogs' order, i, e, o, each by number (a code of the file's own last).
    var rank = function (c) { var m = /^([ieo])(\d+)$/.exec(c); return m ? "ieo".indexOf(m[1]) * 1000 + Number(m[2]) : 9999; };
    return codes.sort(function (a, b) { return rank(a) - rank(b); });
  }

  function catalogText(code) {
    for (var i = 0; i < ita.state.catalog.items.length; i++) if (ita.state.catalog.items[i].code === code) return ita.state.catalog.items[i].text || "";
    return "";
  }

  function general() {
    var fy = textAt(["fiscal_year"]);
    return el("fieldset", {}, [
      el("legend", { text: "ทั่วไป (general)" }),
      advancedOnly(row("รุ่นของรูปแบบไฟล์", "format", input(["format"], { placeholder: "1", cls: "score" }))),
      row("ปีงบประมาณที่ประเมิน (พ.ศ.)", "fiscal_year", input(["fiscal_year"], { list: "years", cls: "score" })), ita.yearNote(),
      row("ปีของมาตรการ (พ.ศ.)", "plan_year", input(["plan_year"], { cls: "score", placeholder: /^\d{4}$/.test(fy) ? String(Number(fy) + 1) : "" })),
      datalist("years", ita.state.years.map(String))
    ]);
  }

  function agency() {
    var logo = el("input", { type: "file", accept: "image/png,image/jpeg,image/gif", "data-role": "logo" });
    logo.onchange = function () {
      var file = logo.files[0];
      if (!file) return;
      ita.request("POST", "api/logo?name=" + encodeURIComponent(file.name), file, function (status, reply) {
        if (reply && reply.error) banner(said(reply.error));
        else if (reply) ita.show(reply);
      }, "raw");
    };
    return el("fieldset", {}, [
      el("legend", { text: "หน่วยงาน (agency)" }),
      row("ชื่อหน่วยงาน", "agency.name", input(["agency", "name"])),
      row("อำเภอ", "agency.district", input(["agency", "district"])),
      row("จังหวัด", "agency.province", input(["agency", "province"])),
      row("โทรศัพท์", "agency.phone", input(["agency", "phone"], { placeholder: "042-351668" })),
      row("ตราหน่วยงาน", "agency.logo: a PNG, JPEG or GIF picture, kept beside the file", el("span", {}, [input(["agency", "logo"], { placeholder: "logo.png" }), logo]))
    ]);
  }

  function documentSettings() {
    var d = ["document"];
    return el("fieldset", {}, [
      el("legend", { text: "การจัดเอกสาร (document settings)" }),
      row("ตัวเลข", "numerals", choice(d.concat("numerals"), [["", "ไทย (Thai, default)"], ["thai", "ไทย ๑๒๓ (thai)"], ["arabic", "อารบิก 123 (arabic)"]])),
      row("แนวหน้ากระดาษของมาตรการ", "measures_orientation", choice(d.concat("measures_orientation"), [["", "แนวตั้ง (portrait, default)"], ["portrait", "แนวตั้ง (portrait)"], ["landscape", "แนวนอน (landscape)"]])),
      row("เลขหน้า", "page_numbers", choice(d.concat("page_numbers"), [["", "กลางท้ายกระดาษ (plain, default)"], ["plain", "กลางท้ายกระดาษ ๒ (plain)"], ["dash-top", "หัวกระดาษ - ๒ - (dash-top)"]])),
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
    bind(f, path, function () { f.value = ita.pending.hasOwnProperty(k) ? ita.pending[k].join("\n") : list(path).join("\n"); });
    f.oninput = function () {
      typed(path, f.value.split("\n").map(function (s) { return s.trim(); }).filter(function (s) { return s; }));
    };
    return f;
  }

  // A value the program works out, kept up to date beside its field.
  function derivedNote(text) {
    var note = el("span", { class: "derived" });
    note._refresh = function () { note.textContent = text(ita.state.derived || {}); };
    return note;
  }

  function result() {
    var total = row("คะแนนรวม", "result.total", input(["result", "total"], { cls: "score" }),
      el("span", {}, [derivedNote(function (d) { return d.total ? "คำนวณจากคะแนนเครื่องมือ (computed): " + d.total + " " : ""; }),
        button("ใช้ค่าที่คำนวณ (use the computed)", function () {
          if (ita.state.derived && ita.state.derived.total) send([opFor(["result", "total"], ita.state.derived.total)]);
          else ita.banner("ยังคำนวณคะแนนรวมไม่ได้: กรอกคะแนนของทุกเครื่องมือ (IIT, EIT, OIT) ก่อน (the total cannot be computed yet: fill in every tool's score first)");
        })]));
    var levelField = input(["result", "level"], { list: "levels" });
    var level = row("ระดับ", "result.level: blank for the bands' level", levelField,
      derivedNote(function (d) { levelField.placeholder = d.level || ""; return d.level ? "ตามเกณฑ์ (by the bands): " + d.level : ""; }));
    return el("fieldset", {}, [
      el("legend", { text: "ผลการประเมิน (result)" }), total, level, datalist("levels", ita.state.catalog.levels),
      el("h4", { text: "คะแนนรายเครื่องมือ (tools)" }), toolsTable(),
      el("h4", { text: "คะแนนรายตัวชี้วัด (indicators)" }), indicatorsTable(),
      el("h4", { text: "คะแนนรวมปีก่อน ๆ (history, drawn as a chart)" }), historyTable()
    ]);
  }

  function toolsTable() {
    var tools = list(["result", "tools"]);
    var codes = ita.state.catalog.tools.map(function (t) { return t.code; });
    tools.forEach(function (t) { if (t && t.code && codes.indexOf(t.code) < 0) codes.push(t.code); });
    var rows = codes.map(function (code) {
      var i = -1;
      tools.forEach(function (t, j) { if (t && t.code === code && i < 0) i = j; });
      var cat = ita.state.catalog.tools.filter(function (t) { return t.code === code; })[0];
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
    var rows = ita.state.catalog.indicators.map(function (ind) {
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
        el("td", {}, [text ? el("div", { text: text }) : null, ita.yearMark(code), input(["texts", code], { placeholder: text ? "ข้อความของหน่วยงานเอง (the agency's own wording, if it differs)" : "ข้อความของข้อนี้ (this item's text)" })]),
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
      el("p", {}, [ita.pasteButton(), " คัดลอกคะแนนจากหน้าผลการประเมินมาวาง แทนการพิมพ์ทีละข้อ (copy the scores from the results page instead of typing them)"]),
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
      ita.state.standard_issues.map(function (s, j) { return el("option", { value: String(j), text: s.title }); })));
    box.appendChild(el("div", { class: "row" }, [pick, button("เพิ่มประเด็น (add issue)", function () {
      var s = pick.value ? ita.state.standard_issues[Number(pick.value)] : null;
      var value = { title: s ? s.title : null, items: s && s.items ? s.items : [], analysis: { cause: null, guideline: null }, measures: [] };
      append(["issues"], value);
    }, "")]));
    box.appendChild(datalist("titles", ita.state.standard_issues.map(function (s) { return s.title; })));
    box.appendChild(datalist("codes", catalogItems()));
    return box;
  }

  function issue(i, n) {
    var p = ["issues", i];
    var lowestField = el("input", { type: "text", "data-path": keyPath(p.concat("analysis", "lowest")) });
    bind(lowestField, p.concat("analysis", "lowest"), function () {
      var lowest = at(p.concat("analysis", "lowest"));
      var typedNow = ita.pending[keyPath(lowestField._path)];
      lowestField.value = typedNow !== undefined ? String(typedNow) : (lowest instanceof Array ? lowest.join(", ") : (lowest || ""));
      var derived = ita.state.derived && ita.state.derived.lowest[i] ? ita.state.derived.lowest[i].join(", ") : "";
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
    box._path = path; // a field: its messages go beneath it, not into its list
    catalogItems().forEach(function (code) {
      var c = el("input", { type: "checkbox", value: code, "data-code": code });
      c._refresh = function () { c.checked = list(path).indexOf(code) >= 0; };
      c.onchange = function () {
        var now = list(path).slice();
        if (c.checked) now.push(code); else now = now.filter(function (x) { return x !== code; });
        send([{ op: "set", path: path, value: now }]);
      };
      var score = el("span");
      score._refresh = function () { var v = map(["scores"])[code]; score.textContent = typeof v === "string" ? "(" + v + ")" : ""; };
      // Chosen by its text, the code beside it: a clerk knows the question.
      // Marked when ticked: the list shows every code, each issue its own.
      var mark = ita.yearMark(function () { return list(path).indexOf(code) >= 0 ? code : ""; });
      box.appendChild(el("label", {}, [c, el("b", { text: code }), score, " ", catalogText(code) || "", mark]));
    });
    return box;
  }

  function measure(listPath, j, n) {
    var p = listPath.concat(j);
    var steps = list(p.concat("steps"));
    var stepsBox = el("div", { "data-path": keyPath(p.concat("steps")) });
    steps.forEach(function (_, k) {
      var step = area(p.concat("steps", k), "พิมพ์ขั้นตอนที่ " + (k + 1) + " เช่น จัดประชุมชี้แจงเจ้าหน้าที่", 2, true);
      stepsBox.appendChild(el("div", { class: "step" }, [step, moveTools(p.concat("steps"), k, steps.length)]));
    });
    // A new step is empty, its hint beside: no made-up text that would print.
    stepsBox.appendChild(button("เพิ่มขั้นตอน (add step)", function () {
      append(p.concat("steps"), "");
    }));
    return el("div", { class: "measure", "data-path": keyPath(p) }, [
      el("div", { class: "head" }, ["มาตรการที่ " + (j + 1) + " (measure " + (j + 1) + ")", moveTools(listPath, j, n)]),
      row("เป้าหมาย", "target: an item's code, or free text", input(p.concat("target"), { list: "codes" }),
        ita.yearMark(function () { return textAt(p.concat("target")); })),
      row("ชื่อมาตรการ", "name", area(p.concat("name"), "เช่น มาตรการจัดทำคู่มือการปฏิบัติงาน", 1, true)),
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

  // The form's sections, in order.
  ita.sections = function () {
    return [general(), agency(), documentSettings(), result(), scores(), issues()];
  };
  ita.button = button;
  ita.fields = { input: input, area: area, choice: choice, dateField: dateField, row: row, button: button, lines: wordsField };
})(window.ita);
