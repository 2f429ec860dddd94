"""A vector store on Postgres: its engine is built when the store is."""
from __future__ import annotations

from sqlalchemy import create_engine, text

STORE_URL = "postgresql+psycopg://atlas@db/vectors"


class PostgresStore:
    def __init__(self) -> None:
        self.engine = create_engine(STORE_URL, pool_size=5, pool_pre_ping=True)

    def search(self, collection: str, limit: int) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, doc FROM items WHERE collection = :c LIMIT :n"),
                                {"c": collection, "n": limit})
            return [dict(r._mapping) for r in rows]

    def close(self) -> None:
        self.engine.dispose()
