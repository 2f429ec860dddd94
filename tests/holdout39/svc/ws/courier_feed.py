"""Couriers stream GPS fixes over a websocket while on shift."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from svc.config import settings
from svc.db.engine import SessionLocal
from svc.repos.courier_repo import CourierRepository
from svc.services.tracking_service import TrackingService

logger = logging.getLogger(__name__)
router = APIRouter()


@router.websocket("/ws/couriers/{courier_id}/feed")
async def courier_feed(websocket: WebSocket, courier_id: int) -> None:
    await websocket.accept()
    couriers = CourierRepository()
    await couriers.set_status(courier_id, "idle")
    state = websocket.app.state
    try:
        async with SessionLocal() as session:
            tracking = TrackingService(session, state.redis, state.hub, state.routing)
            while True:
                fix = await asyncio.wait_for(websocket.receive_json(), timeout=settings.tracking_idle_seconds)
                await tracking.publish_location(courier_id, fix.get("order_id"), float(fix["lat"]), float(fix["lon"]))
    except WebSocketDisconnect:
        logger.info("courier %s disconnected", courier_id)
    except asyncio.TimeoutError:
        logger.info("courier %s idle for %ss, closing", courier_id, settings.tracking_idle_seconds)
        await websocket.close()
    finally:
        await couriers.set_status(courier_id, "offline")
