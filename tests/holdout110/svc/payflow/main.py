from __future__ import annotations

import time
import uuid

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from payflow import __version__
from payflow.api import auth, clock, companies, documents, employees, health, payouts, payruns, reports, timesheets
from payflow.errors import PayflowError
from payflow.lifespan import lifespan
from payflow.ws import kiosk_feed, payrun_progress

log = structlog.get_logger(__name__)


def create_app() -> FastAPI:
    app = FastAPI(title="Payflow", version=__version__, lifespan=lifespan)

    @app.middleware("http")
    async def request_context(request: Request, call_next):
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        structlog.contextvars.bind_contextvars(request_id=request_id, path=request.url.path)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        finally:
            structlog.contextvars.clear_contextvars()
        response.headers["X-Request-ID"] = request_id
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    @app.exception_handler(PayflowError)
    async def payflow_error(_: Request, exc: PayflowError) -> JSONResponse:
        return JSONResponse(
            {"code": exc.code, "message": exc.message, "details": exc.details}, status_code=exc.status_code
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"code": "validation_error", "message": "invalid request", "details": {"errors": exc.errors()}}, status_code=422)

    @app.exception_handler(Exception)
    async def unhandled(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled_error", method=request.method)
        return JSONResponse({"code": "internal_error", "message": "internal server error"}, status_code=500)

    for module in (health, auth, companies, employees, clock, timesheets, payruns, payouts, documents, reports):
        app.include_router(module.router)
    app.include_router(payrun_progress.router)
    app.include_router(kiosk_feed.router)
    return app


app = create_app()
