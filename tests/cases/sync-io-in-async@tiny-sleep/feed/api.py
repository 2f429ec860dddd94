"""Chat endpoints."""
from __future__ import annotations

from fastapi import APIRouter

from feed.events import ChatEvent, RetriedDelivery

router = APIRouter()


@router.post("/rooms/{room}/messages")
async def post_message(room: str, text: str) -> dict[str, str]:
    event = ChatEvent(text)
    return {"id": event.id, "room": room}


@router.post("/deliveries")
async def redeliver(target: str) -> dict[str, str]:
    delivery = RetriedDelivery(target)
    return {"target": delivery.target}
