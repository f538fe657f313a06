// The list of what is wrong: the header's button opens every message of
// the form, errors first, and each entry takes the keyboard to its field.
(function (ita) {
  "use strict";

  var el = ita.el;
  var open = document.getElementById("problems-open");
  var panel = document.getElementById("problems");
  if (!open || !panel) return;

  // The field a message is about: the first box of its row (or cell, or
  // step), else of the part it heads.
  function fieldOf(msg) {
    var holder = msg.parentNode;
    return holder && holder.querySelector("input:not([type=file]):not([type=checkbox]):not(.picker), textarea, select");
  }

  function entry(msg) {
    var b = el("button", { type: "button", class: "problem " + (/ error/.test(" " + msg.className) ? "error" : "warning"), text: msg.textContent });
    b.onclick = function () {
      close();
      msg.scrollIntoView({ block: "center" });
      var f = fieldOf(msg);
      if (f) f.focus(); else msg.focus();
    };
    return b;
  }

  function list() {
    var msgs = Array.prototype.slice.call(document.querySelectorAll("#form .msg"));
    msgs.sort(function (a, b) { return (/ error/.test(" " + b.className) ? 1 : 0) - (/ error/.test(" " + a.className) ? 1 : 0); });
    panel.innerHTML = "";
    panel.appendChild(el("p", { text: msgs.length ? "คลิกที่รายการเพื่อไปยังช่องนั้น (click an entry to go to its field)" : "ไม่มีข้อผิดพลาดหรือคำเตือน (nothing to fix)" }));
    msgs.forEach(function (m) { panel.appendChild(entry(m)); });
  }

  function close() { panel.hidden = true; open.setAttribute("aria-expanded", "false"); }

  open.onclick = function () {
    if (!panel.hidden) return close();
    list();
    panel.hidden = false;
    open.setAttribute("aria-expanded", "true");
    var first = panel.querySelector("button");
    if (first) first.focus();
  };
  panel.onkeydown = function (e) { if (e.key === "Escape") { close(); open.focus(); } };
  // A build refused: the list names what stands in the way.
  ita.showProblems = function () { if (panel.hidden) open.onclick(); };
})(window.ita);
