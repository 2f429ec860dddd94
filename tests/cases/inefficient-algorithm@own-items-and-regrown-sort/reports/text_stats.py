"""Word statistics for uploaded documents."""
from __future__ import annotations

from collections import Counter

from .tokenize import split_words


def frequent_terms(body: str, top: int = 10) -> list[str]:
    terms = split_words(body)
    freq = {}
    for term in set(terms):
        freq[term] = terms.count(term)  # expect: inefficient-algorithm
    return sorted(freq, key=freq.get, reverse=True)[:top]


def positions(tags: tuple[str, ...]) -> dict[str, int]:
    return {tag: tags.index(tag) for tag in tags}  # expect: inefficient-algorithm


def frequent_terms_fast(body: str, top: int = 10) -> list[str]:
    # one pass: correct
    return [t for t, _ in Counter(split_words(body)).most_common(top)]


def stopword_hits(body: str, stopwords: list[str]) -> int:
    # counts each stopword in another collection, once per stopword: not the own-items pattern
    words = split_words(body)
    return sum(words.count(w) for w in stopwords[:5])
