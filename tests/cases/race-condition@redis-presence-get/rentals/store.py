import asyncpg


class RentalStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def open_rental(self, bike_id: int, rider_id: int) -> int:
        return await self._pool.fetchval(
            "INSERT INTO rentals (bike_id, rider_id) VALUES ($1, $2) RETURNING id", bike_id, rider_id)

    async def price(self, bike_id: int) -> str:
        return await self._pool.fetchval("SELECT price FROM bikes WHERE id = $1", bike_id)

    async def export(self, day: str) -> None:
        await self._pool.execute("INSERT INTO exports (day) VALUES ($1)", day)

    async def touch(self, token: str) -> None:
        await self._pool.execute("UPDATE sessions SET seen = now() WHERE token = $1", token)
