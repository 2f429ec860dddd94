"""Application status lookups."""
import asyncpg

pool: asyncpg.Pool | None = None


async def status_of(application_id: int) -> str:
    assert pool is not None
    return str(await pool.fetchval("SELECT status FROM applications WHERE id = $1", application_id, timeout=5))
