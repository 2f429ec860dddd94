"""Index barcodes for sequencing pools: new ones far enough from those already in the pool."""
from __future__ import annotations

import itertools

MIN_DISTANCE = 3
SIZES = ("S", "M", "L")
COLOURS = ("red", "blue")


def hamming(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b))


def suggest(existing: list[str], length: int = 8, count: int = 24) -> list[str]:
    picked: list[str] = []
    for candidate in itertools.product("ACGT", repeat=length):
        seq = "".join(candidate)
        if all(hamming(seq, other) >= MIN_DISTANCE for other in existing + picked):
            picked.append(seq)
            if len(picked) == count:
                break
    return picked


def suggest_for(existing: list[str], length: int) -> list[str]:
    return ["".join(c) for c in itertools.product("ACGT", repeat=length)
            if all(hamming("".join(c), other) >= MIN_DISTANCE for other in existing)][:24]


def plan_indexes(existing: list[str], length: int) -> list[str]:
    return suggest(existing, length=length)


def check_bits(flags: list[bool]) -> list[tuple[bool, ...]]:
    """Four switches: 16 settings, whatever the input."""
    return [combo for combo in itertools.product((False, True), repeat=4) if sum(combo) == sum(flags)]


def variants() -> list[tuple[str, str]]:
    """A product without `repeat`: one turn per size and colour, a nested loop."""
    return list(itertools.product(SIZES, COLOURS))
