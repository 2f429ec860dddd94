"""Parcels API."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from parcels.carrier import CarrierClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.carrier = CarrierClient("https://api.carrier.example")
    yield
    await app.state.carrier.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/shipments")
async def book(booking: dict, request: Request) -> dict:
    return await request.app.state.carrier.book(booking, booking["order_id"])


@app.get("/shipments/{reference}/events")
async def events(reference: str, request: Request) -> list[dict]:
    return await request.app.state.carrier.events(reference)


@app.get("/shipments/{reference}/label")
async def label(reference: str, request: Request) -> bytes:
    return await request.app.state.carrier.label(reference)


@app.delete("/shipments/{reference}")
async def cancel(reference: str, request: Request) -> None:
    await request.app.state.carrier.cancel(reference)
