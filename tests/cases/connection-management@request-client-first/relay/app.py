"""Webhook relay: each event is forwarded to the subscriber's endpoint."""
import httpx
from fastapi import FastAPI

app = FastAPI()


async def forward(url: str, event: dict) -> int:
    async with httpx.AsyncClient(timeout=5.0) as client:  # expect: connection-management
        resp = await client.post(url, json=event)
        return resp.status_code


@app.post("/events")
async def relay(event: dict) -> dict:
    status = await forward(event["target"], event)
    return {"status": status}
