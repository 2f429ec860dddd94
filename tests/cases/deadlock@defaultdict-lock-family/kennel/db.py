import asyncpg

_pool: asyncpg.Pool | None = None


def pool() -> asyncpg.Pool:
    assert _pool is not None
    return _pool
