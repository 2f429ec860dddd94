from __future__ import annotations

import bisect
import heapq
import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import redis.asyncio as redis

from pricewatch.repositories.price_history import PriceHistoryRepository


def downsample(points: list[dict], max_points: int = 300) -> list[dict]:
    """Keep at most ``max_points`` points, always keeping local minima (the interesting ones)."""
    if len(points) <= max_points:
        return points
    step = len(points) / max_points
    kept: list[dict] = []
    for i in range(max_points):
        point = points[int(i * step)]
        if point not in kept:
            kept.append(point)
    minima = [p for i, p in enumerate(points[1:-1], 1)
              if p["price"] < points[i - 1]["price"] and p["price"] < points[i + 1]["price"]]
    for p in minima:
        if p not in kept:
            kept.append(p)
    kept.sort(key=lambda p: p["observed_at"])
    return kept


def price_at(points: list[dict], when: datetime) -> Decimal | None:
    """Price in effect at ``when``; ``points`` sorted by observed_at ascending."""
    stamps = [p["observed_at"] for p in points]
    idx = bisect.bisect_right(stamps, when) - 1
    return points[idx]["price"] if idx >= 0 else None


def cheapest(offers: list[dict], k: int = 3) -> list[dict]:
    return heapq.nsmallest(k, offers, key=lambda o: o["price"])


class HistoryService:
    def __init__(self, repo: PriceHistoryRepository, cache: redis.Redis, ttl: int) -> None:
        self._repo = repo
        self._redis = cache
        self._ttl = ttl

    async def series(self, product_id: int, days: int) -> list[dict]:
        since = datetime.now(timezone.utc) - timedelta(days=days)
        rows = await self._repo.get_series(product_id, since=since)
        return [
            {"price": r["price"], "observed_at": r["observed_at"], "in_stock": r["in_stock"]}
            for r in reversed(rows)
        ]

    async def summary(self, product_id: int) -> dict:
        key = f"hist:summary:{product_id}"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        now = datetime.now(timezone.utc)
        low_30 = await self._repo.lowest_since(product_id, now - timedelta(days=30))
        low_365 = await self._repo.lowest_since(product_id, now - timedelta(days=365))
        latest = await self._repo.latest_price(product_id)
        data = {
            "current": str(latest["price"]) if latest else None,
            "low_30d": str(low_30) if low_30 is not None else None,
            "low_365d": str(low_365) if low_365 is not None else None,
        }
        await self._redis.set(key, json.dumps(data))
        return data

    async def chart(self, product_id: int, days: int = 90) -> list[dict]:
        key = f"hist:chart:{product_id}:{days}"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        points = downsample(await self.series(product_id, days))
        encoded = [{**p, "price": str(p["price"]), "observed_at": p["observed_at"].isoformat()} for p in points]
        await self._redis.set(key, json.dumps(encoded), ex=self._ttl)
        return encoded
