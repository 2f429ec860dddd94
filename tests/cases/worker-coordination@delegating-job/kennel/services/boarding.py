"""Boarding bookings: the work the periodic jobs hand over to."""
from redis.asyncio import Redis

from kennel.db import get_pool


class BoardingLedger:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def release_unpaid_holds(self) -> int:
        pool = await get_pool()
        rows = await pool.fetch("SELECT id FROM holds WHERE paid = false AND expires_at < now()")
        for row in rows:
            await pool.execute("UPDATE kennels SET held_by = NULL WHERE held_by = $1", row["id"])
        return len(rows)

    async def bill_overstays(self) -> None:
        """Takes its own lease: one replica bills each round."""
        if not await self._redis.set("kennel:overstay-billing", "1", nx=True, ex=240):
            return
        pool = await get_pool()
        await pool.execute("UPDATE stays SET overstay_billed = true WHERE ends_at < now()")


async def archive_checked_out(days: int) -> None:
    pool = await get_pool()
    await pool.execute("DELETE FROM stays WHERE checked_out_at < now() - make_interval(days => $1)", days)


async def refresh_vaccination_flags() -> None:
    pool = await get_pool()
    await pool.execute("UPDATE pets SET vaccinations_due = true WHERE vaccinated_at < now() - interval '1 year'")
