import copy
import time
from typing import Any


class ExpiringStore:
    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._items: dict[str, tuple[float, Any]] = {}

    def get_fresh(self, key: str) -> Any | None:
        entry = self._items.get(key)
        if entry is None or time.monotonic() - entry[0] > self._ttl:
            return None
        return copy.deepcopy(entry[1])

    def set_value(self, key: str, value: Any) -> None:
        if len(self._items) > 5000:
            self._items.clear()
        self._items[key] = (time.monotonic(), value)
