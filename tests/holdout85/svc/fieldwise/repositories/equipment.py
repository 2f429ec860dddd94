from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.db.models import Tractor
from fieldwise.db.pg import PgPool


class TractorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_vin(self, vin: str) -> Tractor | None:
        stmt = select(Tractor).where(Tractor.vin == vin)
        return (await self._session.scalars(stmt)).first()

    async def list_for_farm(self, farm_id: int) -> list[Tractor]:
        stmt = select(Tractor).where(Tractor.farm_id == farm_id).order_by(Tractor.model)
        return list((await self._session.scalars(stmt)).all())


class PositionRepository:
    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def append(self, tractor_id: int, recorded_at: datetime, lat: float, lon: float,
                     speed_kmh: float | None, fuel_pct: float | None) -> None:
        conn = await self._pg.pool.acquire(timeout=5)
        await conn.execute(
            "INSERT INTO tractor_positions (tractor_id, recorded_at, lat, lon, speed_kmh, fuel_pct) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            tractor_id, recorded_at, lat, lon, speed_kmh, fuel_pct,
        )
        await self._pg.pool.release(conn)

    async def track(self, tractor_id: int, since: datetime) -> list[tuple[float, float]]:
        async with self._pg.connection() as conn:
            rows = await conn.fetch(
                "SELECT lat, lon FROM tractor_positions WHERE tractor_id = $1 AND recorded_at >= $2 "
                "ORDER BY recorded_at DESC LIMIT 5000",
                tractor_id, since,
            )
        return [(r["lat"], r["lon"]) for r in rows]
