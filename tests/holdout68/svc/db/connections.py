"""Database connections: SQLAlchemy engine for the ORM, asyncpg pool for raw-SQL hot paths."""
from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.config import get_settings


_settings = get_settings()

engine = create_async_engine(
    _settings.database_url,
    pool_size=_settings.db_pool_size,
    max_overflow=_settings.db_max_overflow,
    pool_timeout=10,
    pool_pre_ping=True,
    pool_recycle=1800,
)

SessionLocal = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionLocal() as session:
        yield session


CHECKINS_DDL = """
CREATE TABLE IF NOT EXISTS checkins (
    id              BIGSERIAL PRIMARY KEY,
    clinic_id       INTEGER NOT NULL REFERENCES clinics(id),
    appointment_id  BIGINT NOT NULL REFERENCES appointments(id),
    pet_name        TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'waiting',
    room            TEXT,
    checked_in_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    called_at       TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_checkins_clinic_status ON checkins (clinic_id, status);
CREATE UNIQUE INDEX IF NOT EXISTS ix_checkins_appointment ON checkins (appointment_id);
"""

AUDIT_DDL = """
CREATE TABLE IF NOT EXISTS audit_events (
    id          BIGSERIAL PRIMARY KEY,
    actor       TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   BIGINT NOT NULL,
    action      TEXT NOT NULL,
    payload     JSONB,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_audit_created ON audit_events (created_at);
CREATE INDEX IF NOT EXISTS ix_audit_entity ON audit_events (entity, entity_id, created_at DESC);
"""

ALL_DDL = (CHECKINS_DDL, AUDIT_DDL)


class PgPool:
    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None

    async def open(self, dsn: str) -> None:
        self._pool = await asyncpg.create_pool(
            dsn,
            min_size=2,
            max_size=10,
            timeout=10,
            command_timeout=15,
        )
        async with self._pool.acquire(timeout=5) as conn:
            for ddl in ALL_DDL:
                await conn.execute(ddl)

    async def close(self) -> None:
        if self._pool is not None:
            await self._pool.close()

    @property
    def pool(self) -> asyncpg.Pool:
        if self._pool is None:
            raise RuntimeError("pg pool not opened")
        return self._pool


pg = PgPool()
