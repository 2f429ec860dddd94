"""Application wiring: requests submit events, workers deliver them."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from relay.outbound import AuditClient, HookClient, PagerClient, StatusClient
from relay.workers import AuditShipper, Deliverer, watch_status


@asynccontextmanager
async def lifespan(app: FastAPI):
    deliverer = Deliverer(HookClient(), PagerClient())
    shipper = AuditShipper(AuditClient())
    app.state.deliverer = deliverer
    app.state.shipper = shipper
    tasks = [
        asyncio.create_task(deliverer.run()),
        asyncio.create_task(shipper.run()),
        asyncio.create_task(watch_status(StatusClient())),
    ]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/events")
async def publish(event: dict, request: Request) -> dict:
    request.app.state.deliverer.submit(event)
    request.app.state.shipper.submit(event)
    return {"queued": True}
