"""Seat map assembly: venue layout + live status + prices."""
from __future__ import annotations

import asyncio
import copy
import logging
from collections import Counter
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

import asyncpg
from cachetools import TTLCache

from svc.clients.pricing import PricingClient
from svc.config import settings
from svc.repos import seats as seats_repo

logger = logging.getLogger(__name__)

_venue_layouts: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=256, ttl=300)
_rendered_svgs: dict[tuple[int, int], bytes] = {}
_tier_prices: TTLCache[int, dict[str, Decimal]] = TTLCache(maxsize=1024, ttl=60)


def render_svg(layout: dict[str, Any]) -> bytes:
    parts = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2000 1400">']
    for seat in layout["seats"]:
        parts.append(
            f'<circle id="s{seat["id"]}" data-section="{escape(seat["section"])}" '
            f'data-row="{escape(seat["row_label"])}" r="6" cx="{seat["number"] * 14}" cy="{hash(seat["row_label"]) % 1300}"/>'
        )
    parts.append("</svg>")
    return "".join(parts).encode()


def availability_counts(layout: dict[str, Any]) -> dict[str, dict[str, int]]:
    counts: Counter[tuple[str, str]] = Counter()
    for seat in copy.deepcopy(layout["seats"]):
        counts[(seat["section"], seat.get("status", "available"))] += 1
    result: dict[str, dict[str, int]] = {}
    for (section, status), n in counts.items():
        result.setdefault(section, {})[status] = n
    return result


class SeatMapService:
    def __init__(self, pool: asyncpg.Pool, pricing: PricingClient) -> None:
        self._pool = pool
        self._pricing = pricing
        self._layout_lock = asyncio.Lock()
        self._price_lock = asyncio.Lock()

    async def _load_layout(self, venue_id: int) -> dict[str, Any]:
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            rows = await seats_repo.seats_for_venue(conn, venue_id)
        return {"venue_id": venue_id, "seats": [dict(r) for r in rows]}

    async def layout(self, venue_id: int) -> dict[str, Any]:
        cached = _venue_layouts.get(venue_id)
        if cached is not None:
            return cached
        layout = await self._load_layout(venue_id)
        _venue_layouts[venue_id] = layout
        return layout

    async def seat_map(self, event_id: int, venue_id: int) -> dict[str, Any]:
        layout = await self.layout(venue_id)
        async with self._pool.acquire(timeout=settings.pg_acquire_timeout) as conn:
            sold = set(await seats_repo.sold_seat_ids(conn, event_id))
            held_rows = await conn.fetch(
                "SELECT seat_id FROM seat_holds WHERE event_id = $1 AND expires_at > now()", event_id
            )
        held_ids = [r["seat_id"] for r in held_rows]
        for seat in layout["seats"]:
            if seat["id"] in sold:
                seat["status"] = "sold"
            elif seat["id"] in held_ids:
                seat["status"] = "held"
            else:
                seat["status"] = "available"
        return {
            "event_id": event_id,
            "seats": layout["seats"],
            "sections": availability_counts(layout),
            "prices": await self.prices(event_id),
        }

    async def prices(self, event_id: int) -> dict[str, str]:
        cached = _tier_prices.get(event_id)
        if cached is None:
            cached = await self._pricing.tier_prices(event_id)
            _tier_prices[event_id] = cached
        return {tier: str(p) for tier, p in cached.items()}

    async def svg(self, event_id: int, venue_id: int, version: int) -> bytes:
        key = (event_id, version)
        hit = _rendered_svgs.get(key)
        if hit is not None:
            return hit
        layout = await self.layout(venue_id)
        rendered = await asyncio.to_thread(render_svg, layout)
        _rendered_svgs[key] = rendered
        return rendered

    async def refresh_layout(self, venue_id: int, event_ids: list[int]) -> None:
        async with self._layout_lock:
            fresh = await self._load_layout(venue_id)
            async with self._price_lock:
                for event_id in event_ids:
                    _tier_prices.pop(event_id, None)
                _venue_layouts[venue_id] = fresh

    async def reprice(self, event_id: int, venue_id: int) -> None:
        prices = await self._pricing.tier_prices(event_id)
        layout_lock = self._layout_lock
        async with self._price_lock:
            _tier_prices[event_id] = prices
            async with layout_lock:
                _venue_layouts.pop(venue_id, None)
