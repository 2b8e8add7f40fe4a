"""Sellers and buyers spell products differently; folding makes them the same word."""

import pytest

from bot.catalog_search import fold_text, fold_word, fts5_query, query_terms, tsquery


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("keripik", "kripik"),
        ("kerupuk", "krupuk"),
        ("kroepoek", "kerupuk"),
        ("balado", "baladoo"),
        ("cokelat", "coklat"),
        ("kue", "kueh"),
        ("sambal", "sambel"),
        ("telur", "telor"),
        ("bakso", "baso"),
        ("kopi", "kopii"),
        ("tjabe", "cabe"),
        ("Sépatu", "sepatu"),
    ],
)
def test_two_spellings_of_one_word_fold_alike(one: str, other: str) -> None:
    assert fold_text(one) == fold_text(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("keripik", "kerupuk"), ("batik", "batok"), ("kopi", "kapi"), ("sambal", "sandal")],
)
def test_different_words_stay_apart(one: str, other: str) -> None:
    assert fold_word(one) != fold_word(other)


def test_a_caption_folds_word_by_word() -> None:
    assert fold_text("Keripik Balado 250gr!!", None, "Tebet") == "kripik balado 250gr tebet"


def test_a_query_is_its_distinct_words_at_most_eight() -> None:
    assert query_terms("kripik  KERIPIK balado") == ("kripik", "balado")
    assert len(query_terms(" ".join(f"kata{n}" for n in range(20)))) == 8
    assert query_terms("  ?! ") == ()


def test_query_syntax_cannot_be_smuggled_into_the_index() -> None:
    terms = query_terms('kripik" OR NEAR(a b) *')
    assert fts5_query(terms) == '"kripik"* "or"* "near"* "a"* "b"*'
    assert tsquery(terms) == "kripik:* & or:* & near:* & a:* & b:*"
