from __future__ import annotations

from datetime import datetime
from typing import Sequence
from uuid import UUID

from homegrid.models import PriceSlot, Tariff
from homegrid.db.pool import Repository


class TariffRepository(Repository):
    async def get(self, tariff_id: UUID) -> Tariff | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT id, provider_code, name, export_rate FROM tariffs WHERE id = $1", tariff_id
            )
        return Tariff(**dict(row)) if row else None

    async def all(self) -> list[Tariff]:
        async with self.db.connection() as conn:
            rows = await conn.fetch("SELECT id, provider_code, name, export_rate FROM tariffs")
        return [Tariff(**dict(r)) for r in rows]

    async def prices_between(self, tariff_id: UUID, start: datetime, end: datetime) -> list[PriceSlot]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT slot_start, price_pence FROM tariff_prices
                WHERE tariff_id = $1 AND slot_start >= $2 AND slot_start < $3
                ORDER BY slot_start
                """,
                tariff_id, start, end,
            )
        return [PriceSlot(**dict(r)) for r in rows]

    async def upsert_prices(self, tariff_id: UUID, slots: Sequence[PriceSlot]) -> None:
        async with self.db.transaction() as conn:
            await conn.executemany(
                """
                INSERT INTO tariff_prices (tariff_id, slot_start, price_pence) VALUES ($1, $2, $3)
                ON CONFLICT (tariff_id, slot_start) DO UPDATE SET price_pence = EXCLUDED.price_pence
                """,
                [(tariff_id, s.slot_start, s.price_pence) for s in slots],
            )
