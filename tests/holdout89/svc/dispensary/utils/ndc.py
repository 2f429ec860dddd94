from __future__ import annotations

import re
from functools import lru_cache

_DIGITS = re.compile(r"\D")


@lru_cache(maxsize=4096)
def normalize_ndc(raw: str) -> str:
    """Normalise a 10-digit NDC in any of the 4-4-2/5-3-2/5-4-1 layouts to 11 digits."""
    parts = raw.split("-")
    if len(parts) == 3:
        labeler, product, package = parts
        return labeler.zfill(5) + product.zfill(4) + package.zfill(2)
    digits = _DIGITS.sub("", raw)
    return digits.zfill(11)


def display_ndc(code: str) -> str:
    code = normalize_ndc(code)
    return f"{code[:5]}-{code[5:9]}-{code[9:]}"
