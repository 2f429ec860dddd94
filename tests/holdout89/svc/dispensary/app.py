from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from dispensary import __version__
from dispensary.errors import install_error_handlers
from dispensary.lifespan import lifespan
from dispensary.middleware.rate_limit import RateLimitMiddleware
from dispensary.middleware.request_id import RequestIdMiddleware
from dispensary.routers import (
    claims,
    dispensing,
    exchange_callbacks,
    health,
    patients,
    prescriptions,
    reports,
    stock,
    ws_chat,
    ws_queue,
)
from dispensary.settings import get_settings


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="dispensary", version=__version__, lifespan=lifespan)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_methods=["GET", "POST", "PUT"],
        allow_headers=["Authorization", "Content-Type", "X-Request-Id"],
    )
    app.add_middleware(RateLimitMiddleware, per_minute=120)
    app.add_middleware(RequestIdMiddleware)
    install_error_handlers(app)
    for module in (
        health,
        prescriptions,
        exchange_callbacks,
        patients,
        stock,
        dispensing,
        claims,
        reports,
        ws_queue,
        ws_chat,
    ):
        app.include_router(module.router)
    return app


app = create_app()
