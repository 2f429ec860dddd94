"""Closing the books: the connection is lent to the query helpers."""
import asyncpg

from ledger import repo


class Ledger:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._held: asyncpg.Connection | None = None

    async def close_day(self) -> int:
        conn = await self._pool.acquire(timeout=5.0)  # expect: connection-management
        rows = await repo.open_entries(conn, 500)
        await repo.close_entries(conn, [r["id"] for r in rows])
        await self._pool.release(conn)
        return len(rows)

    async def close_day_safely(self) -> int:
        conn = await self._pool.acquire(timeout=5.0)
        try:
            rows = await repo.open_entries(conn, 500)
            await repo.close_entries(conn, [r["id"] for r in rows])
        finally:
            await self._pool.release(conn)
        return len(rows)

    async def reserve(self) -> asyncpg.Connection:
        conn = await self._pool.acquire(timeout=5.0)
        try:
            await repo.open_entries(conn, 1)
        except Exception:
            await self._pool.release(conn)
            raise
        return conn

    async def lease(self) -> "Lease":
        conn = await self._pool.acquire(timeout=5.0)
        try:
            await repo.open_entries(conn, 1)
            return Lease(conn)
        except BaseException:
            await self._pool.release(conn)
            raise

    async def lease_on_value_errors(self) -> "Lease":
        conn = await self._pool.acquire(timeout=5.0)  # expect: connection-management
        try:
            await repo.open_entries(conn, 1)
            return Lease(conn)
        except ValueError:
            await self._pool.release(conn)
            raise


class Lease:
    """Holds the connection until the caller gives it back."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
