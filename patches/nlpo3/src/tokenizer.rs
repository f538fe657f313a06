// SPDX-FileCopyrightText: 2024 PyThaiNLP Project
// SPDX-License-Identifier: Apache-2.0

mod dict_reader;
pub mod newmm;
pub(crate) mod tcc;
pub mod tokenizer_trait;
mod trie_char;
