"""Health endpoint."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["ops"])

VERSION = "2024.11.3"


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok", "version": VERSION}
