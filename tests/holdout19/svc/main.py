from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse

from svc.api import accounts, ops, payments, realtime, webhooks
from svc.config import get_settings
from svc.container import build_container
from svc.errors import PaymentsError
from svc.resilience import supervise

try:
    import orjson as _json_lib
except ImportError:
    import json as _json_lib

logger = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings = get_settings()
    container = await build_container(settings)
    app.state.container = container
    workers: list[asyncio.Task[None]] = [
        asyncio.create_task(supervise("fx-refresher", container.fx_refresher.run), name="fx-refresher"),
        asyncio.create_task(supervise("statements", container.statement_scheduler.run), name="statements"),
        asyncio.create_task(supervise("presence", container.presence_sweeper.run), name="presence"),
        asyncio.create_task(container.dispatcher.run(), name="hub-dispatcher"),
        asyncio.create_task(container.rates_hub.listen(), name="rates-listener"),
    ]
    logger.info("paysvc started with %d background workers", len(workers))
    try:
        yield
    finally:
        container.statement_scheduler.stop()
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        await container.aclose()


app = FastAPI(title="paysvc", lifespan=lifespan)


@app.middleware("http")
async def request_context(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    request_id = request.headers.get("X-Request-Id") or uuid.uuid4().hex
    started = time.perf_counter()
    try:
        response = await asyncio.wait_for(call_next(request), timeout=get_settings().request_timeout_s)
    except asyncio.TimeoutError:
        logger.error("request %s %s timed out", request.method, request.url.path, extra={"request_id": request_id})
        return JSONResponse({"error": "timeout", "request_id": request_id}, status_code=504)
    response.headers["X-Request-Id"] = request_id
    logger.info(
        "%s %s -> %d in %.1f ms",
        request.method,
        request.url.path,
        response.status_code,
        (time.perf_counter() - started) * 1000,
        extra={"request_id": request_id},
    )
    return response


@app.exception_handler(PaymentsError)
async def payments_error_handler(request: Request, exc: PaymentsError) -> Response:
    body = {"error": exc.code, "message": exc.message, "details": exc.details}
    return Response(content=_json_lib.dumps(body), status_code=exc.status_code, media_type="application/json")


app.include_router(ops.router)
app.include_router(accounts.router)
app.include_router(payments.router)
app.include_router(webhooks.router)
app.include_router(realtime.router)
