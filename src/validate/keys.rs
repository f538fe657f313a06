//! The keys of each mapping of the input format, and the English key meant
//! by one written in Thai.

pub const ROOT_KEYS: &[&str] =
    &["format", "fiscal_year", "plan_year", "agency", "document", "result", "scores", "texts", "issues", "followup"];
pub const AGENCY_KEYS: &[&str] = &["name", "district", "province", "phone", "logo"];
pub const DOCUMENT_KEYS: &[&str] = &[
    "numerals",
    "measures_orientation",
    "page_numbers",
    "font",
    "signatory",
    "date",
    "words",
    "catalog",
    "pdf_standard",
];
pub const SIGNATORY_KEYS: &[&str] = &["name", "position", "date"];
pub const RESULT_KEYS: &[&str] = &["total", "level", "tools", "indicators", "history"];
pub const TOOL_KEYS: &[&str] = &["code", "name", "score"];
pub const ISSUE_KEYS: &[&str] = &["title", "items", "analysis", "measures"];
pub const ANALYSIS_KEYS: &[&str] = &["lowest", "cause", "note", "guideline"];
pub const MEASURE_KEYS: &[&str] = &["target", "name", "steps", "period", "owner", "result"];
pub const MEASURE_RESULT_KEYS: &[&str] = &["status", "percent", "done", "obstacles", "next", "evidence"];
pub const FOLLOWUP_KEYS: &[&str] = &["round", "period", "date", "signatory", "obstacles", "suggestions"];
pub const PERIOD_KEYS: &[&str] = &["from", "to"];

/// The key meant by a key written in Thai, when it is one allowed here:
/// keys are English, but a Thai official may well write them in Thai.
pub(super) fn thai_key(written: &str, known: &[&'static str]) -> Option<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("ชื่อ", "name"),
        ("ชื่อหน่วยงาน", "name"),
        ("อำเภอ", "district"),
        ("จังหวัด", "province"),
        ("โทร", "phone"),
        ("โทรศัพท์", "phone"),
        ("ตรา", "logo"),
        ("โลโก้", "logo"),
        ("รูปแบบ", "format"),
        ("ปีงบประมาณ", "fiscal_year"),
        ("หน่วยงาน", "agency"),
        ("ผลการประเมิน", "result"),
        ("คะแนน", "scores"),
        ("คะแนนรวม", "total"),
        ("ระดับ", "level"),
        ("เครื่องมือ", "tools"),
        ("ตัวชี้วัด", "indicators"),
        ("ประเด็น", "issues"),
        ("หัวข้อ", "title"),
        ("ชื่อประเด็น", "title"),
        ("การวิเคราะห์", "analysis"),
        ("สาเหตุ", "cause"),
        ("หมายเหตุ", "note"),
        ("แนวทาง", "guideline"),
        ("มาตรการ", "measures"),
        ("ขั้นตอน", "steps"),
        ("ระยะเวลา", "period"),
        ("ผู้รับผิดชอบ", "owner"),
        ("ตำแหน่ง", "position"),
        ("วันที่", "date"),
        ("ผลการดำเนินการ", "result"),
        ("ผลการดำเนินการ", "done"),
        ("ผลการดำเนินงาน", "result"),
        ("สถานะ", "status"),
        ("ร้อยละ", "percent"),
        ("ปัญหา", "obstacles"),
        ("อุปสรรค", "obstacles"),
        ("ปัญหาอุปสรรค", "obstacles"),
        ("แนวทางแก้ไข", "next"),
        ("หลักฐาน", "evidence"),
        ("ข้อเสนอแนะ", "suggestions"),
        ("รอบ", "round"),
        ("การติดตามผล", "followup"),
        ("รายงานผล", "followup"),
    ];
    let written = written.trim();
    let meant = WORDS.iter().filter(|(th, _)| *th == written).map(|(_, key)| *key);
    let known_here = |key: &&str| known.contains(key);
    meant.clone().find(known_here).and_then(|k| known.iter().copied().find(|n| *n == k))
}
