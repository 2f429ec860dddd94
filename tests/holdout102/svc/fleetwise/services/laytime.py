from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.domain.laytime_calc import EventRow, Statement, compute_statement
from fleetwise.repositories.laytime import LaytimeRepository


class NoCharterParty(LookupError):
    pass


class LaytimeService:
    def __init__(self, session: AsyncSession, pool: ProcessPoolExecutor) -> None:
        self._repo = LaytimeRepository(session)
        self._pool = pool

    async def _inputs(self, voyage_id: int) -> tuple[list[EventRow], dict]:
        cp = await self._repo.for_voyage(voyage_id)
        if cp is None:
            raise NoCharterParty(voyage_id)
        events = await self._repo.events(cp.id)
        rows = [EventRow(e.kind, e.occurred_at, e.counts) for e in events]
        terms = {
            "laytime_hours": cp.laytime_hours,
            "shinc": cp.shinc,
            "demurrage_rate": cp.demurrage_rate_usd_day,
            "despatch_rate": cp.despatch_rate_usd_day,
        }
        return rows, terms

    async def preview(self, voyage_id: int) -> Statement:
        rows, terms = await self._inputs(voyage_id)
        return compute_statement(rows, **terms)

    async def final(self, voyage_id: int) -> Statement:
        rows, terms = await self._inputs(voyage_id)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, partial(compute_statement, rows, **terms))
