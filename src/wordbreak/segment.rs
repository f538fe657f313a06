//! Where the words of a run of Thai start, by three segmenters, and where
//! they agree.
//!
//! newmm (PyThaiNLP's maximal matching, in nlpo3) picks among the
//! segmentations with the fewest words arbitrarily: อย่างถูก|ต้อง as
//! readily as อย่าง|ถูกต้อง. A unigram model, the segmentation whose words
//! are most probable by their counts in the Thai National Corpus
//! (data/tnc_freq.txt), picks the one a reader would. Where the two
//! disagree the run is ambiguous, and a line is better not broken there
//! at all while it has room.

use std::collections::HashMap;
use std::sync::OnceLock;

use nlpo3::tokenizer::newmm::NewmmTokenizer;
use nlpo3::tokenizer::tokenizer_trait::Tokenizer;

/// The word list, sorted by build.rs for a quick fill of the trie.
const WORDS: &str = include_str!(concat!(env!("OUT_DIR"), "/words_th.txt"));

/// How often the words of the word list occur in the Thai National Corpus.
const COUNTS: &str = include_str!("../../data/tnc_freq.txt");

/// The dictionary segmenter, built once a process, on first use.
fn tokenizer() -> &'static NewmmTokenizer {
    static TOKENIZER: OnceLock<NewmmTokenizer> = OnceLock::new();
    TOKENIZER.get_or_init(|| NewmmTokenizer::from_lines(WORDS))
}

/// The cost of each word with a count: minus the log of its probability.
struct Model {
    costs: HashMap<&'static str, f32>,
    /// A word of the list the corpus never counted: as if counted half a time.
    rare: f32,
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let counted: Vec<(&str, f64)> = COUNTS
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .filter_map(|(w, n)| Some((w, n.parse::<f64>().ok()?)))
            .collect();
        let total: f64 = counted.iter().map(|(_, n)| n).sum::<f64>() + 1.0;
        let cost = |n: f64| -(n / total).ln() as f32;
        Model { costs: counted.into_iter().map(|(w, n)| (w, cost(n))).collect(), rare: cost(0.5) }
    })
}

/// Builds the segmenter and the model now rather than at the first Thai
/// text: they take about as long as reading and checking an input, so a
/// front end with a core to spare builds them meanwhile.
pub fn warm_up() {
    tokenizer();
    model();
}

/// The byte offsets where newmm's words of a run of Thai start, and its end.
pub fn newmm(run: &str) -> Vec<usize> {
    // `safe` bounds the work on long runs with many ways to segment them.
    let words = tokenizer().segment(run, true, false).unwrap_or_else(|_| vec![run.to_string()]);
    let mut at = 0;
    let mut starts = vec![0];
    for w in words {
        at += w.len();
        starts.push(at);
    }
    // Words that do not add up to the run (a part the segmenter failed on
    // and left out) are no words: the run is one, and none of it is lost.
    if at != run.len() {
        return vec![0, run.len()];
    }
    starts
}

/// The byte offsets where the unigram model's words start, and the run's
/// end. The words are the word list's, and where none covers a stretch,
/// newmm's pieces of it (a name, a misspelling) at the cost of rare words.
pub fn unigram(run: &str, newmm: &[usize]) -> Vec<usize> {
    let (model, dict) = (model(), tokenizer());
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    let letters: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
    let byte = |i: usize| chars.get(i).map_or(run.len(), |&(b, _)| b);
    let n = chars.len();
    // newmm's next cut from each letter it starts a word at.
    let mut next_cut: Vec<Option<usize>> = vec![None; n];
    for w in newmm.windows(2) {
        let letter = |b: usize| chars.binary_search_by_key(&b, |&(at, _)| at).unwrap_or(n);
        if let Some(slot) = next_cut.get_mut(letter(w[0])) {
            *slot = Some(letter(w[1]));
        }
    }
    // best[i]: the cheapest cost of the first i letters, and where its last word starts.
    let mut best: Vec<(f32, usize)> = vec![(f32::INFINITY, 0); n + 1];
    best[0].0 = 0.0;
    for i in 0..n {
        let here = best[i].0;
        if here.is_infinite() {
            continue;
        }
        let mut relax = |end: usize, cost: f32| {
            if here + cost < best[end].0 {
                best[end] = (here + cost, i);
            }
        };
        for len in dict.word_lengths(&letters[i..]) {
            let word = &run[byte(i)..byte(i + len)];
            relax(i + len, model.costs.get(word).copied().unwrap_or(model.rare));
        }
        if let Some(end) = next_cut[i] {
            // Twice a rare word: a word of the list is preferred, as a rule.
            relax(end, 2.0 * model.rare);
        }
    }
    let mut starts = vec![run.len()];
    let mut at = n;
    while at > 0 {
        at = best[at].1;
        starts.push(byte(at));
    }
    starts.reverse();
    starts
}

