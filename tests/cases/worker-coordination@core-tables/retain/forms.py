import sqlalchemy
import sqlalchemy as sa
from sqlalchemy import delete

from .tables import events


def add_event(conn: sa.Connection, event_id: str, at: int) -> None:
    conn.execute(sa.insert(events).values(id=event_id, created_at=at))


def clear_events(conn: sa.Connection) -> None:
    conn.execute(sqlalchemy.delete(events))


def clear_before(conn: sa.Connection, cutoff: int | None) -> None:
    stmt = None
    if cutoff is not None:
        stmt = delete(events).where(events.c.created_at < cutoff)
    if stmt is not None:
        conn.execute(stmt)
