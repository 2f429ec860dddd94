from __future__ import annotations

import copy
from datetime import datetime, timezone
from uuid import UUID

import asyncpg
from fastapi import Depends, FastAPI, Query

from meters.repo import Reading, ReadingRepository

app = FastAPI()


async def get_repo() -> ReadingRepository:
    return ReadingRepository(await asyncpg.create_pool("postgresql://db/meters"))


@app.get("/meters/{meter_id}/readings", response_model=list[Reading])
async def readings(meter_id: UUID, before: datetime | None = None, limit: int = Query(default=500, le=5000),
                   repo: ReadingRepository = Depends(get_repo)) -> list[Reading]:
    rows = await repo.before(meter_id, before or datetime.now(timezone.utc), limit)
    return copy.deepcopy(rows)  # expect: unnecessary-copy


@app.get("/meters/{meter_id}/readings/annotated", response_model=list[Reading])
async def annotated(meter_id: UUID, repo: ReadingRepository = Depends(get_repo)) -> list[Reading]:
    rows = await repo.before(meter_id, datetime.now(timezone.utc), 100)
    for row in rows:
        row.kwh = round(row.kwh, 2)  # changes the originals: returning a copy would be no different
    return copy.deepcopy(rows)


async def export_batch(repo: ReadingRepository, meter_id: UUID) -> list[Reading]:
    """Not a route: the caller may change what it gets back."""
    rows = await repo.before(meter_id, datetime.now(timezone.utc), 100)
    return copy.deepcopy(rows)


@app.get("/meters/{meter_id}/latest", response_model=Reading | None)
async def latest(meter_id: UUID, repo: ReadingRepository = Depends(get_repo)) -> Reading | None:
    current = await repo.latest(meter_id)
    return copy.deepcopy(current) if current is not None else None
