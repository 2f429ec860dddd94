"""Entry point of the worker process: `python -m svc.workers.runner`."""
from __future__ import annotations

import asyncio
import logging

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from svc.config import settings
from svc.db.pg import close_pool, open_pool
from svc.logging_setup import configure_logging
from svc.services.webhooks import WebhookDispatcher
from svc.workers.outbox import OutboxWorker

log = logging.getLogger(__name__)


async def health(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok", "worker": "outbox"})


health_app = Starlette(routes=[Route("/health", health)])


async def main() -> None:
    configure_logging()
    pool = await open_pool()
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0), limits=httpx.Limits(max_connections=100))
    worker = OutboxWorker(pool, WebhookDispatcher(http))
    worker_task = asyncio.create_task(worker.run(), name="outbox")
    server = uvicorn.Server(uvicorn.Config(health_app, host="0.0.0.0", port=settings.worker_health_port,
                                           log_level="warning"))
    try:
        await server.serve()
    finally:
        worker_task.cancel()
        await asyncio.gather(worker_task, return_exceptions=True)
        await http.aclose()
        await close_pool()


if __name__ == "__main__":
    asyncio.run(main())
