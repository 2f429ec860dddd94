"""Tracking API."""
from fastapi import FastAPI

from tracking.carriers import NorthlineClient, SwiftClient
from tracking.service import TrackingService

app = FastAPI()
service = TrackingService({"northline": NorthlineClient(), "swift": SwiftClient()})


@app.get("/track/{carrier}/{reference}")
async def track(carrier: str, reference: str) -> dict:
    return await service.public_page(carrier, reference)


@app.get("/merchant/track/{carrier}/{reference}")
async def merchant_track(carrier: str, reference: str) -> dict:
    return await service.merchant_page(carrier, reference)
