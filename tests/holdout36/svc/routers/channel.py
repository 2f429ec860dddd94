"""Inbound OTA webhooks (reservation push) relayed by the channel manager."""
from __future__ import annotations

import logging
import time
import xml.etree.ElementTree as ET
from collections import defaultdict, deque
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status

from svc.clients.ota_pull import OtaReservation
from svc.container import Services, services
from svc.deps import SessionDep
from svc.security import verify_webhook
from svc.utils.dates import parse_ota_date

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/channel", tags=["channel"])
ServicesDep = Annotated[Services, Depends(services)]

WEBHOOK_LIMIT_PER_MINUTE = 600


class SlidingWindowLimiter:
    def __init__(self, limit: int, window_seconds: float = 60.0) -> None:
        self.limit = limit
        self.window = window_seconds
        self._hits: defaultdict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        hits = self._hits[key]
        while hits and now - hits[0] > self.window:
            hits.popleft()
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True


limiter = SlidingWindowLimiter(WEBHOOK_LIMIT_PER_MINUTE)


def _to_items(channel: str, root: ET.Element) -> list[OtaReservation]:
    return [
        OtaReservation(
            channel=channel,
            external_ref=node.findtext("Id", ""),
            hotel_code=node.findtext("HotelCode", ""),
            room_type=node.findtext("RoomType", ""),
            rate_plan=node.findtext("RatePlan", ""),
            check_in=parse_ota_date(node.findtext("Arrival")),
            check_out=parse_ota_date(node.findtext("Departure")),
            guest_email=node.findtext("Guest/Email", ""),
            guest_name=node.findtext("Guest/Name", ""),
            amount=node.findtext("Total", "0"),
            status=node.findtext("Status", "new"),
        )
        for node in root.iter("Reservation")
    ]


@router.post("/{channel}/reservations")
async def reservation_webhook(
    channel: str,
    request: Request,
    session: SessionDep,
    svc: ServicesDep,
    x_signature: Annotated[str, Header()],
    x_event_id: Annotated[str, Header()],
) -> dict[str, str]:
    if not limiter.allow(channel):
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "slow down")
    body = await request.body()
    if not verify_webhook(body, x_signature):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    if not svc.deduper.first_time(x_event_id):
        return {"status": "duplicate"}
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "malformed XML") from exc
    items = _to_items(channel, root)
    try:
        created = await svc.channel_ingest.import_batch(session, items)
    except Exception:
        logger.exception("import of %d %s reservations failed", len(items), channel)
        return {"status": "accepted"}
    for reservation in created:
        await svc.channel_sync.mark_dirty(reservation.hotel_id, reservation.room_type_id, [reservation.check_in])
    return {"status": "ok", "imported": str(len(created))}


@router.post("/{channel}/cancellations/{hotel_id}/{code}")
async def cancellation_webhook(
    channel: str, hotel_id: int, code: str, request: Request, session: SessionDep, svc: ServicesDep,
    x_signature: Annotated[str, Header()],
) -> dict[str, bool]:
    if not verify_webhook(await request.body(), x_signature):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    cancelled = await svc.channel_ingest.apply_cancellation(session, hotel_id, code)
    await session.commit()
    return {"cancelled": cancelled}
