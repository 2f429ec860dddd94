"""The raw asyncpg pool for the hot push-job tables."""
import asyncpg

_pool: asyncpg.Pool | None = None


async def open_pool(dsn: str) -> asyncpg.Pool:
    global _pool
    _pool = await asyncpg.create_pool(dsn, timeout=10, command_timeout=30)
    return _pool


def get_pool() -> asyncpg.Pool:
    if _pool is None:
        raise RuntimeError("pool not opened")
    return _pool


async def acquire_conn() -> asyncpg.Connection:
    """Check out a connection; callers give it back with release_conn."""
    return await get_pool().acquire(timeout=5)


async def release_conn(conn: asyncpg.Connection) -> None:
    await get_pool().release(conn)
