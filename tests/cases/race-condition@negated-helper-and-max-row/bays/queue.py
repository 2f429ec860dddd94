"""Queue positions per branch, with asyncpg."""
import asyncpg


async def enqueue(pool: asyncpg.Pool, branch_id: int, ticket_id: int) -> int:
    async with pool.acquire() as conn:
        row = await conn.fetchrow(  # expect: race-condition
            "SELECT COALESCE(MAX(position), 0) AS pos FROM waiting WHERE branch_id = $1", branch_id)
        return await conn.fetchval(
            "INSERT INTO waiting (ticket_id, branch_id, position) VALUES ($1, $2, $3) RETURNING id",
            ticket_id,
            branch_id,
            row["pos"] + 1,
        )


async def enqueue_sequenced(pool: asyncpg.Pool, branch_id: int, ticket_id: int) -> int:
    async with pool.acquire() as conn:
        row = await conn.fetchrow("SELECT COALESCE(MAX(position), 0) AS pos FROM waiting WHERE branch_id = $1",
                                  branch_id)
        print("queue length", row["pos"])
        return await conn.fetchval(
            "INSERT INTO waiting (ticket_id, branch_id, position) VALUES ($1, $2, nextval('waiting_pos')) "
            "RETURNING id",
            ticket_id,
            branch_id,
        )
