from __future__ import annotations

import os
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, status
from fastapi.responses import JSONResponse

from depot import db, lifecycle

VERBOSE = os.environ.get("PROBE_VERBOSE") == "1"


@asynccontextmanager
async def lifespan(app: FastAPI):
    lifecycle.mark("serving")
    yield
    lifecycle.mark("stopping")


app = FastAPI(lifespan=lifespan)


@app.get("/ready")
async def ready():
    current = lifecycle.stage()
    if current == "stopping":
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "draining")
    if current != "serving":
        return JSONResponse({"stage": current}, status_code=503)
    return {"stage": current}


@app.get("/status")
async def service_status():
    if VERBOSE:
        return JSONResponse({"status": "ok", "stage": lifecycle.stage()}, status_code=200)
    return {"status": "ok"}  # expect: health-check-gap


@app.get("/parcels/count")
async def parcels() -> dict[str, int]:
    return {"count": await db.parcel_count()}
