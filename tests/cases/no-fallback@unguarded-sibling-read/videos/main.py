"""Video API."""
from __future__ import annotations

from fastapi import FastAPI

from .feed import FeedService
from .recs import RecsClient

app = FastAPI()
feed = FeedService(RecsClient("http://recs:8080"))


@app.get("/feed")
async def home(user_id: int) -> list[int]:
    return await feed.home(user_id)


@app.get("/videos/{video_id}")
async def watch(video_id: int) -> dict:
    return await feed.watch_page(video_id)
