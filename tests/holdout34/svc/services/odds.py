"""Odds book: latest prices per match, suspension on goals, snapshots for history."""
from __future__ import annotations

import asyncio
import copy
import logging
from datetime import datetime, timezone
from typing import Any

from svc.clients.odds_provider import OddsProviderClient
from svc.db.repositories.odds import OddsSnapshotRepository
from svc.errors import UpstreamError
from svc.services.scores import ScoreBoard

try:
    import orjson

    def _dumps(obj: Any) -> str:
        return orjson.dumps(obj).decode()

except ImportError:  # pragma: no cover - orjson is optional in dev
    import json

    def _dumps(obj: Any) -> str:
        return json.dumps(obj, separators=(",", ":"))


logger = logging.getLogger(__name__)

_LAST_PRICES: dict[int, dict[str, Any]] = {}


def last_known_prices(match_id: int) -> dict[str, Any] | None:
    return _LAST_PRICES.get(match_id)


class OddsBook:
    def __init__(
        self,
        provider: OddsProviderClient,
        snapshots: OddsSnapshotRepository,
        scores: ScoreBoard,
        margin: float = 0.05,
    ) -> None:
        self._provider = provider
        self._snapshots = snapshots
        self._scores = scores
        self._margin = margin
        self._lock = asyncio.Lock()
        self._books: dict[int, dict[str, dict[str, Any]]] = {}
        self._suspended: dict[int, str] = {}

    async def suspend(self, match_id: int, reason: str) -> None:
        async with self._lock:
            self._suspended[match_id] = reason

    async def resume(self, match_id: int) -> None:
        async with self._lock:
            self._suspended.pop(match_id, None)

    async def update_from_provider(self, match_id: int) -> None:
        prices = await self._provider.fetch_prices(match_id)
        async with self._lock:
            self._books[match_id] = prices["markets"]
            self._suspended.pop(match_id, None)
        _LAST_PRICES[match_id] = prices

    async def reprice_all(self) -> int:
        """Apply the local in-play adjustment between provider refreshes."""
        changed = 0
        async with self._lock:
            for match_id, markets in self._books.items():
                if match_id in self._suspended:
                    continue
                score = await self._scores.snapshot(match_id)
                self._books[match_id] = self._adjust(markets, score)
                changed += 1
        return changed

    def _adjust(self, markets: dict[str, dict[str, Any]], score: dict[str, Any]) -> dict[str, dict[str, Any]]:
        factor = 1 - Decimal(str(self._margin))
        leader = "home" if score["home"] > score["away"] else "away" if score["away"] > score["home"] else None
        adjusted = {}
        for key, market in markets.items():
            prices = dict(market["prices"])
            if leader and leader in prices:
                prices[leader] = f"{float(prices[leader]) * float(factor):.2f}"
            adjusted[key] = {**market, "prices": prices}
        return adjusted

    async def markets_for(self, match_id: int) -> list[dict[str, Any]]:
        try:
            return await self._provider.fetch_market_list(match_id)
        except UpstreamError:
            logger.warning("odds provider unavailable for %s; serving last snapshot", match_id)
            return await self._snapshots.latest_for_match(match_id)

    def snapshot_rows(self) -> list[dict[str, Any]]:
        now = datetime.now(timezone.utc)
        rows = []
        for match_id, markets in self._books.items():
            for market in markets.values():
                rows.append({"market_id": market["id"], "match_id": match_id, "taken_at": now, "prices": market["prices"]})
        return rows

    def serialise_books(self) -> str:
        books = copy.deepcopy(self._books)
        return _dumps({str(mid): markets for mid, markets in books.items() if mid not in self._suspended})
