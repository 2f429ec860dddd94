"""The served application: built by a factory that wires the routers in and mounts the back office."""
from contextlib import asynccontextmanager

from fastapi import FastAPI

from .admin.app import admin
from .api.views import router


@asynccontextmanager
async def lifespan(app: FastAPI):
    yield


def get_app() -> FastAPI:
    app = FastAPI(title="svc", lifespan=lifespan)  # expect: metrics-gap
    app.include_router(router, prefix="/api")
    app.mount("/admin", admin)
    return app
