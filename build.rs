//! The word list of the Thai segmenter, sorted: nlpo3's trie (patched, see
//! patches/README.md) fills quickest from words in order, so the sorting is
//! done once, here, rather than on every run.

use std::path::Path;

const WORDS: &str = "data/words_th.txt";

fn main() {
    println!("cargo::rerun-if-changed={WORDS}");
    let text = std::fs::read_to_string(WORDS).unwrap_or_else(|e| panic!("{WORDS}: {e}"));
    // Sorted as strings, which for UTF-8 is the order of the characters.
    let mut words: Vec<&str> = text.lines().map(str::trim).filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.dedup();
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("words_th.txt");
    std::fs::write(&out, words.join("\n")).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
