"""Labels kept with asyncpg: a transaction alone does not make check-then-insert atomic."""


async def ensure_label(pool, name: str) -> None:
    async with pool.acquire() as conn:
        async with conn.transaction():
            row = await conn.fetchrow("SELECT id FROM labels WHERE name = $1", name)  # expect: race-condition
            if row is None:
                await conn.execute("INSERT INTO labels (name) VALUES ($1)", name)


async def ensure_label_serializable(pool, name: str) -> None:
    async with pool.acquire() as conn:
        async with conn.transaction(isolation="serializable"):
            row = await conn.fetchrow("SELECT id FROM labels WHERE name = $1", name)
            if row is None:
                await conn.execute("INSERT INTO labels (name) VALUES ($1)", name)


async def rename_label(pool, label_id: int, name: str) -> None:
    async with pool.acquire() as conn:
        row = await conn.fetchrow("SELECT id FROM labels WHERE id = $1", label_id)
        if row is None:
            raise LookupError(label_id)
        await conn.execute("INSERT INTO label_history (label_id, name) VALUES ($1, $2)", label_id, name)
        await conn.execute("UPDATE labels SET name = $2 WHERE id = $1", label_id, name)
