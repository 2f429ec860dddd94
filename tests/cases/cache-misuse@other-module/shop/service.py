"""Catalogue views built from the caches."""
from __future__ import annotations

import copy
from typing import Any

from shop.caches import CardCache, SessionRegistry, price_list


class CatalogueService:
    def __init__(self, cards: CardCache, sessions: SessionRegistry, repo) -> None:
        self._cards = cards
        self._sessions = sessions
        self._repo = repo

    async def discounted(self, product_id: int, percent: int) -> dict[str, Any]:
        card = self._cards.get(product_id)
        if card is None:
            card = await self._repo.card(product_id)
            self._cards.put(product_id, card)
        card["price"] = card["price"] * (100 - percent) // 100  # expect: cache-misuse
        return card

    async def discounted_copy(self, product_id: int, percent: int) -> dict[str, Any]:
        card = copy.deepcopy(self._cards.get(product_id))
        card["price"] = card["price"] * (100 - percent) // 100
        return card

    async def labelled(self, product_id: int) -> dict[str, Any] | None:
        card = self._cards.get_copy(product_id)
        if card is not None:
            card["label"] = "new"
        return card

    async def restock(self, product_id: int, count: int) -> dict[str, Any]:
        card = self._cards.get(product_id)
        card["stock"] = card["stock"] + count
        self._cards.put(product_id, card)
        return card

    def add_item(self, session_id: str, sku: str) -> dict[str, Any]:
        session = self._sessions.get(session_id)
        session["items"].append(sku)
        return session

    def count_viewed(self, product_id: int) -> None:
        card = self._cards.get(product_id)
        card.setdefault("views", 0)

    def regional_prices(self, region: str, surcharge: int) -> dict[str, int]:
        prices = price_list(region, self._repo.load_prices)
        for sku in list(prices):
            prices[sku] += surcharge  # expect: cache-misuse
        return prices
