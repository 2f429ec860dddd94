"""A read replica store, built anew by whoever asks for one."""
from __future__ import annotations

from sqlalchemy import create_engine, text

REPLICA_URL = "postgresql+psycopg://atlas@replica/vectors"


class ReplicaStore:
    def __init__(self) -> None:
        self.engine = create_engine(REPLICA_URL, pool_size=2)  # expect: connection-management

    def count(self, collection: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM items WHERE collection = :c"), {"c": collection}).scalar()
