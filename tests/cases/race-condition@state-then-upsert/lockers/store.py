"""Locker assignments kept in one row per locker, written with upserts."""
import asyncpg


class LockerStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def state_of(self, locker_id: int) -> str:
        async with self._pool.acquire() as conn:
            value = await conn.fetchval("SELECT state FROM locker_state WHERE locker_id = $1", locker_id)
        return value or "empty"

    async def put_state(self, locker_id: int, state: str, parcel: str | None) -> None:
        async with self._pool.acquire() as conn:
            await conn.execute(
                "INSERT INTO locker_state (locker_id, state, parcel) VALUES ($1, $2, $3) "
                "ON CONFLICT (locker_id) DO UPDATE SET state = EXCLUDED.state, parcel = EXCLUDED.parcel",
                locker_id, state, parcel,
            )

    async def fill_if_empty(self, locker_id: int, parcel: str) -> bool:
        """The upsert only overwrites an empty locker, and says whether it did."""
        async with self._pool.acquire() as conn:
            done = await conn.fetchval(
                "INSERT INTO locker_state (locker_id, state, parcel) VALUES ($1, 'full', $2) "
                "ON CONFLICT (locker_id) DO UPDATE SET state = 'full', parcel = EXCLUDED.parcel "
                "WHERE locker_state.state = 'empty' RETURNING locker_id",
                locker_id, parcel,
            )
        return done is not None
