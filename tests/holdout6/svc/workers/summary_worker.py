"""Separate worker process: renders queued visit summaries and emails them to patients.

Run with: python -m svc.workers.summary_worker
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from svc.cache.redis_client import redis
from svc.clients.email import send_with_attachment
from svc.config import get_settings
from svc.db.base import SessionLocal
from svc.logging_setup import configure_logging
from svc.services.summaries import SummaryService

logger = logging.getLogger(__name__)

QUEUE_KEY = "summaries:pending"


class SummaryWorker:
    def __init__(self, batch_size: int = 20) -> None:
        self._batch_size = batch_size
        self._settings = get_settings()

    async def run(self) -> None:
        backoff = 1.0
        while True:
            try:
                batch = await self._take_batch()
                await self._process(batch)
                backoff = 1.0
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("summary batch failed, retrying in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 120.0)

    async def _take_batch(self) -> deque[dict]:
        batch: deque[dict] = deque()
        first = await redis.blpop([QUEUE_KEY], timeout=5)
        if first is None:
            return batch
        batch.append(json.loads(first[1]))
        while len(batch) < self._batch_size:
            raw = await redis.lpop(QUEUE_KEY)
            if raw is None:
                break
            batch.append(json.loads(raw))
        return batch

    async def _process(self, batch: deque[dict]) -> None:
        while batch:
            job = batch.popleft()
            async with SessionLocal() as session:
                service = SummaryService(session, self._settings)
                path = await service.generate(job["booking_id"], job["notes"], job.get("prescriptions", []))
            content = await asyncio.to_thread(_read, path)
            await send_with_attachment(
                self._settings, job["email"], "Your visit summary", "<p>Attached.</p>", "summary.pdf", content
            )


def _read(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


worker = SummaryWorker()


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.consumer = asyncio.create_task(worker.run(), name="summary-consumer")
    yield
    app.state.consumer.cancel()


health_app = FastAPI(lifespan=lifespan)


@health_app.get("/healthz")
async def worker_health() -> dict:
    return {"status": "ok"}


if __name__ == "__main__":
    configure_logging()
    uvicorn.run(health_app, host="0.0.0.0", port=8081)
