"""Reads of the badge store."""
from __future__ import annotations

import asyncpg


class BadgeRepo:
    def __init__(self, session: asyncpg.Pool) -> None:
        self._session = session

    async def active_numbers(self, site_id: int) -> list[str]:
        rows = await self._session.fetch("SELECT number FROM badges WHERE site_id = $1", site_id)
        return [r["number"] for r in rows]

    async def active_set(self, site_id: int) -> set[str]:
        rows = await self._session.fetch("SELECT number FROM badges WHERE site_id = $1", site_id)
        return {r["number"] for r in rows}

    async def revoked_numbers(self, site_id: int):
        rows = await self._session.fetch("SELECT number FROM revoked WHERE site_id = $1", site_id)
        return [r["number"] for r in rows]
