"""Health and notification endpoints reading the process-wide handles."""
from __future__ import annotations

from fastapi import APIRouter

from shop.state import mailer, services

router = APIRouter()


@router.get("/health")
async def health() -> dict:
    return {"ok": await services.ping()}


@router.post("/notify")
async def notify(to: str) -> None:
    mailer.deliver(to, "hello")  # expect: wrong-call
