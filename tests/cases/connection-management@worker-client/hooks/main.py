"""Requests queue events; supervised workers deliver them."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from hooks.delivery import ChatRelay, Dispatcher, WebhookSender
from hooks.supervisor import supervise


@asynccontextmanager
async def lifespan(app: FastAPI):
    dispatcher = Dispatcher(WebhookSender(timeout=10))
    relay = ChatRelay()
    app.state.dispatcher = dispatcher
    app.state.relay = relay
    tasks = [
        asyncio.create_task(supervise("webhooks", dispatcher.run)),
        asyncio.create_task(supervise("chat", relay.run)),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/events")
async def publish(event: dict, request: Request) -> dict:
    request.app.state.dispatcher.enqueue(event)
    request.app.state.relay.enqueue(event.get("summary", ""))
    return {"queued": True}
