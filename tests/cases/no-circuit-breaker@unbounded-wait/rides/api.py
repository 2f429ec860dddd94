"""Ride request API."""
from __future__ import annotations

from fastapi import FastAPI, HTTPException

from .clients import addresses, lookup_once, risk

app = FastAPI()


@app.post("/rides")
async def request_ride(rider_id: int, pickup: str) -> dict[str, str]:
    if await risk.score(rider_id) > 0.9:
        raise HTTPException(403, "ride request declined")
    return {"pickup": await addresses.normalise(pickup)}


@app.get("/places")
async def place(q: str) -> dict[str, str]:
    return {"address": await lookup_once("https://places.example", q)}
