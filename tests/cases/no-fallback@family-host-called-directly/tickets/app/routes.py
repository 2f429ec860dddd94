"""Routes: one reads through the interface, one posts to a tracker's host itself."""
from __future__ import annotations

import httpx
from fastapi import APIRouter, Depends

from .trackers import AlphaTracker, BetaTracker, Tracker

router = APIRouter()


def get_tracker(kind: str = "alpha") -> Tracker:
    return AlphaTracker() if kind == "alpha" else BetaTracker()


@router.get("/issues/{key}")
async def issue(key: str, tracker: Tracker = Depends(get_tracker)) -> dict:
    return await tracker.fetch_issue(key)  # expect: no-fallback


@router.get("/beta/callback")
async def beta_callback(code: str) -> dict:
    async with httpx.AsyncClient(timeout=5.0) as client:
        response = await client.post("https://beta.example.com/oauth/token", data={"code": code})  # expect: no-fallback
        return response.json()
