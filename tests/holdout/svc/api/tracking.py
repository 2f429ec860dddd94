from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque

from fastapi import APIRouter, Depends, HTTPException, Request, WebSocket, WebSocketDisconnect, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import get_notifier
from svc.api.schemas import EventOut, PublicTracking
from svc.db.models import TrackingEvent
from svc.db.repositories import (
    CarrierRepository,
    OutboxRepository,
    ShipmentRepository,
    TrackingEventRepository,
)
from svc.db.session import get_session
from svc.realtime import hub, pump_events
from svc.security import verify_signature
from svc.services.notifications import Notifier
from svc.services.tracking_ingest import IngestError, normalize_carrier_payload
from svc.settings import Settings, get_settings

logger = logging.getLogger(__name__)

router = APIRouter()
shipment_events_router = APIRouter()

_public_hits: dict[str, deque[float]] = {}


@router.post("/webhooks/{carrier_code}", status_code=status.HTTP_202_ACCEPTED)
async def carrier_webhook(
    carrier_code: str,
    request: Request,
    session: AsyncSession = Depends(get_session),
    notifier: Notifier = Depends(get_notifier),
) -> dict[str, str]:
    carrier = await CarrierRepository(session).get_by_code(carrier_code)
    if carrier is None or not carrier.webhook_secret:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown carrier")

    body = await request.body()
    if not verify_signature(carrier.webhook_secret, body, request.headers.get("x-signature", "")):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="bad signature")

    try:
        payload = json.loads(body)
        items = normalize_carrier_payload(carrier_code, payload)
    except (ValueError, IngestError) as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, detail=str(exc)) from exc

    if len(items) != 1:
        # Bulk pushes (end-of-day scans) are handled by the worker.
        await request.app.state.arq.enqueue_job("ingest_batch", carrier_code, payload)
        return {"status": "queued"}

    item = items[0]
    shipments = ShipmentRepository(session)
    events = TrackingEventRepository(session)
    shipment = await shipments.get_by_tracking_number(item.tracking_number)
    if shipment is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown shipment")

    existing = await events.find_by_external_id(shipment.id, item.external_id)
    if existing is not None:
        return {"status": "duplicate"}

    events.stage(
        TrackingEvent(
            shipment_id=shipment.id,
            external_id=item.external_id,
            status=item.status,
            description=item.description,
            location=item.location,
            occurred_at=item.occurred_at,
            raw=item.raw,
        )
    )
    shipment.status = item.status
    if item.eta is not None:
        shipment.eta = item.eta
    OutboxRepository(session).enqueue(
        "shipment.status_changed",
        shipment.customer_id,
        {"tracking_number": shipment.tracking_number, "status": item.status, "at": item.occurred_at.isoformat()},
    )
    if item.status == "delivered":
        shipments.mark_delivered(shipment.id, item.occurred_at)
        shipment.delivered_at = item.occurred_at
        await session.commit()
        asyncio.create_task(notifier.notify_delivered(shipment))
        return {"status": "accepted"}

    await session.commit()
    return {"status": "accepted"}


@router.get("/public/{tracking_number}", response_model=PublicTracking)
async def public_tracking(
    tracking_number: str,
    request: Request,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> PublicTracking:
    client = request.client.host if request.client else "unknown"
    now = time.monotonic()
    window = _public_hits.setdefault(client, deque())
    while window and now - window[0] > 60.0:
        window.popleft()
    if len(window) >= settings.public_tracking_rate_limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, detail="slow down")
    window.append(now)

    shipment = await ShipmentRepository(session).get_by_tracking_number(tracking_number)
    if shipment is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="unknown tracking number")
    timeline = await TrackingEventRepository(session).timeline(shipment.id, limit=50)
    return PublicTracking(
        tracking_number=shipment.tracking_number,
        status=shipment.status,
        eta=shipment.eta,
        events=[EventOut.model_validate(e) for e in timeline],
    )


@router.websocket("/ws/dashboard")
async def dashboard_feed(websocket: WebSocket) -> None:
    await websocket.accept()
    queue = hub.subscribe_all()
    sender = asyncio.create_task(pump_events(websocket, queue))
    try:
        while True:
            message = await websocket.receive_json()
            if message.get("type") == "ping":
                await websocket.send_json(
                    {"type": "pong", "subscribers": hub.subscriber_count(), "dropped": hub.dropped}
                )
    except WebSocketDisconnect:
        logger.info("dashboard client went away")
    finally:
        sender.cancel()
        hub.unsubscribe_all(queue)


@shipment_events_router.get("", response_model=list[EventOut])
async def shipment_timeline(
    tracking_number: str,
    limit: int = 200,
    session: AsyncSession = Depends(get_session),
) -> list[EventOut]:
    shipment = await ShipmentRepository(session).get_by_tracking_number(tracking_number)
    if shipment is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="shipment not found")
    events = await TrackingEventRepository(session).timeline(shipment.id, limit=min(limit, 1000))
    return [EventOut.model_validate(e) for e in events]
