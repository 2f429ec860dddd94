"""Webhook receiver: provider events, deduplicated in redis."""
from contextlib import asynccontextmanager

import redis.asyncio as redis
from fastapi import FastAPI, Request

from hooks.services.events import EventService


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = redis.Redis(host="redis", decode_responses=True)
    app.state.events = EventService(client)
    yield
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/webhooks/provider")
async def provider_webhook(request: Request) -> dict[str, bool]:
    event = await request.json()
    events: EventService = request.app.state.events
    await events.handle(event["id"], event)
    await events.handle_claimed(event["id"], event)
    await events.refund_once(event["id"], event)
    await events.profile(event["account"])
    await events.touch(event["account"])
    return {"ok": True}
