from __future__ import annotations

from collections.abc import Iterable

import asyncpg
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Guest


class GuestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, guest_id: int) -> Guest | None:
        return await self.session.get(Guest, guest_id)

    async def get_many(self, guest_ids: Iterable[int]) -> dict[int, Guest]:
        ids = set(guest_ids)
        if not ids:
            return {}
        rows = await self.session.scalars(select(Guest).where(Guest.id.in_(ids)))
        return {g.id: g for g in rows}

    async def by_phone(self, phone: str) -> Guest | None:
        return (await self.session.scalars(select(Guest).where(Guest.phone == phone))).first()

    async def by_email(self, email: str) -> Guest | None:
        stmt = select(Guest).where(func.lower(Guest.email) == email.strip().lower())
        return (await self.session.scalars(stmt)).first()

    async def search(self, term: str) -> list[Guest]:
        stmt = select(Guest).where(Guest.last_name.ilike(f"%{term}%") | Guest.first_name.ilike(f"%{term}%"))
        return list((await self.session.scalars(stmt)).all())

    async def add(self, guest: Guest) -> Guest:
        self.session.add(guest)
        await self.session.flush()
        return guest

    async def record_visit(self, guest_id: int) -> None:
        await self.session.execute(update(Guest).where(Guest.id == guest_id).values(visit_count=Guest.visit_count + 1))

    async def record_no_show(self, guest_id: int) -> None:
        await self.session.execute(
            update(Guest).where(Guest.id == guest_id).values(no_show_count=Guest.no_show_count + 1)
        )


class LoyaltyRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def balance(self, guest_id: int) -> tuple[int, str]:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow("SELECT points, tier FROM loyalty_accounts WHERE guest_id = $1", guest_id)
        return (row["points"], row["tier"]) if row else (0, "standard")

    async def credit(self, guest_id: int, delta: int, source: str, source_ref: str) -> bool:
        """Credit points once per (source, source_ref). Returns False if already applied."""
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                inserted = await conn.fetchval(
                    "INSERT INTO loyalty_ledger (guest_id, delta, source, source_ref) VALUES ($1, $2, $3, $4) "
                    "ON CONFLICT ON CONSTRAINT uq_ledger_source DO NOTHING RETURNING id",
                    guest_id, delta, source, source_ref,
                )
                if inserted is None:
                    return False
                await conn.execute(
                    "INSERT INTO loyalty_accounts (guest_id, points) VALUES ($1, $2) "
                    "ON CONFLICT (guest_id) DO UPDATE SET points = loyalty_accounts.points + EXCLUDED.points",
                    guest_id, delta,
                )
        return True

    async def set_tier(self, guest_id: int, tier: str) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute("UPDATE loyalty_accounts SET tier = $2 WHERE guest_id = $1", guest_id, tier)
