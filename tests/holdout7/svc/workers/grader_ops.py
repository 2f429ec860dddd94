from __future__ import annotations

import asyncio
import logging

from fastapi import FastAPI

from svc.services.grading import queue_depth
from svc.workers.grader import run_grader

log = logging.getLogger(__name__)

app = FastAPI(title="grader")
_grader_task: asyncio.Task | None = None


@app.on_event("startup")
async def start_grader() -> None:
    global _grader_task
    _grader_task = asyncio.create_task(run_grader())


@app.get("/ready")
async def grader_ready() -> dict:
    return {"status": "ok"}


@app.get("/metrics/queue")
async def grader_queue() -> dict:
    return {"pending": await queue_depth()}
