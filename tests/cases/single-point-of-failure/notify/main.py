from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI

from notify.broker import publisher

OUTBOX: list[dict[str, Any]] = []


@asynccontextmanager
async def lifespan(app: FastAPI):
    await publisher.start()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/notifications")
async def notify(user_id: int, text: str) -> dict[str, bool]:
    await publisher.publish({"user": user_id, "text": text})
    return {"queued": True}


@app.post("/notifications/bulk")
async def notify_many(user_ids: list[int], text: str) -> dict[str, int]:
    sent = [await publisher.publish_or_keep({"user": u, "text": text}, OUTBOX) for u in user_ids]
    return {"sent": sum(sent), "kept": len(sent) - sum(sent)}
