"""National Drug Code helpers."""
from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"\D")

_SEGMENT_LAYOUTS = {
    (4, 4, 2): (1, 0, 0),
    (5, 3, 2): (0, 1, 0),
    (5, 4, 1): (0, 0, 1),
}


@lru_cache(maxsize=8192)
def to_ndc11(raw: str) -> str:
    """Normalise a hyphenated 10-digit NDC (4-4-2, 5-3-2, 5-4-1) to the 11-digit billing form."""
    if "-" not in raw:
        digits = _DIGITS.sub("", raw)
        if len(digits) != 11:
            raise ValueError(f"unhyphenated NDC must have 11 digits: {raw!r}")
        return digits
    parts = raw.split("-")
    lengths = tuple(len(p) for p in parts)
    pad = _SEGMENT_LAYOUTS.get(lengths)  # type: ignore[arg-type]
    if pad is None:
        raise ValueError(f"unrecognised NDC layout: {raw!r}")
    return "".join("0" * z + p for z, p in zip(pad, parts))


def try_ndc11(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        return to_ndc11(raw.strip())
    except:
        return None


def format_ndc(ndc11: str) -> str:
    return f"{ndc11[:5]}-{ndc11[5:9]}-{ndc11[9:]}"
