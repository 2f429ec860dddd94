from __future__ import annotations

import asyncpg


class LockerRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def occupants(self, bank: str) -> list[dict]:
        rows = await self.pool.fetch("SELECT locker, holder_name FROM rentals WHERE bank = $1", bank)
        return [dict(r) for r in rows]

    async def verify_code(self, bank: str, locker: int, code: str) -> bool:
        row = await self.pool.fetchrow(
            "SELECT 1 FROM rentals WHERE bank = $1 AND locker = $2 AND code_hash = crypt($3, code_hash)",
            bank, locker, code,
        )
        return row is not None

    async def open_locker(self, bank: str, locker: int) -> None:
        await self.pool.execute("UPDATE lockers SET opened_at = now() WHERE bank = $1 AND locker = $2", bank, locker)
