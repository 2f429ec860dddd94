"""Still fires: a route starts a process per request, and the process builds a store each time."""
from __future__ import annotations

import multiprocessing

from fastapi import APIRouter
from sqlalchemy import create_engine, text

router = APIRouter()


def _replay(url: str, since: str) -> None:
    engine = create_engine(url)  # expect: connection-management
    with engine.begin() as conn:
        conn.execute(text("SELECT * FROM events WHERE at > :s"), {"s": since})


@router.post("/replay")
def replay(url: str, since: str) -> dict:
    multiprocessing.Process(target=_replay, args=(url, since)).start()
    return {"started": True}
