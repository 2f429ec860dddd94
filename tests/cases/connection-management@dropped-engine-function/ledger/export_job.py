"""Nightly export of ledger lines, run by the scheduler each period."""
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

ACCOUNTS_DSN = "postgresql+asyncpg://ledger@db/accounts"


async def _export_lines() -> int:
    engine = create_async_engine(ACCOUNTS_DSN, pool_size=5)  # expect: connection-management
    async with AsyncSession(engine) as session:
        return int((await session.execute(text("SELECT count(*) FROM lines"))).scalar_one())


async def _export_totals() -> int:
    engine = create_async_engine(ACCOUNTS_DSN, pool_size=1)
    try:
        async with engine.connect() as conn:
            return int((await conn.execute(text("SELECT sum(amount) FROM lines"))).scalar_one())
    finally:
        await engine.dispose()


def accounts_engine() -> AsyncEngine:
    engine = create_async_engine(ACCOUNTS_DSN, pool_size=5)
    return engine


def accounts_sessions() -> tuple[AsyncEngine, async_sessionmaker[AsyncSession]]:
    engine = create_async_engine(ACCOUNTS_DSN, pool_size=5)
    return engine, async_sessionmaker(engine)


async def run_export() -> int:
    engine, _sessions = accounts_sessions()
    try:
        return await _export_lines() + await _export_totals()
    finally:
        await engine.dispose()
