from __future__ import annotations

import difflib
import io
import itertools
import re
import tokenize
from dataclasses import dataclass

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_C_KEYWORDS = frozenset(
    "auto break case char const continue default do double else enum extern float for goto if int "
    "long register return short signed sizeof static struct switch typedef union unsigned void "
    "volatile while class public private protected template typename namespace using include "
    "define vector string map set pair".split()
)


@dataclass(slots=True)
class PairScore:
    left: int
    right: int
    score: float


def normalize_source(source: str, language: str) -> list[str]:
    """Turn source into a token stream with identifiers collapsed."""
    if language.startswith("python"):
        out: list[str] = []
        try:
            for tok in tokenize.generate_tokens(io.StringIO(source).readline):
                if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                    continue
                out.append("ID" if tok.type == tokenize.NAME and tok.string not in _C_KEYWORDS else tok.string)
        except (tokenize.TokenError, IndentationError):
            return source.split()
        return out
    stripped = re.sub(r"//[^\n]*|/\*.*?\*/", " ", source, flags=re.S)
    tokens = re.findall(r"[A-Za-z_][A-Za-z0-9_]*|\d+|\S", stripped)
    return ["ID" if _IDENT.fullmatch(t) and t not in _C_KEYWORDS else t for t in tokens]


def ratio(left: list[str], right: list[str]) -> float:
    return difflib.SequenceMatcher(None, left, right, autojunk=False).ratio()


def pairwise_scores(sources: dict[int, list[str]], threshold: float) -> list[PairScore]:
    results: list[PairScore] = []
    for (a, ta), (b, tb) in itertools.combinations(sources.items(), 2):
        score = ratio(ta, tb)
        if score >= threshold:
            results.append(PairScore(a, b, score))
    results.sort(key=lambda p: p.score, reverse=True)
    return results


def _kgram_hashes(tokens: list[str], k: int) -> list[int]:
    return [hash(" ".join(tokens[i : i + k])) & 0xFFFFFFFF for i in range(max(0, len(tokens) - k + 1))]


def winnow(tokens: list[str], k: int = 5, window: int = 4) -> set[int]:
    """MOSS-style fingerprint selection: keep the minimum hash of every window."""
    hashes = _kgram_hashes(tokens, k)
    if len(hashes) <= window:
        return set(hashes)
    fingerprints: set[int] = set()
    for start in range(len(hashes) - window + 1):
        fingerprints.add(min(hashes[start : start + window]))
    return fingerprints


def jaccard(left: set[int], right: set[int]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def candidate_pairs(fingerprints: dict[int, set[int]], min_shared: int = 8) -> set[tuple[int, int]]:
    """Index fingerprints so only submissions that share enough of them are compared in full."""
    index: dict[int, list[int]] = {}
    for sid, prints in fingerprints.items():
        for fp in prints:
            index.setdefault(fp, []).append(sid)
    shared: dict[tuple[int, int], int] = {}
    for owners in index.values():
        if len(owners) > 50:
            continue
        for i in range(len(owners)):
            for j in range(i + 1, len(owners)):
                a, b = sorted((owners[i], owners[j]))
                shared[(a, b)] = shared.get((a, b), 0) + 1
    return {pair for pair, n in shared.items() if n >= min_shared}
