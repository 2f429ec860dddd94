import time
from typing import Any, Generic, TypeVar

V = TypeVar("V")


class Expiring(Generic[V]):
    """A small in-process store with a lifetime per entry."""

    def __init__(self, ttl: float) -> None:
        self._ttl = ttl
        self._data: dict[str, tuple[float, V]] = {}

    def get(self, key: str) -> V | None:
        hit = self._data.get(key)
        return hit[1] if hit and time.monotonic() - hit[0] < self._ttl else None

    def set(self, key: str, value: V) -> None:
        self._data[key] = (time.monotonic(), value)
