from __future__ import annotations

import asyncio
import copy
import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..caching import TTLCache
from ..db import pool
from ..repositories.catalog import EventRepository, VenueRepository


class EventService:
    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._session_factory = session_factory
        self._cache: TTLCache[dict[str, Any]] = TTLCache(maxsize=512, ttl=30)
        self._lock = asyncio.Lock()

    async def detail(self, event_id: int) -> dict[str, Any] | None:
        cached = self._cache.get(str(event_id))
        if cached is not None:
            return dict(cached)
        async with self._lock:
            cached = self._cache.get(str(event_id))
            if cached is None:
                cached = await self._load(event_id)
                if cached is None:
                    return None
                self._cache.set(str(event_id), cached)
        return cached.copy()

    async def refresh(self, event_id: int) -> dict[str, Any] | None:
        async with self._lock:
            self._cache.invalidate(str(event_id))
            fresh = await self.detail(event_id)
        return fresh

    async def _load(self, event_id: int) -> dict[str, Any] | None:
        async with self._session_factory() as session:
            event = await EventRepository(session).get(event_id)
            if event is None:
                return None
            venue = await VenueRepository(session).get(event.venue_id)
            prices = await EventRepository(session).prices(event_id)
        return {
            "id": event.id,
            "title": event.title,
            "description": event.description,
            "starts_at": event.starts_at.isoformat(),
            "doors_open": event.doors_open.isoformat(),
            "ends_at": event.ends_at.isoformat(),
            "status": event.status,
            "currency": event.currency,
            "venue": {"id": venue.id, "name": venue.name, "city": venue.city} if venue else None,
            "prices": prices,
        }

    @staticmethod
    def on_sale(event: dict[str, Any], now: datetime | None = None) -> bool:
        now = now or datetime.now(UTC)
        starts_at = datetime.fromisoformat(event["starts_at"])
        return event["status"] == "on_sale" and now < starts_at


class SeatMapService:
    def __init__(self, redis: Redis, assets_dir: str) -> None:
        self._redis = redis
        self._assets = Path(assets_dir)
        self._layouts: dict[int, dict[str, Any]] = {}
        self._layout_load = asyncio.Lock()

    async def layout(self, venue_id: int) -> dict[str, Any]:
        layout = self._layouts.get(venue_id)
        if layout is not None:
            return layout
        async with self._layout_load:
            layout = self._layouts.get(venue_id)
            if layout is None:
                raw = await asyncio.to_thread((self._assets / f"{venue_id}.json").read_text)
                layout = json.loads(raw)
                self._layouts[venue_id] = layout
        return layout

    async def _unavailable(self, event_id: int) -> set[int]:
        async with pool().acquire() as conn:
            rows = await conn.fetch(
                """
                SELECT seat_id FROM seat_holds WHERE event_id = $1 AND expires_at > now()
                UNION
                SELECT seat_id FROM tickets WHERE event_id = $1 AND status <> 'void'
                """,
                event_id,
            )
        return {row["seat_id"] for row in rows}

    async def availability(self, event_id: int, venue_id: int) -> dict[str, Any]:
        cache_key = f"seatmap:{event_id}"
        cached = await self._redis.get(cache_key)
        if cached is not None:
            return json.loads(cached)
        layout = copy.deepcopy(await self.layout(venue_id))
        taken = await self._unavailable(event_id)
        sections = []
        for section in layout["sections"]:
            free = sum(1 for seat in section["seats"] if seat["id"] not in taken)
            sections.append({"id": section["id"], "name": section["name"], "free": free})
        statuses = {
            seat["id"]: ("taken" if seat["id"] in taken else "free")
            for section in layout["sections"]
            for seat in section["seats"]
        }
        result = {"event_id": event_id, "sections": sections, "seats": statuses}
        await self._redis.set(cache_key, json.dumps(result), ex=2)
        return result

    async def best_available(self, event_id: int, venue_id: int, section_id: int, quantity: int) -> list[int]:
        layout = await self.layout(venue_id)
        section = next((s for s in layout["sections"] if s["id"] == section_id), None)
        if section is None:
            return []
        taken = await self._unavailable(event_id)
        free = [s for s in section["seats"] if s["id"] not in taken]
        for seat in free:
            run = [seat]
            while len(run) < quantity:
                following = next(
                    (s for s in free if s["row"] == run[-1]["row"] and s["number"] == run[-1]["number"] + 1),
                    None,
                )
                if following is None:
                    break
                run.append(following)
            if len(run) == quantity:
                return [s["id"] for s in run]
        return []

    async def import_layout(self, venue_id: int, layout: dict[str, Any], svg: bytes) -> str:
        self._assets.mkdir(parents=True, exist_ok=True)
        json_path = self._assets / f"{venue_id}.json"
        svg_path = self._assets / f"{venue_id}.svg"
        await asyncio.to_thread(json_path.write_text, json.dumps(layout))
        await asyncio.to_thread(svg_path.write_bytes, svg)
        thumb_path = self._assets / f"{venue_id}-thumb.png"
        subprocess.run(
            ["rsvg-convert", "--width", "480", "--format", "png", "--output", str(thumb_path), str(svg_path)],
            check=True,
        )
        self._layouts.pop(venue_id, None)
        return json_path.name
