"""Database engines and the session factory."""
from __future__ import annotations

import asyncio

from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ..config import get_settings

_settings = get_settings()

engine = create_async_engine(
    _settings.database_url,
    pool_size=_settings.db_pool_size,
    max_overflow=_settings.db_max_overflow,
    pool_timeout=_settings.db_pool_timeout,
    pool_pre_ping=True,
    pool_recycle=1800,
    connect_args={
        "timeout": 5,
        "command_timeout": 30,
        "server_settings": {
            "statement_timeout": str(_settings.db_statement_timeout_ms),
            "application_name": _settings.service_name,
        },
    },
)

SessionLocal = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)

# Read replica used by the CSV exports, which run in FastAPI's threadpool.
sync_engine = create_engine(
    _settings.sync_database_url,
    pool_size=3,
    max_overflow=2,
    pool_timeout=10,
    pool_pre_ping=True,
)


async def dispose_engines() -> None:
    await engine.dispose()
    await asyncio.to_thread(sync_engine.dispose)
