"""HTTP routes, registered from a list of routers."""
from __future__ import annotations

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import JSONResponse

from .db.interface import Database, get_database

probes = APIRouter(tags=["probes"])
ledger = APIRouter(prefix="/ledger")


@probes.get("/ready")
async def ready(db: Database = Depends(get_database)) -> JSONResponse:
    ok = await db.reachable()
    return JSONResponse({"database": ok}, status_code=200 if ok else 503)


@probes.get("/health")
async def health() -> dict:
    return {"status": "ok"}  # expect: health-check-gap


@ledger.get("/{account}/entries")
async def entries(account: str, db: Database = Depends(get_database)) -> list[dict]:
    return await db.entries(account)


ROUTERS = (probes, ledger)


def create_app() -> FastAPI:
    app = FastAPI()
    for router in ROUTERS:
        app.include_router(router)
    return app


app = create_app()
