"""Routes sharing the process's notifier."""
from __future__ import annotations

import httpx
from fastapi import FastAPI

from hub.service import Notifier

notifier = Notifier(httpx.AsyncClient(timeout=5.0))


app = FastAPI()


@app.get("/users/{user_id}/profile")
async def profile(user_id: str) -> dict:
    return await notifier.profile(user_id)


@app.post("/messages")
async def enqueue(message: dict) -> dict:
    notifier.queue(message)
    notifier.send_later(str(message.get("id")), message)
    return {"sent": await notifier.flush()}


@app.post("/admin/shutdown")
async def shutdown() -> dict:
    """Called once by the orchestrator's pre-stop hook before the pod is killed."""
    await notifier.shutdown()
    return {"stopping": True}
