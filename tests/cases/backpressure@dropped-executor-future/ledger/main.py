"""Audit writes handed to the default thread pool from a request middleware."""
from __future__ import annotations

import asyncio
import logging
import sqlite3

from fastapi import FastAPI, Request

app = FastAPI()
log = logging.getLogger(__name__)


def _write_audit(path: str, status: int) -> None:
    with sqlite3.connect("audit.db") as db:
        db.execute("INSERT INTO audit (path, status) VALUES (?, ?)", (path, status))


def _write_audit_logged(path: str, status: int) -> None:
    db = sqlite3.connect("audit.db")
    try:
        db.execute("INSERT INTO audit (path, status) VALUES (?, ?)", (path, status))
        db.commit()
    except Exception:
        log.exception("audit write failed")
    finally:
        db.close()


def _on_done(future: asyncio.Future) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("audit write failed", exc_info=future.exception())


@app.middleware("http")
async def audit(request: Request, call_next):
    response = await call_next(request)
    asyncio.get_running_loop().run_in_executor(None, _write_audit, request.url.path, response.status_code)  # expect: backpressure
    return response


@app.middleware("http")
async def audit_logged(request: Request, call_next):
    response = await call_next(request)
    asyncio.get_running_loop().run_in_executor(None, _write_audit_logged, request.url.path, response.status_code)
    return response


@app.middleware("http")
async def audit_awaited(request: Request, call_next):
    response = await call_next(request)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, _write_audit, request.url.path, response.status_code)
    future = loop.run_in_executor(None, _write_audit, "/kept", 200)
    future.add_done_callback(_on_done)
    kept = loop.run_in_executor(None, _write_audit, "/later", 200)
    await kept
    return response
