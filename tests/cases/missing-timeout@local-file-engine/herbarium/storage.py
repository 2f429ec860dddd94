"""Engines of a herbarium catalogue: a local SQLite file on the desk build, Postgres in the lab."""
from __future__ import annotations

from typing import Callable

import aiosqlite
from sqlalchemy import URL
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool


def file_connector(path: str, *, read_only: bool = False) -> Callable[[], aiosqlite.Connection]:
    def open_file() -> aiosqlite.Connection:
        mode = "ro" if read_only else "rwc"
        return aiosqlite.connect(f"file:{path}?mode={mode}", uri=True)

    return open_file


def desk_engine(url: URL, path: str) -> AsyncEngine:
    # one writer at a time; later writers queue behind it rather than fail
    return create_async_engine(
        url,
        async_creator=file_connector(path),
        poolclass=AsyncAdaptedQueuePool,
        pool_size=1,
        max_overflow=0,
        pool_timeout=None,
    )


def scratch_engine() -> AsyncEngine:
    return create_async_engine("sqlite+aiosqlite:///scratch.db", pool_timeout=None)


def lab_engine(url: URL) -> AsyncEngine:
    return create_async_engine(
        url,
        pool_size=20,
        pool_timeout=None,  # expect: missing-timeout
    )
