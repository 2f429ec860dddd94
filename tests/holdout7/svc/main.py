from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc.api import admin, certificates, courses, enrolments, payments, quizzes, videos
from svc.chat import classroom, live
from svc.clients.recommender import close_clients
from svc.clients.transcoder import transcoder
from svc.data.db import dispose_engine
from svc.data.errors import DomainError
from svc.data.redis_store import close_redis
from svc.ops import health
from svc.workers.scheduler import Scheduler

log = logging.getLogger("svc")


@asynccontextmanager
async def lifespan(app: FastAPI):
    scheduler = Scheduler()
    await transcoder.start()
    await live.hub.start()
    scheduler.start()
    try:
        yield
    finally:
        await scheduler.stop()
        await live.hub.stop()
        await transcoder.close()
        await close_clients()
        await close_redis()
        await dispose_engine()


app = FastAPI(title="edu-platform", lifespan=lifespan)


@app.exception_handler(DomainError)
async def domain_error_handler(request: Request, exc: DomainError) -> JSONResponse:
    log.info("domain error", extra={"path": request.url.path, "error": type(exc).__name__})
    return JSONResponse(status_code=exc.status_code, content={"detail": str(exc)})


for module in (admin, certificates, courses, enrolments, payments, quizzes, videos, classroom, live, health):
    app.include_router(module.router)
