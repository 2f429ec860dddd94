import asyncpg

pool: asyncpg.Pool | None = None


async def connect(dsn: str) -> None:
    global pool
    pool = await asyncpg.create_pool(dsn, command_timeout=10)


async def run(sql: str, *args) -> None:
    await pool.execute(sql, *args)


class LabelStore:
    async def mark(self, label_id: int, state: str) -> None:
        await run("UPDATE labels SET state = $2 WHERE id = $1", label_id, state)
