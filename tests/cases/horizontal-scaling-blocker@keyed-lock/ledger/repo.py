import asyncpg


class StatementRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def create_import(self, iban: str, count: int) -> int:
        return await self._pool.fetchval(
            "INSERT INTO statement_imports (iban, line_count) VALUES ($1, $2) RETURNING id", iban, count)

    async def balance(self, iban: str) -> int:
        return await self._pool.fetchval("SELECT coalesce(sum(amount), 0) FROM statement_lines WHERE iban = $1",
                                         iban)
