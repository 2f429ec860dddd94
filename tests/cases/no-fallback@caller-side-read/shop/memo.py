"""A small time-bounded memo that computes missing values with the loader it is given."""
from __future__ import annotations

import time
from typing import Awaitable, Callable


class Memo:
    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._values: dict[str, tuple[float, object]] = {}

    async def get_or_compute(self, key: str, compute: Callable[[str], Awaitable[object]]) -> object:
        hit = self._values.get(key)
        if hit is not None and time.monotonic() - hit[0] < self._ttl:
            return hit[1]
        value = await compute(key)
        self._values[key] = (time.monotonic(), value)
        return value
