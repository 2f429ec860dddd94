"""Services created once in the lifespan."""
import asyncpg


class ReportService:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool
        self._latest: dict[int, list] = {}  # expect: stateful-component
        self._name_cache: dict[int, str] = {}
        self.requests_served = 0

    async def build(self, user_id: int) -> list:
        rows = await self.pool.fetch("SELECT * FROM orders WHERE user_id = $1", user_id)
        self._latest[user_id] = list(rows)
        self.requests_served += 1
        return list(rows)

    def latest(self, user_id: int) -> list | None:
        return self._latest.get(user_id)

    async def name(self, user_id: int) -> str:
        if user_id not in self._name_cache:
            self._name_cache[user_id] = await self.pool.fetchval("SELECT name FROM users WHERE id = $1", user_id)
        return self._name_cache[user_id]

    def stats(self) -> dict:
        return {"served": self.requests_served}
