"""Per-process caches of member cards."""
from __future__ import annotations

import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Card:
    member_id: int
    name: str


class CardCache:
    def __init__(self, ttl: float = 60.0) -> None:
        self._ttl = ttl
        self._entries: dict[int, tuple[float, Card]] = {}  # expect: unbounded-cache

    def get(self, member_id: int) -> Card | None:
        hit = self._entries.get(member_id)
        if hit is None or time.monotonic() - hit[0] > self._ttl:
            return None
        return hit[1]

    def put(self, card: Card) -> None:
        self._entries[card.member_id] = (time.monotonic(), card)

    def invalidate(self, member_id: int) -> None:
        self._entries.pop(member_id, None)


class SweptCardCache:
    """The same cache with a sweep that drops expired entries."""

    def __init__(self, ttl: float = 60.0) -> None:
        self._ttl = ttl
        self._entries: dict[int, tuple[float, Card]] = {}

    def get(self, member_id: int) -> Card | None:
        hit = self._entries.get(member_id)
        if hit is None or time.monotonic() - hit[0] > self._ttl:
            return None
        return hit[1]

    def put(self, card: Card) -> None:
        self._entries[card.member_id] = (time.monotonic(), card)

    def drop(self, member_id: int) -> None:
        self._entries.pop(member_id, None)

    def sweep(self) -> None:
        now = time.monotonic()
        for member_id in [k for k, (at, _) in self._entries.items() if now - at > self._ttl]:
            self.drop(member_id)


cards = CardCache()
swept = SweptCardCache()
