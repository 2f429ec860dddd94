from __future__ import annotations

from typing import Sequence
from uuid import UUID

from homegrid.errors import NotFound
from homegrid.models import Household, HouseholdCreate
from homegrid.db.pool import Repository

_COLUMNS = "id, external_ref, name, timezone, utility_id, region, tariff_id, meter_mpan, created_at"


class HouseholdRepository(Repository):
    async def get(self, household_id: UUID) -> Household:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM households WHERE id = $1", household_id)
        if row is None:
            raise NotFound("household not found", household_id=str(household_id))
        return Household(**dict(row))

    async def get_many(self, ids: Sequence[UUID]) -> dict[UUID, Household]:
        if not ids:
            return {}
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"SELECT {_COLUMNS} FROM households WHERE id = ANY($1::uuid[])", list(ids)
            )
        return {r["id"]: Household(**dict(r)) for r in rows}

    async def get_by_ref(self, external_ref: str) -> Household | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                f"SELECT {_COLUMNS} FROM households WHERE external_ref = $1", external_ref
            )
        return Household(**dict(row)) if row else None

    async def create(self, data: HouseholdCreate) -> Household:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                f"""
                INSERT INTO households (external_ref, name, timezone, utility_id, region, meter_mpan)
                VALUES ($1, $2, $3, $4, $5, $6)
                ON CONFLICT (external_ref) DO UPDATE SET name = EXCLUDED.name
                RETURNING {_COLUMNS}
                """,
                data.external_ref, data.name, data.timezone, data.utility_id, data.region, data.meter_mpan,
            )
        return Household(**dict(row))

    async def list_for_region(self, utility_id: str, region: str) -> list[Household]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"SELECT {_COLUMNS} FROM households WHERE utility_id = $1 AND region = $2",
                utility_id, region,
            )
        return [Household(**dict(r)) for r in rows]

    async def list_page(self, utility_id: str, after: UUID | None, limit: int) -> list[Household]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"""
                SELECT {_COLUMNS} FROM households
                WHERE utility_id = $1 AND ($2::uuid IS NULL OR id > $2)
                ORDER BY id LIMIT $3
                """,
                utility_id, after, limit,
            )
        return [Household(**dict(r)) for r in rows]

    async def set_tariff(self, household_id: UUID, tariff_id: UUID) -> None:
        async with self.db.connection() as conn:
            await conn.execute("UPDATE households SET tariff_id = $2 WHERE id = $1", household_id, tariff_id)
