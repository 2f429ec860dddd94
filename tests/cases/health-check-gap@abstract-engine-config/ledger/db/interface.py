"""The one object the routes talk to the database through."""
from __future__ import annotations

from sqlalchemy import text

from .config import DatabaseConfig, configured


class Database:
    def __init__(self, config: DatabaseConfig) -> None:
        self.config = config

    async def reachable(self) -> bool:
        engine = await self.config.engine()
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    async def entries(self, account: str) -> list[dict]:
        session = await self.config.session()
        async with session:
            rows = await session.execute(text("SELECT id, amount FROM entries WHERE account = :a LIMIT 100"),
                                         {"a": account})
            return [dict(row._mapping) for row in rows]


def get_database() -> Database:
    return Database(configured())
