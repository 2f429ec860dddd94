"""Outbox service: both senders are started through the registry."""
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from outbox.delivery import ReceiptSender, WebhookSender
from outbox.tasks import registry


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(base_url="https://partner.example.com", timeout=10.0)
    app.state.webhooks = WebhookSender(client)
    app.state.receipts = ReceiptSender(client)
    registry.spawn(app.state.webhooks.run(), name="webhooks")
    registry.spawn(app.state.receipts.run(), name="receipts")
    yield
    registry.cancel_all()
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/events")
async def event(payload: dict, request: Request) -> dict:
    request.app.state.webhooks.queue.put_nowait(payload)
    return {"queued": True}
