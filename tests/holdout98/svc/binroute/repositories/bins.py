from __future__ import annotations

from collections.abc import Sequence

import asyncpg
from sqlalchemy import func, select

from ..db.models import Bin
from .base import BaseRepository


class BinRepository(BaseRepository[Bin]):
    model = Bin

    async def list_by_depot(self, depot_id: str, *, include_retired: bool = False) -> Sequence[Bin]:
        stmt = select(Bin).where(Bin.depot_id == depot_id)
        if not include_retired:
            stmt = stmt.where(Bin.retired.is_(False))
        return (await self.session.scalars(stmt)).all()

    async def count_stream(self, depot_id: str, stream: str) -> int:
        stmt = select(func.count()).select_from(Bin).where(
            Bin.depot_id == depot_id, Bin.stream == stream, Bin.retired.is_(False)
        )
        return (await self.session.execute(stmt)).scalar_one()

    async def get_many(self, bin_ids: Sequence[str]) -> dict[str, Bin]:
        if not bin_ids:
            return {}
        rows = await self.session.scalars(select(Bin).where(Bin.id.in_(bin_ids)))
        return {b.id: b for b in rows}

    async def update_fields(self, bin_id: str, **fields: object) -> Bin | None:
        allowed = {"depot_id", "stream", "capacity_litres", "address", "notes", "retired", "customer_id"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        bin_ = await self.session.get(Bin, bin_id, with_for_update=True)
        if bin_ is None:
            return None
        for name, value in fields.items():
            setattr(bin_, name, value)
        await self.session.flush()
        return bin_

    async def by_dev_eui(self, dev_eui: str) -> Bin | None:
        return await self.session.scalar(select(Bin).where(Bin.dev_eui == dev_eui))

    async def search_street(self, fragment: str, limit: int = 25) -> Sequence[Bin]:
        stmt = select(Bin).where(Bin.street.ilike(f"%{fragment}%")).order_by(Bin.street).limit(limit)
        return (await self.session.scalars(stmt)).all()


class BinLookup:
    """Raw asyncpg lookups used by the public resident endpoints."""

    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self.pool = pool
        self.acquire_timeout = acquire_timeout

    async def search_address(self, text: str) -> list[dict]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT id, address, stream, lat, lon FROM bins "
                "WHERE retired = false AND address ILIKE '%' || $1 || '%' ORDER BY address",
                text,
            )
        return [dict(r) for r in rows]

    async def by_rfid(self, tag: str) -> asyncpg.Record | None:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            return await conn.fetchrow("SELECT id, customer_id, depot_id FROM bins WHERE rfid_tag = $1", tag)

    async def owners(self, bin_ids: list[str]) -> dict[str, int]:
        async with self.pool.acquire(timeout=self.acquire_timeout) as conn:
            rows = await conn.fetch(
                "SELECT id, customer_id FROM bins WHERE id = ANY($1::text[]) AND customer_id IS NOT NULL", bin_ids
            )
        return {r["id"]: r["customer_id"] for r in rows}
