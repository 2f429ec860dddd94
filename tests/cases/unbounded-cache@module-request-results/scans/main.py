from typing import Any

from fastapi import FastAPI

from scans import latest

app = FastAPI()


@app.post("/scans")
async def post_scans(body: list[Any]) -> dict:
    return {"stored": await latest.record_scans(body)}


@app.get("/devices/{device_id}/latest")
async def device_latest(device_id: str) -> dict:
    return latest.latest_for(device_id) or {}


@app.post("/tickets/{ticket}")
async def submit(ticket: str, body: dict) -> dict:
    await latest.submit(ticket, body)
    return {"ok": True}


@app.post("/tickets/{ticket}/claim")
async def claim(ticket: str) -> dict:
    return latest.claim(ticket) or {}


@app.post("/rates/{base}")
async def post_rates(base: str, body: dict) -> dict:
    await latest.refresh_rates(base, body)
    return latest.rates_for(base) or {}
