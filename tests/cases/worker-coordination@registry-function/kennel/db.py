"""The kennel's Postgres pool."""
import asyncpg


async def open_pool() -> asyncpg.Pool:
    return await asyncpg.create_pool("postgresql://kennel@db/kennel", command_timeout=10)
