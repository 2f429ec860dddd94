"""Wiring: the audit flushers start with the application."""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from ledger.buffer import AuditBuffer


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://localhost/ledger")
    app.state.audit = AuditBuffer(pool)
    tasks = [asyncio.create_task(app.state.audit.flush_forever(2.0)),
             asyncio.create_task(app.state.audit.flush_marked_forever(5.0))]
    yield
    for task in tasks:
        task.cancel()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/audit")
async def record(actor: str, action: str) -> dict:
    app.state.audit.add(actor, action)
    return {"queued": True}
