import importlib
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware.base import BaseHTTPMiddleware

from svc.api import api_router
from svc.config import settings
from svc.db import Database
from svc.plugins import extra, reports
from svc.sub import sub_app

OPTIONAL_ROUTERS = (reports.router,)


class TimingMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        return await call_next(request)


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.db = Database()
    yield


async def ping() -> dict:
    return {"pong": True}


async def raw_socket(websocket) -> None:
    await websocket.accept()


def handle_key_error(request: Request, exc: KeyError):
    return None


def register_plugins(app: FastAPI, names: list[str]) -> None:
    for name in names:
        module = importlib.import_module(f"svc.plugins.{name}")
        app.include_router(getattr(module, "router"))


def create_app() -> FastAPI:
    app = FastAPI(lifespan=lifespan)
    app.add_middleware(CORSMiddleware, allow_origins=["*"])
    app.add_middleware(TimingMiddleware)
    app.include_router(api_router, prefix=settings.API_PREFIX)
    app.add_api_route("/ping", ping, methods=["GET", "HEAD"])
    app.add_websocket_route("/ws/raw", raw_socket)
    app.mount("/sub", sub_app)
    app.add_exception_handler(KeyError, handle_key_error)

    @app.middleware("http")
    async def add_header(request: Request, call_next):
        return await call_next(request)

    @app.exception_handler(ValueError)
    async def value_error(request: Request, exc: ValueError):
        return None

    @app.on_event("shutdown")
    async def close_all() -> None:
        return None

    @app.get("/health")
    async def health() -> dict:
        return {"ok": True}

    for router in [extra.router]:
        app.include_router(router)
    for optional in OPTIONAL_ROUTERS:
        app.include_router(optional, prefix="/opt")
    register_plugins(app, ["legacy"])
    return app


app = create_app()
