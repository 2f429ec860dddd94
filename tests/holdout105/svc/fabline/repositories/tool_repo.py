"""Tools (ORM) and the raw tool_events table (asyncpg)."""
from __future__ import annotations

import json
from datetime import date, datetime

import asyncpg
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.models.tool import Tool
from fabline.utils.timeutil import day_bounds


class ToolRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_tools(self, tool_type: str | None = None) -> list[Tool]:
        stmt = select(Tool).order_by(Tool.name)
        if tool_type:
            stmt = stmt.where(Tool.tool_type == tool_type)
        return list((await self.session.scalars(stmt)).all())

    async def get(self, tool_id: int) -> Tool | None:
        return await self.session.get(Tool, tool_id)

    async def by_state(self, state: str) -> list[Tool]:
        return list((await self.session.scalars(select(Tool).where(Tool.state == state))).all())

    async def set_state(self, tool_id: int, state: str, since: datetime) -> None:
        await self.session.execute(
            update(Tool).where(Tool.id == tool_id).values(state=state, state_since=since)
        )


class ToolEventRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def insert(self, tool_id: int, ceid: int, name: str, payload: dict) -> None:
        async with self.pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO tool_events (tool_id, ceid, event_name, payload) VALUES ($1, $2, $3, $4)",
                tool_id, ceid, name, json.dumps(payload),
            )

    async def latest(self, tool_id: int) -> asyncpg.Record | None:
        async with self.pool.acquire() as conn:
            return await conn.fetchrow(
                "SELECT * FROM tool_events WHERE tool_id = $1 ORDER BY created_at DESC LIMIT 1",
                tool_id,
            )

    async def events_on_day(self, tool_id: int, day: date) -> list[asyncpg.Record]:
        async with self.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, ceid, event_name, payload, created_at FROM tool_events "
                "WHERE tool_id = $1 AND date(created_at) = $2 ORDER BY created_at",
                tool_id, day,
            )

    async def events_between(self, tool_id: int, day: date) -> list[asyncpg.Record]:
        start, end = day_bounds(day)
        async with self.pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, ceid, event_name, payload, created_at FROM tool_events "
                "WHERE tool_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at",
                tool_id, start, end,
            )
