"""Courier shift claims: one active courier per van, claimed in raw SQL."""
import asyncpg


class VanBusy(Exception):
    pass


async def claim_van(pool: asyncpg.Pool, van_id: int, courier_id: int) -> None:
    async with pool.acquire() as conn:
        row = await conn.fetchrow("SELECT van_id, driver FROM van_shifts WHERE van_id = $1", van_id)
        if row is not None and row["driver"] is not None:  # expect: race-condition
            raise VanBusy(van_id)
        await conn.execute(
            """
            INSERT INTO van_shifts (van_id, driver, started_at) VALUES ($1, $2, now())
            ON CONFLICT (van_id) DO UPDATE SET driver = EXCLUDED.driver, started_at = now()
            """,
            van_id, courier_id,
        )


async def log_mileage(pool: asyncpg.Pool, van_id: int, courier_id: int, km: int) -> None:
    """Only the van's current driver may log; the upsert adds to the total in SQL."""
    async with pool.acquire() as conn:
        row = await conn.fetchrow("SELECT driver FROM van_shifts WHERE van_id = $1", van_id)
        if row is None or row["driver"] != courier_id:
            raise VanBusy(van_id)
        await conn.execute(
            "INSERT INTO van_mileage (van_id, km) VALUES ($1, $2) "
            "ON CONFLICT (van_id) DO UPDATE SET km = van_mileage.km + EXCLUDED.km",
            van_id, km,
        )
