"""Moderation API. `ToxicityClient.score` has no caller yet; it is wired for the review queue."""
import asyncio
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI

from scoring.clients import LabelFeed, SpamClient, ToxicityClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="http://spam", timeout=5.0)
    app.state.toxicity = ToxicityClient("http://toxicity")
    app.state.spam = SpamClient(http)
    feed = LabelFeed("http://labels")
    task = asyncio.create_task(feed.follow())
    yield
    task.cancel()
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/comments/check")
async def check(text: str) -> dict:
    return {"spam": await app.state.spam.score(text)}
