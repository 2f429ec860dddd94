"""Ledger queries, shared by the API and the workers."""
from sqlalchemy import text
from sqlalchemy.orm import Session


def balance(session: Session, account: str) -> int:
    return session.execute(text("SELECT coalesce(sum(amount), 0) FROM entries WHERE account = :a"),
                           {"a": account}).scalar_one()


def settle(session: Session, day: str) -> int:
    result = session.execute(text("UPDATE entries SET settled = true WHERE day = :d AND NOT settled"), {"d": day})
    session.commit()
    return result.rowcount
