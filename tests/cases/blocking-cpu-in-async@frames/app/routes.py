"""Routes over the statistics service."""
from fastapi import APIRouter, Request

from app.services.stats import Stats

router = APIRouter(prefix="/stats")


def _stats(request: Request) -> Stats:
    return request.app.state.stats


@router.get("/{device_id}/summary")
async def summary(device_id: int, request: Request) -> list[dict]:
    return await _stats(request).summary(device_id)


@router.get("/{device_id}/profile")
async def profile(device_id: int, request: Request) -> list[dict]:
    return await _stats(request).profile(device_id)


@router.get("/levels")
async def levels(request: Request) -> list[dict]:
    return await _stats(request).levels()
