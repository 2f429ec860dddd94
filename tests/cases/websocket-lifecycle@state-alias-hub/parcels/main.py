"""Parcels API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from parcels.ws.hub import ParcelHub
from parcels.ws.routes import router


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.parcel_hub = ParcelHub()
    yield


app = FastAPI(lifespan=lifespan)
app.include_router(router)


@app.post("/parcels/{parcel_id}/scan")
async def scan(parcel_id: str, request: Request) -> dict[str, bool]:
    await request.app.state.parcel_hub.publish(parcel_id, {"parcel": parcel_id, "scanned": True})
    return {"ok": True}