/// The byte offsets where longest matching's words start, and the run's
/// end: from the start on, the longest word of the list, or where there is
/// none, newmm's piece.
pub fn longest(run: &str, newmm: &[usize]) -> Vec<usize> {
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    let letters: Vec<char> = chars.iter().map(|&(_, c)| c).collect();
    let mut starts = vec![0];
    let mut i = 0;
    while i < chars.len() {
        let at = chars[i].0;
        let words = tokenizer().word_lengths(&letters[i..]);
        i += match words.iter().rev().find(|&&len| can_end(&letters, i + len)) {
            Some(&len) => len,
            None => {
                let next = newmm.iter().copied().find(|&b| b > at).unwrap_or(run.len());
                run[at..next].chars().count()
            }
        };
        starts.push(chars.get(i).map_or(run.len(), |&(b, _)| b));
    }
    starts
}

/// Whether a word may end before letter `i`: not before a mark or a vowel
/// that follows its consonant (ก|าร), nor after one that precedes it.
fn can_end(letters: &[char], i: usize) -> bool {
    let follows = |c: char| matches!(c, '\u{E30}'..='\u{E3A}' | '\u{E45}' | '\u{E47}'..='\u{E4E}');
    let precedes = |c: char| matches!(c, 'เ'..='ไ');
    let before_follower = letters.get(i).is_some_and(|&c| follows(c));
    let after_preceder = i > 0 && letters.get(i - 1).is_some_and(|&c| precedes(c));
    !before_follower && !after_preceder
}

/// The joints of a run from the surest down: where all three segmenters
/// start a word (no reader would quarrel with a break there), where two
/// of them do, where the model does; and the finest, newmm's.
pub fn joints(run: &str) -> [Vec<usize>; 4] {
    let newmm = newmm(run);
    let unigram = unigram(run, &newmm);
    let longest = longest(run, &newmm);
    let votes = |b: &usize| [&newmm, &unigram, &longest].iter().filter(|s| s.binary_search(b).is_ok()).count();
    let mut all: Vec<usize> = newmm.iter().chain(&unigram).chain(&longest).copied().collect();
    all.sort_unstable();
    all.dedup();
    let agreed = all.iter().copied().filter(|b| votes(b) == 3).collect();
    let most = all.into_iter().filter(|b| votes(b) >= 2).collect();
    [agreed, most, unigram, newmm]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(run: &str, starts: &[usize]) -> Vec<String> {
        starts.windows(2).map(|w| run[w[0]..w[1]].to_string()).collect()
    }

    #[test]
    fn the_unigram_model_picks_the_segmentation_a_reader_would() {
        for (run, read) in
            [("อย่างถูกต้อง", "อย่าง|ถูกต้อง"), ("ค่อนข้างมาก", "ค่อนข้าง|มาก"), ("ดำเนินการตามแนวทาง", "ดำเนินการ|ตาม|แนวทาง")]
        {
            assert_eq!(words(run, &unigram(run, &newmm(run))).join("|"), read);
        }
    }

    #[test]
    fn a_stretch_no_word_covers_is_taken_as_newmm_cuts_it() {
        let run = "ขอบคุณครับxyzกกกก";
        let starts = unigram(run, &newmm(run));
        assert_eq!(starts.first(), Some(&0));
        assert_eq!(starts.last(), Some(&run.len()));
        assert!(starts.iter().all(|&b| run.is_char_boundary(b)));
    }

    #[test]
    fn where_the_segmenters_disagree_no_joint_is_offered() {
        let run = "ช่องทางการ";
        let (n, u) = (newmm(run), unigram(run, &newmm(run)));
        assert_ne!(n, u, "the example is one they disagree on");
        let [agreed, _, model, _] = joints(run);
        assert_eq!(agreed, [0, run.len()]);
        assert_eq!(model, u);
    }
}
