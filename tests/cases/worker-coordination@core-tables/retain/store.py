import time

from sqlalchemy import create_engine, select

from .tables import TABLES, events


class AuditStore:
    def __init__(self, url: str) -> None:
        self._engine = create_engine(url)
        self._seen: dict = {}

    def prune(self, days: int) -> int:
        cutoff = int(time.time() - days * 86400)
        with self._engine.begin() as conn:
            result = conn.execute(events.delete().where(events.c.created_at < cutoff))
            return result.rowcount

    def purge_runs(self, days: int) -> None:
        cutoff = int(time.time() - days * 86400)
        tbl = TABLES["runs"]
        stmt = tbl.delete().where(tbl.c.done_at < cutoff)
        with self._engine.begin() as conn:
            conn.execute(stmt)

    def count_old(self, days: int) -> int:
        cutoff = int(time.time() - days * 86400)
        tbl = TABLES["steps"]
        with self._engine.connect() as conn:
            rows = conn.execute(select(tbl.c.id).where(tbl.c.done_at < cutoff)).fetchall()
        self._seen.update({row[0]: cutoff for row in rows})
        return len(rows)
