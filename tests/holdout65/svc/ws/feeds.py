"""Waitlist board for host stands and the read-only kitchen display feed."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from fastapi import APIRouter, Depends, WebSocket, status, WebSocketDisconnect

from svc.auth import decode_staff_token
from svc.db.engine import SessionLocal
from svc.repositories.bookings import BookingRepository
from svc.repositories.waitlist import WaitlistRepository
from svc.utils.timeutil import utcnow
from svc.ws.floor import waitlist_connections

log = logging.getLogger(__name__)
router = APIRouter()


def serialise_entry(entry) -> dict:
    return {
        "id": entry.id,
        "name": entry.guest_name.split(" ")[0],
        "party_size": entry.party_size,
        "quoted_minutes": entry.quoted_minutes,
        "status": entry.status,
    }


@router.websocket("/ws/waitlist/{restaurant_id}")
async def waitlist_socket(websocket: WebSocket, restaurant_id: int) -> None:
    claims = decode_staff_token(websocket.query_params.get("token", ""))
    if claims is None or restaurant_id not in claims.restaurant_ids:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    await websocket.accept()
    await waitlist_connections.connect(restaurant_id, websocket)
    async with SessionLocal() as session:
        entries = await WaitlistRepository(session).waiting(restaurant_id)
    await websocket.send_json({"type": "snapshot", "entries": [serialise_entry(e) for e in entries]})
    while True:
        msg = await websocket.receive_json()
        if msg.get("type") == "refresh":
            async with SessionLocal() as session:
                entries = await WaitlistRepository(session).waiting(restaurant_id)
            await websocket.send_json({"type": "snapshot", "entries": [serialise_entry(e) for e in entries]})




@router.websocket("/ws/kitchen/{restaurant_id}")
async def kitchen_socket(websocket: WebSocket, restaurant_id: int) -> None:
    await websocket.accept()
    try:
        while True:
            now = utcnow()
            async with SessionLocal() as session:
                upcoming = await BookingRepository(session).list_for_window(restaurant_id, now, now + timedelta(hours=2))
            await websocket.send_json(
                {
                    "type": "covers",
                    "items": [
                        {"at": b.starts_at.isoformat(), "covers": b.party_size, "notes": b.special_requests}
                        for b in upcoming
                        if b.status in ("booked", "confirmed", "seated")
                    ],
                }
            )
            await asyncio.sleep(30)
    except WebSocketDisconnect:
        log.info("kitchen display for %s disconnected", restaurant_id)
