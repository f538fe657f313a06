//! "Did you mean": the known word nearest to a misspelt one, for every hint
//! that offers one (keys, choices, codes, tools, provinces, font families).

use std::fmt;

/// A known word offered for a misspelt one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion<'k>(pub &'k str);

impl<'k> Suggestion<'k> {
    /// The known word nearest to `word`, if any is near enough: at most two
    /// edits, or a third of the known word's length. Among equally near
    /// words, the one that shares the longest start wins (`o55` is `o5`
    /// typed with a key held down, sooner than `o15`), then the one of the
    /// nearest length. A swap of two neighbours counts as one edit, and case
    /// counts for nothing.
    pub fn closest(word: &str, candidates: impl IntoIterator<Item = &'k str>) -> Option<Suggestion<'k>> {
        let word = word.to_lowercase();
        let len = word.chars().count();
        // Nothing known is long; comparing a pasted page with each would cost.
        if len > 64 {
            return None;
        }
        candidates
            .into_iter()
            .filter_map(|c| {
                let lower = c.to_lowercase();
                let d = strsim::osa_distance(&word, &lower);
                let shared = word.chars().zip(lower.chars()).take_while(|(a, b)| a == b).count();
                let len_diff = len.abs_diff(lower.chars().count());
                (d <= 2.max(c.chars().count() / 3)).then_some(((d, std::cmp::Reverse(shared), len_diff), c))
            })
            .min_by_key(|(rank, _)| *rank)
            .map(|(_, c)| Suggestion(c))
    }
}

impl fmt::Display for Suggestion<'_> {
    /// The hint, in Thai and English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "หมายถึง \"{0}\" หรือไม่ (did you mean \"{0}\"?)", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 5] = ["name", "district", "province", "phone", "logo"];

    #[test]
    fn only_near_words_are_suggested() {
        assert_eq!(Suggestion::closest("provnce", KEYS), Some(Suggestion("province")));
        assert_eq!(Suggestion::closest("PHONE", KEYS), Some(Suggestion("phone")));
        assert_eq!(Suggestion::closest("zzzzzz", KEYS), None);
    }

    #[test]
    fn a_shared_start_breaks_a_tie() {
        assert_eq!(Suggestion::closest("o55", ["o15", "o5"]), Some(Suggestion("o5")));
    }

    #[test]
    fn the_hint_is_thai_and_english() {
        assert_eq!(Suggestion("phone").to_string(), "หมายถึง \"phone\" หรือไม่ (did you mean \"phone\"?)");
    }
}
