from __future__ import annotations

from functools import lru_cache

_COMPLEMENT = str.maketrans("ACGTN", "TGCAN")
VALID_BASES = frozenset("ACGTN")


def normalise_index(seq: str) -> str:
    return seq.strip().upper()


def is_valid_index(seq: str) -> bool:
    return 6 <= len(seq) <= 24 and set(seq) <= VALID_BASES


@lru_cache(maxsize=4096)
def reverse_complement(seq: str) -> str:
    return seq.translate(_COMPLEMENT)[::-1]


def hamming(a: str, b: str) -> int:
    if len(a) != len(b):
        shortest = min(len(a), len(b))
        a, b = a[:shortest], b[:shortest]
    return sum(1 for x, y in zip(a, b) if x != y)


def combined_index(i7: str, i5: str | None) -> str:
    return f"{i7}+{i5}" if i5 else i7
