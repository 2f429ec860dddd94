import asyncpg
import redis.asyncio as redis

from venue.booths import BoothRepo

_POOL: asyncpg.Pool | None = None


def pool() -> asyncpg.Pool:
    assert _POOL is not None
    return _POOL


class BoothService:
    def __init__(self, repo: BoothRepo, db: asyncpg.Pool) -> None:
        self._repo = repo
        self._db = db
        self._leases = redis.Redis()

    async def rent(self, booth_id: int, renter_id: int) -> None:
        booth = await self._repo.find(booth_id)
        if booth is None or booth.state != "free":  # expect: race-condition
            raise ValueError("booth taken")
        async with pool().acquire() as conn:
            await conn.execute("INSERT INTO booth_log (booth_id, renter_id) VALUES ($1, $2)", booth.id, renter_id)
        await self._repo.rent_to(booth.id, renter_id)

    async def rent_with_deposit(self, booth_id: int, renter_id: int) -> None:
        booth = await self._repo.find(booth_id)
        if booth is None or booth.state != "free":  # expect: race-condition
            raise ValueError("booth taken")
        conn = await self._db.acquire()
        try:
            await conn.execute("INSERT INTO deposits (booth_id, renter_id) VALUES ($1, $2)", booth.id, renter_id)
        finally:
            await self._db.release(conn)
        await self._repo.rent_to(booth.id, renter_id)

    async def rent_serialised(self, booth_id: int, renter_id: int) -> None:
        booth = await self._repo.find(booth_id)
        if booth is None or booth.state != "free":
            raise ValueError("booth taken")
        if not await self._leases.set(f"booth:{booth_id}:renter", renter_id, nx=True):
            raise ValueError("booth taken")
        await self._repo.rent_to(booth.id, renter_id)
