"""Compatibility tables and version parsing used on the request path."""
from __future__ import annotations

import re
from functools import lru_cache

_RED_CELLS = {"O": {"O"}, "A": {"A", "O"}, "B": {"B", "O"}, "AB": {"AB", "A", "B", "O"}}
_PLASMA = {"O": {"O", "A", "B", "AB"}, "A": {"A", "AB"}, "B": {"B", "AB"}, "AB": {"AB"}}


@lru_cache(maxsize=None)
def donors_for(group: str, rh: str, kind: str) -> frozenset[tuple[str, str]]:
    # every argument is a code: a key of a fixed table or a value tested against literals
    table = _PLASMA if kind == "plasma" else _RED_CELLS
    rhs = ("+", "-") if rh == "+" or kind == "plasma" else ("-",)
    return frozenset((g, r) for g in table[group] for r in rhs)


@lru_cache(maxsize=None)  # expect: unbounded-cache
def version_tuple(value: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.split(r"[.+-]", value.lstrip("v"))[:3] if p.isdigit())
