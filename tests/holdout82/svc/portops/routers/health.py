from __future__ import annotations

from fastapi import APIRouter

from portops import __version__

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict:
    return {"status": "ok", "version": __version__}
