from contextlib import asynccontextmanager

import asyncpg
from fastapi import FastAPI

from .repository import EventLog
from .service import Drafts, Notifier, Timeline


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://db/notify")
    app.state.notifier = Notifier("https://push.internal")
    app.state.timeline = Timeline(EventLog(pool))
    app.state.drafts = Drafts()
    yield
    await app.state.notifier.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/users/{user_id}/notify")
async def notify(user_id: int, text: str) -> dict[str, bool]:
    await app.state.notifier.push(user_id, text)
    await app.state.timeline.record(f"user:{user_id}", text)
    return {"sent": True}


@app.get("/topics/{topic}")
async def topic(topic: str) -> list[str]:
    return await app.state.timeline.show(topic)


@app.post("/users/{user_id}/draft")
async def add_line(user_id: int, line: str) -> dict[str, bool]:
    await app.state.drafts.add_line(user_id, line)
    return {"ok": True}


@app.get("/users/{user_id}/draft")
async def draft(user_id: int) -> list[str]:
    return await app.state.drafts.draft(user_id)
