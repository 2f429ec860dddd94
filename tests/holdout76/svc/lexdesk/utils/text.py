"""Name normalisation and ranking for conflict checks."""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

_ENTITY_SUFFIXES = frozenset({"inc", "llc", "ltd", "corp", "co", "plc", "lp", "llp", "gmbh", "sa", "pc", "pllc"})
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def strip_accents(value: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch))


@lru_cache(maxsize=4096)
def normalize_party_name(name: str) -> str:
    """'Acme Holdings, Inc.' -> 'acme holdings'; used both when storing and when searching parties."""
    cleaned = _PUNCT.sub(" ", strip_accents(name).lower())
    tokens = [t for t in _SPACES.split(cleaned) if t]
    while tokens and tokens[-1] in _ENTITY_SUFFIXES:
        tokens.pop()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def name_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def rank_hits(rows: Sequence[Mapping[str, Any]], queries: Iterable[str]) -> list[dict[str, Any]]:
    """Re-score database candidates with a token-aware ratio. CPU-bound: call from a thread."""
    wanted = set(queries)
    ranked: list[dict[str, Any]] = []
    for row in rows:
        if row["query"] not in wanted:
            continue
        token_score = _token_overlap(row["query"], row["normalized_name"])
        ratio = name_similarity(row["query"], row["normalized_name"])
        ranked.append({**row, "score": round(max(token_score, ratio, float(row["score"])), 3)})
    ranked.sort(key=lambda r: r["score"], reverse=True)
    return ranked


def _token_overlap(a: str, b: str) -> float:
    left, right = set(a.split()), set(b.split())
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def truncate(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "\u2026"
