"""Synchronous engine used by the threadpool endpoints and the CLI workers."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from readroom.settings import get_settings

_settings = get_settings()

sync_engine = create_engine(
    _settings.sync_database_url,
    pool_size=10,
    max_overflow=5,
    pool_pre_ping=True,
)

SyncSessionLocal = sessionmaker(bind=sync_engine, expire_on_commit=False, class_=Session)


@contextmanager
def sync_session_scope() -> Iterator[Session]:
    session = SyncSessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def get_sync_session() -> Iterator[Session]:
    session = SyncSessionLocal()
    try:
        yield session
    finally:
        session.close()
