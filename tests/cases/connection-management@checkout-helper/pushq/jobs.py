"""Push jobs: claimed, retried and reported on the raw pool."""
import asyncpg

from pushq.db import acquire_conn, release_conn


class JobRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def _checkout(self) -> asyncpg.Connection:
        conn = await self._pool.acquire(timeout=5)  # expect: connection-management
        await conn.execute("SET statement_timeout = '5s'")
        return conn

    async def _checkout_guarded(self) -> asyncpg.Connection:
        conn = await self._pool.acquire(timeout=5)
        try:
            await conn.execute("SET statement_timeout = '5s'")
        except BaseException:
            await self._pool.release(conn)
            raise
        return conn

    async def reschedule(self, job_id: int, error: str) -> None:
        conn = await self._checkout_guarded()  # expect: connection-management
        await conn.execute("UPDATE push_jobs SET status = 'pending', last_error = $2 WHERE id = $1", job_id, error)
        await self._pool.release(conn)

    async def fail(self, job_id: int, error: str) -> None:
        conn = await self._checkout_guarded()
        try:
            await conn.execute("UPDATE push_jobs SET status = 'failed', last_error = $2 WHERE id = $1", job_id, error)
        finally:
            await self._pool.release(conn)

    async def pending_nodes(self, zone_id: int) -> list[str]:
        conn = await self._checkout()
        try:
            rows = await conn.fetch("SELECT DISTINCT node FROM push_jobs WHERE zone_id = $1", zone_id)
        finally:
            await self._pool.release(conn)
        return [r["node"] for r in rows]


async def attempts_of(job_id: int) -> int:
    conn = await acquire_conn()  # expect: connection-management
    count = await conn.fetchval("SELECT attempts FROM push_jobs WHERE id = $1", job_id)
    await release_conn(conn)
    return count


async def last_error_of(job_id: int) -> str | None:
    conn = await acquire_conn()
    try:
        return await conn.fetchval("SELECT last_error FROM push_jobs WHERE id = $1", job_id)
    finally:
        await release_conn(conn)
