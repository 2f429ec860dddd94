"""The lineage store: one SQLAlchemy engine per store."""
from __future__ import annotations

from sqlalchemy import create_engine, text


class LineageStore:
    def __init__(self, url: str) -> None:
        self._engine = create_engine(url, pool_pre_ping=True)

    def record(self, event: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(text("INSERT INTO events (body) VALUES (:b)"), {"b": event})

    def close(self) -> None:
        self._engine.dispose()
