// The results step: what became of each measure, and the follow-up
// report's own settings. A year after the measures, the official fills
// these in the same file and picks "รายงานผลการดำเนินการ" to see and
// build the report.
(function (ita) {
  "use strict";

  var el = ita.el, keyPath = ita.keyPath, at = ita.at, textAt = ita.textAt, list = ita.list, f = ita.fields;

  var STATUSES = [
    ["", "— เลือกสถานะ (choose) —"],
    ["done", "ดำเนินการแล้วเสร็จ (done)"],
    ["in_progress", "อยู่ระหว่างดำเนินการ (in progress)"],
    ["not_started", "ยังไม่ได้ดำเนินการ (not started)"]
  ];

  function measureResult(p, number) {
    var r = p.concat("result");
    var name = textAt(p.concat("name")) || "(ยังไม่มีชื่อมาตรการ: no name yet)";
    return el("div", { class: "measure", "data-path": keyPath(r) }, [
      el("div", { class: "head" }, ["มาตรการที่ " + number + ": " + name]),
      f.row("สถานะ", "result.status", f.choice(r.concat("status"), STATUSES)),
      f.row("ร้อยละความสำเร็จ", "result.percent: 0–100", f.input(r.concat("percent"), { cls: "score", placeholder: "0–100" })),
      f.row("ผลการดำเนินการ", "result.done: what was done, with its dates", f.area(r.concat("done"), "เช่น จัดประชุมชี้แจงเจ้าหน้าที่ เมื่อวันที่ ๑๕ มกราคม ๒๕๖๙")),
      f.row("ปัญหา/อุปสรรค", "result.obstacles: expected unless done", f.area(r.concat("obstacles"))),
      f.row("แนวทางแก้ไข/ข้อเสนอแนะ", "result.next", f.area(r.concat("next"))),
      f.row("หลักฐาน (ลิงก์)", "result.evidence: one link a line", f.lines(r.concat("evidence")))
    ]);
  }

  function results() {
    var box = el("fieldset", { "data-path": "results" }, [
      el("legend", { text: "ผลการดำเนินการตามมาตรการ (results, for the follow-up report)" }),
      el("p", { class: "derived", text: "กรอกเมื่อครบปีของมาตรการ แล้วเลือก \"รายงานผลการดำเนินการ\" ที่แถบด้านบนเพื่อดูและสร้างรายงาน (fill these in once the measures' year is over, then pick the follow-up report at the top to see and build it)" })
    ]);
    var number = 0;
    list(["issues"]).forEach(function (issue, i) {
      var measures = list(["issues", i, "measures"]);
      if (!measures.length) return;
      box.appendChild(el("h4", { text: "ประเด็นที่ " + (i + 1) + " " + (textAt(["issues", i, "title"]) || "") }));
      measures.forEach(function (_, j) { box.appendChild(measureResult(["issues", i, "measures", j], ++number)); });
    });
    return number ? box : null;
  }

  function followup() {
    var p = ["followup"];
    var period = at(p.concat("period"));
    return el("fieldset", { "data-path": "followup" }, [
      el("legend", { text: "รายงานผลการดำเนินการ (followup)" }),
      f.row("รอบการรายงาน", "round", f.choice(p.concat("round"), [["", "ทั้งปีงบประมาณ (full year, default)"], ["full", "ทั้งปีงบประมาณ (full)"], ["half", "รอบ ๖ เดือน ต.ค.–มี.ค. (half)"]])),
      f.row("ช่วงที่รายงาน", "period: blank for the round's months",
        el("span", { "data-path": keyPath(p.concat("period")) }, period && typeof period === "object"
          ? ["ตั้งแต่ (from) ", f.dateField(p.concat("period", "from")), " ถึง (to) ", f.dateField(p.concat("period", "to")),
            f.button("ใช้ตามรอบ (by the round)", function () { ita.send([{ op: "remove", path: p.concat("period") }]); })]
          : [f.button("กำหนดช่วงเอง (set the dates)", function () { ita.send([{ op: "set", path: p.concat("period"), value: { from: null, to: null } }]); })])),
      f.row("วันที่รายงาน", "date", f.dateField(p.concat("date"))),
      f.row("ผู้รายงาน: ชื่อ", "signatory.name", f.input(p.concat("signatory", "name"))),
      f.row("ผู้รายงาน: ตำแหน่ง", "signatory.position", f.input(p.concat("signatory", "position"))),
      f.row("ปัญหาและอุปสรรคในภาพรวม", "obstacles", f.area(p.concat("obstacles"))),
      f.row("ข้อเสนอแนะ", "suggestions", f.area(p.concat("suggestions")))
    ]);
  }

  // The step is far down a long form: a way there from its top. Picking
  // the follow-up report, there or at the top, shows the step beside its pages.
  function scrollToResults() {
    var step = document.querySelector('[data-path="results"]');
    if (step) step.scrollIntoView({ block: "start" });
  }

  // The button also takes the keyboard there: Tab goes on from the
  // first measure's status, not from the top of the form.
  function showResults() {
    var kind = ita.$("kind");
    if (kind.value !== "followup") {
      kind.value = "followup";
      kind.dispatchEvent(new Event("change"));
    }
    scrollToResults();
    var first = document.querySelector('[data-path="results"] select');
    if (first) first.focus({ preventScroll: true });
  }

  ita.$("kind").addEventListener("change", function (e) {
    if (e.target.value === "followup") setTimeout(scrollToResults, 0);
  });

  var base = ita.sections;
  ita.sections = function () {
    var step = results();
    if (!step) return base();
    var jump = el("p", { class: "jump" }, [f.button("ไปที่ผลการดำเนินการตามมาตรการ (go to the results, for the follow-up report)", showResults)]);
    return [jump].concat(base(), [step, followup()]);
  };
})(window.ita);
