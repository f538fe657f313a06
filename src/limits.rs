//! Limits on what one input may hold, so the work stays bounded whatever
//! arrives. Each is documented in the README; past one, a message says which.

/// Largest input file read, in bytes.
pub const INPUT_BYTES: usize = 1024 * 1024;
/// Deepest nesting of lists and mappings.
pub const NESTING: usize = 32;
/// Most YAML values in one file, aliases counted at their expanded size.
pub const NODES: usize = 100_000;
/// Most text in one file, in bytes of UTF-8, aliases counted at their
/// expanded size: as much as the largest file holds written out.
pub const EXPANDED_TEXT_BYTES: usize = INPUT_BYTES;
/// Most issues (ประเด็น) in one document.
pub const ISSUES: usize = 50;
/// Most items in one issue's analysis table.
pub const ITEMS_PER_ISSUE: usize = 100;
/// Most rows in the analysis tables, all issues together: an item's text
/// is printed in each row that has it.
pub const ROWS: usize = 500;
/// Longest text of an item (`texts:`), in characters.
pub const ITEM_TEXT_CHARS: usize = 300;
/// Most measures in one document, all issues together.
pub const MEASURES: usize = 500;
/// Most steps in one measure.
pub const STEPS: usize = 50;
/// Longest free text in one field, in characters.
pub const TEXT_CHARS: usize = 30_000;
/// Largest logo file, in bytes.
pub const LOGO_BYTES: u64 = 10 * 1024 * 1024;
/// Widest or tallest logo, in pixels: a picture is decoded whole in memory.
pub const LOGO_PIXELS: u32 = 6000;
/// Most words and names in `document.words` (each is looked for in every
/// Thai text of the document).
pub const WORDS: usize = 1000;
/// Most tools (IIT, EIT, OIT, ...) in `result.tools`.
pub const TOOLS: usize = 10;
/// Most items in a catalog file.
pub const CATALOG_ITEMS: usize = 300;
/// Most diagnostics shown for one file; one more says how many are not.
pub const DIAGNOSTICS: usize = 100;
