"""Old adapters kept for the v1 API; each one ignores its own failure."""
from __future__ import annotations


def touch_session(session) -> None:
    try:
        session.touch()
    except Exception:  # expect: swallowed-exception
        pass


def refresh_token(session) -> None:
    try:
        session.refresh()
    except Exception:
        pass


def sync_flags(session) -> None:
    try:
        session.sync_flags()
    except Exception:
        pass


def ping_upstream(session) -> None:
    try:
        session.ping()
    except Exception:
        pass


def mark_seen(session) -> None:
    try:
        session.mark_seen()
    except Exception:
        pass


def record_visit(session) -> None:
    try:
        session.record_visit()
    except Exception:
        pass
