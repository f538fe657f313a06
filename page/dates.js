// Dates as Thai officials write them: day, month, Buddhist year, typed as
// ๑/๑๐/๒๕๖๘, 1/10/2568, 1 ต.ค. 68 or 1 ตุลาคม 2568, or picked from a
// calendar. A date reaches the file (YYYY-MM-DD, its year Buddhist Era)
// only once it is whole and real; beside the box, the date as the document
// prints it, or what is still missing.
(function (ita) {
  "use strict";

  var el = ita.el, keyPath = ita.keyPath, textAt = ita.textAt, send = ita.send, opFor = ita.opFor;
  var LONG = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  var SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];
  var HINT = "วัน/เดือน/ปี พ.ศ. เช่น ๑/๑๐/๒๕๖๘";

  function arabic(s) { return s.replace(/[๐-๙]/g, function (d) { return String(d.charCodeAt(0) - 0x0E50); }); }
  function thai(s) { return String(s).replace(/[0-9]/g, function (d) { return String.fromCharCode(0x0E50 + Number(d)); }); }
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function month(name) {
    var n = name.replace(/\s+/g, "");
    for (var i = 0; i < 12; i++) if (n === LONG[i] || n === SHORT[i] || n === SHORT[i].replace(/\./g, "")) return i + 1;
    return 0;
  }

  // The date a text names, as the file holds it ("2568-10-01"), or why it
  // is none yet: { date } or { missing }.
  function parse(text) {
    var t = arabic(text).trim().replace(/\s+/g, " ").replace(/ ?พ\.ศ\. ?/, " ");
    var day, mon, year;
    var m = /^(\d{1,2}) ?[\/.\-] ?(\d{1,2}) ?[\/.\-] ?(\d{2}|\d{4})$/.exec(t);
    if (m) { day = +m[1]; mon = +m[2]; year = +m[3]; }
    else if ((m = /^(\d{1,2}) ?([ก-ฮ][^\d ]*(?: [^\d ]+)?) ?(\d{2}|\d{4})$/.exec(t))) {
      day = +m[1]; mon = month(m[2]); year = +m[3];
      if (!mon) return { missing: "ไม่รู้จักเดือน \"" + m[2] + "\"" };
    } else {
      return { missing: "ยังไม่ครบ: " + HINT };
    }
    if (year < 100) year += 2500;
    // A year of the Common Era (2025) is the Buddhist one 543 years on.
    if (year >= 1900 && year < 2200) year += 543;
    if (year < 2400 || year > 2700) return { missing: "ปี พ.ศ. ไม่ถูกต้อง: " + thai(year) };
    var last = new Date(Date.UTC(year - 543, mon, 0)).getUTCDate();
    if (mon < 1 || mon > 12) return { missing: "เดือนต้องเป็น ๑ ถึง ๑๒" };
    if (day < 1 || day > last) return { missing: LONG[mon - 1] + " " + thai(year) + " มี " + thai(last) + " วัน" };
    return { date: year + "-" + pad(mon) + "-" + pad(day) };
  }

  // The file's date as the box shows it (1/10/2568) and as the document
  // prints it (๑ ตุลาคม ๒๕๖๘).
  function split(date) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date || "");
    return m && { day: +m[3], mon: +m[2], year: +m[1] };
  }
  function typedForm(date) { var d = split(date); return d ? d.day + "/" + d.mon + "/" + d.year : date || ""; }
  function printed(date) { var d = split(date); return d ? thai(d.day) + " " + LONG[d.mon - 1] + " " + thai(d.year) : ""; }

  // The field, bound to its path as form.js binds every field (its
  // `_refresh` called on each new state while it is not being typed in).
  ita.dateField = function (path) {
    var f = el("input", { type: "text", "data-path": keyPath(path), placeholder: "๑/๑๐/๒๕๖๘", autocomplete: "off" });
    f.className = "date";
    var note = el("span", { class: "derived" });
    function show(said, wrong) { note.textContent = said ? " " + said : ""; note.classList.toggle("wrong", !!wrong); }
    f._path = path;
    f._refresh = function () { f.value = typedForm(textAt(path)); show(printed(textAt(path))); };
    f._refresh();
    function commit(date) { if (date !== textAt(path)) send([opFor(path, date)]); }
    // While typing at the end of the box, a date is written once its year
    // has four digits (one of two, ๖๘, may still be the start of ๒๕๖๘).
    // A date being mended (a digit deleted, one typed inside) passes
    // through other real dates (1/10 → 1/1): it is written when left.
    f.oninput = function (e) {
      var r = parse(f.value);
      if (!f.value.trim()) return show("");
      if (!r.date) return show(r.missing);
      show("→ " + printed(r.date));
      var atEnd = f.selectionStart === f.value.length && /^insert/.test(e.inputType || "insert");
      if (atEnd && /\d{4}$/.test(arabic(f.value).trim())) commit(r.date);
    };
    // Left (Tab, Enter, a click elsewhere): a whole date is written, a
    // cleared box clears it, and one half-typed writes nothing and says so.
    f.onchange = function () {
      if (!f.value.trim()) { commit(""); return show(""); }
      var r = parse(f.value);
      if (r.date) commit(r.date);
      else show(r.missing + " (ยังไม่ได้บันทึกวันที่นี้)", true);
    };
    // The calendar: the browser's picker, its Common Era date turned Buddhist.
    var picker = el("input", { type: "date", tabindex: "-1", "aria-hidden": "true" });
    picker.className = "picker";
    picker.onchange = function () {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(picker.value);
      if (!m) return;
      var date = (Number(m[1]) + 543) + "-" + m[2] + "-" + m[3];
      f.value = typedForm(date);
      show("→ " + printed(date));
      send([opFor(path, date)]);
    };
    var pick = el("button", { type: "button", class: "small", text: "ปฏิทิน", title: "เลือกวันที่จากปฏิทิน" });
    pick.onclick = function () {
      var d = split(textAt(path));
      picker.value = d ? (d.year - 543) + "-" + pad(d.mon) + "-" + pad(d.day) : "";
      if (picker.showPicker) picker.showPicker(); else picker.click();
    };
    return el("span", { class: "datefield" }, [f, " ", pick, picker, note]);
  };
  ita.dates = { parse: parse, printed: printed, arabic: arabic };
})(window.ita);
