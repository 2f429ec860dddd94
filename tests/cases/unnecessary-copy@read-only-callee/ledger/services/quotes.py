"""Quotes built from the cart."""
from __future__ import annotations

import copy
import json
import threading
from decimal import Decimal
from typing import Any

from ledger.services import pricing


class Carts:
    async def lines(self, customer_id: int) -> tuple[int, list[pricing.Line]]:
        return customer_id, []


class QuoteService:
    def __init__(self, carts: Carts, redis: Any) -> None:
        self._carts = carts
        self._redis = redis
        self._history: list[list[pricing.Line]] = []
        self._totals: dict[str, dict[str, float]] = {}

    async def quote(self, customer_id: int) -> dict[str, Any]:
        cart_id, lines = await self._carts.lines(customer_id)
        snapshot = copy.deepcopy(lines)  # expect: unnecessary-copy
        fee = 300 if len(snapshot) < 3 else 0
        return {"cart": cart_id, "lines": lines, "total": pricing.total(snapshot, fee)}

    async def promo_quote(self, customer_id: int, percent: int) -> dict[str, Any]:
        _, lines = await self._carts.lines(customer_id)
        working = copy.deepcopy(lines)  # apply_promo changes the lines it is given
        discounted = pricing.apply_promo(working, percent)
        return {"lines": lines, "total": discounted}

    async def keep(self, customer_id: int) -> None:
        _, lines = await self._carts.lines(customer_id)
        kept = copy.deepcopy(lines)  # stored for later: the copy must not share the cart's lines
        pricing.remember(kept, self._history)

    async def publish(self) -> None:
        stats = copy.deepcopy(self._totals)  # expect: unnecessary-copy
        await self._redis.publish("stats", json.dumps(stats))

    async def publish_later(self) -> None:
        stats = copy.deepcopy(self._totals)  # other tasks may change the totals during the await
        await self._redis.ping()
        await self._redis.publish("stats", json.dumps(stats))

    def reset_and_report(self) -> str:
        stats = copy.deepcopy(self._totals)  # the report shows the totals before the reset
        self._totals.clear()
        return json.dumps(stats)


class RateBook:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rates: dict[str, Decimal] = {}
        self._books: dict[str, dict[str, list[Decimal]]] = {}

    def snapshot(self) -> dict[str, Decimal]:
        with self._lock:
            return dict(self._rates)

    def books(self) -> dict[str, dict[str, list[Decimal]]]:
        with self._lock:
            return dict(self._books)

    def rate(self, code: str) -> Decimal | None:
        book = copy.deepcopy(self.snapshot())  # expect: unnecessary-copy
        direct = book.get(code)
        if direct is not None:
            return direct
        return None

    def total(self) -> Decimal:
        rates = copy.deepcopy(self._rates)  # sync code other threads run too: a snapshot against them
        return sum(rates.values(), Decimal(0))

    def levels(self, code: str) -> list[Decimal] | None:
        book = copy.deepcopy(self.books())  # the caller gets lists it may change: they must be its own
        entry = book.get(code)
        if entry is not None:
            return entry.get("bids")
        return None


def normalise_rows(rows: list[tuple[str, dict[str, Any]]]) -> None:
    for _, fields in rows:
        fields.pop("internal", None)


def check_normalise_keeps_caller_data() -> bool:
    fields = {"name": "a", "nested": {"v": 1}}
    before = copy.deepcopy(fields)
    normalise_rows([("row", fields)])
    return fields == before


def check_other_rows_only() -> bool:
    fields = {"name": "a", "nested": {"v": 1}}
    before = copy.deepcopy(fields)  # expect: unnecessary-copy
    normalise_rows([("row", {"name": "b"})])
    return fields == before
