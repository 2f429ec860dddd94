"""In-process caches in front of the catalogue store."""
from __future__ import annotations

from typing import Any

from cachetools import TTLCache

_price_lists: dict[str, dict[str, int]] = {}


class CardCache:
    """Product cards, kept for a minute."""

    def __init__(self) -> None:
        self._cards: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=4096, ttl=60)

    def get(self, product_id: int) -> dict[str, Any] | None:
        return self._cards.get(product_id)  # expect: cache-misuse

    def get_copy(self, product_id: int) -> dict[str, Any] | None:
        card = self._cards.get(product_id)
        return dict(card) if card is not None else None

    def put(self, product_id: int, card: dict[str, Any]) -> None:
        self._cards[product_id] = card


class SessionRegistry:
    """Open checkout sessions of this process; callers update them on purpose."""

    def __init__(self) -> None:
        self._sessions: dict[str, Any] = {}

    def open(self, session_id: str, session: dict[str, Any]) -> None:
        self._sessions[session_id] = session

    def get(self, session_id: str) -> dict[str, Any]:
        return self._sessions[session_id]


def price_list(region: str, load) -> dict[str, int]:
    cached = _price_lists.get(region)
    if cached is None:
        cached = load(region)
        _price_lists[region] = cached
    return cached
