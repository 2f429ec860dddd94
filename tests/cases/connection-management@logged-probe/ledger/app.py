"""A ledger service that checks its database when a route asks for a fresh engine."""
from __future__ import annotations

import logging

from fastapi import FastAPI
from sqlalchemy import create_engine, text

logger = logging.getLogger(__name__)
app = FastAPI()


def fresh_engine(url: str):
    engine = create_engine(url, pool_pre_ping=True)
    try:
        # only a log line between taking and giving back: no error path to leak on
        probe = engine.connect()
        logger.info("database reachable at %s", url)
        probe.close()
    except Exception as exc:
        logger.error("database unreachable: %s", exc)
    return engine


def balance_engine(url: str):
    engine = create_engine(url)
    probe = engine.connect()  # expect: connection-management
    probe.execute(text("SELECT 1"))
    probe.close()
    return engine


@app.get("/health/{name}")
def health(name: str) -> dict:
    fresh_engine(f"postgresql://db/{name}")  # expect: connection-management
    balance_engine(f"postgresql://db/{name}")  # expect: connection-management
    return {"ok": True}
