"""Floor plans, live table status, seating and POS checks."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

from cachetools import TTLCache
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.clients.pos import PosClient
from svc.db.models import Venue
from svc.db.pool import Database
from svc.errors import ConflictError
from svc.realtime.hub import FloorHub
from svc.repositories.waitlist import WaitlistRepository

logger = logging.getLogger(__name__)


class FloorPlanService:
    def __init__(self, plan_dir: Path, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._plan_dir = plan_dir
        self._sessions = sessions
        self._cache: TTLCache[int, dict[str, Any]] = TTLCache(maxsize=256, ttl=300)

    @property
    def default_plan(self) -> dict[str, Any]:
        return json.loads((self._plan_dir / "default.json").read_text(encoding="utf-8"))

    async def get_layout(self, venue_id: int) -> dict[str, Any]:
        cached = self._cache.get(venue_id)
        if cached is not None:
            return cached
        async with self._sessions() as session:
            venue = await session.get(Venue, venue_id)
        plan = venue.floor_plan if venue is not None and venue.floor_plan else self.default_plan
        self._cache[venue_id] = plan
        return plan

    def invalidate_local(self, venue_id: int) -> None:
        self._cache.pop(venue_id, None)


class FloorService:
    def __init__(self, db: Database, plans: FloorPlanService, pos: PosClient, hub: FloorHub, waitlist: WaitlistRepository) -> None:
        self._db = db
        self._plans = plans
        self._pos = pos
        self._hub = hub
        self._waitlist = waitlist
        self._seating_lock = asyncio.Lock()
        self._waitlist_lock = asyncio.Lock()

    async def live_floor(self, venue_id: int) -> dict[str, Any]:
        layout = await self._plans.get_layout(venue_id)
        async with self._db.connection() as conn:
            seated = await conn.fetch("SELECT table_id FROM reservations WHERE venue_id = $1 AND status = 'seated' AND starts_at >= now() - interval '6 hours'", venue_id)
        seated_ids = {r["table_id"] for r in seated}
        for table in layout["tables"]:
            table["status"] = "seated" if table["id"] in seated_ids else "free"
        return layout

    async def _tables_with_pos(self, venue_id: int, section: str | None = None) -> list[Any]:
        async with self._db.connection() as conn:
            return await conn.fetch("SELECT id, label, pos_table_ref FROM dining_tables WHERE venue_id = $1 AND pos_table_ref IS NOT NULL AND ($2::text IS NULL OR section = $2)", venue_id, section)

    async def checks_for_section(self, venue_id: int, section: str) -> dict[str, Any]:
        checks: dict[str, Any] = {}
        for table in await self._tables_with_pos(venue_id, section):
            check = await self._pos.get_check(table["pos_table_ref"])
            if check:
                checks[table["label"]] = check
        return checks

    async def checks_for_venue(self, venue_id: int) -> dict[str, Any]:
        tables = await self._tables_with_pos(venue_id)
        by_ref = {t["pos_table_ref"]: t["label"] for t in tables}
        checks = await self._pos.get_checks(list(by_ref))
        return {by_ref[ref]: check for ref, check in checks.items() if ref in by_ref}

    async def seat_party(self, venue_id: int, reservation_id: int, table_id: int) -> None:
        async with self._seating_lock:
            async with self._db.transaction() as conn:
                status = await conn.execute("UPDATE reservations SET status = 'seated', table_id = $2, seated_at = now() WHERE id = $1 AND status = 'booked'", reservation_id, table_id)
            if status == "UPDATE 0":
                raise ConflictError("reservation is not waiting to be seated")
            async with self._waitlist_lock:
                await self._requote(venue_id)
        await self._hub.publish(venue_id, {"type": "table.seated", "table_id": table_id, "reservation_id": reservation_id})

    async def promote_waitlist(self, venue_id: int, table_id: int) -> dict[str, Any] | None:
        async with self._waitlist_lock:
            entry = await self._waitlist.claim_next(venue_id)
            if entry is None:
                return None
            async with self._seating_lock, self._db.transaction() as conn:
                await conn.execute("INSERT INTO reservations (venue_id, table_id, party_size, starts_at, ends_at, status, confirmation_code, source, seated_at) VALUES ($1, $2, $3, now(), now() + interval '90 minutes', 'seated', $4, 'walk_in', now())", venue_id, table_id, entry["party_size"], f"W{entry['id']}")
            await self._requote(venue_id)
        await self._hub.publish(venue_id, {"type": "table.seated", "table_id": table_id, "waitlist_id": entry["id"]})
        return dict(entry)

    async def _requote(self, venue_id: int) -> None:
        waiting = await self._waitlist.waiting(venue_id)
        quotes = [(w["id"], 10 + 12 * position) for position, w in enumerate(waiting)]
        await self._waitlist.save_quotes(quotes)

    async def update_layout(self, venue_id: int, plan: dict[str, Any]) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE venues SET floor_plan = $2::jsonb WHERE id = $1", venue_id, json.dumps(plan))
        await self._plans.invalidate_local(venue_id)
        await self._hub.publish(venue_id, {"type": "layout.updated"})

    async def reset_layout(self, venue_id: int) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE venues SET floor_plan = NULL WHERE id = $1", venue_id)
        self._plans.invalidate_local(venue_id=venue_id)
        await self._hub.publish(venue_id, {"type": "layout.reset"})
