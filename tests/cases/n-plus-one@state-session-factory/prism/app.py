from __future__ import annotations

from fastapi import FastAPI

from .sessions import DbSessionFactory
from .routes import router


def create_app(db: DbSessionFactory) -> FastAPI:
    app = FastAPI()
    app.include_router(router)
    app.state.db = db
    return app
