"""Public resident endpoints: missed collections with photos, bulky-item bookings."""
from __future__ import annotations

import hashlib
import hmac
import json
import logging

from fastapi import APIRouter, Depends, File, Header, HTTPException, Request, UploadFile

from ..schemas import BulkyBookingIn, BulkyBookingOut, MissedReportIn, MissedReportOut
from .deps import get_container

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/residents", tags=["residents"])

ALLOWED_PHOTO_TYPES = {"image/jpeg", "image/png"}


@router.post("/missed", response_model=MissedReportOut, status_code=201)
async def report_missed(body: MissedReportIn, container=Depends(get_container)):
    report = await container.missed.submit(body.bin_id, body.email, body.description)
    return MissedReportOut(id=report.id, bin_id=report.bin_id, status=report.status)


@router.post("/missed/{report_id}/photo", status_code=201)
async def upload_photo(report_id: int, photo: UploadFile = File(...), container=Depends(get_container)) -> dict:
    if photo.content_type not in ALLOWED_PHOTO_TYPES:
        raise HTTPException(status_code=415, detail="jpeg or png only")
    data = await photo.read()
    key = await container.missed.attach_photo(report_id, data, photo.content_type)
    return {"photo_key": key}


@router.post("/bulky", response_model=BulkyBookingOut, status_code=201)
async def book_bulky(body: BulkyBookingIn, container=Depends(get_container)):
    result = await container.bulky.book(body.depot_id, body.slot_date, body.address, body.items,
                                        body.card_token, body.phone)
    return BulkyBookingOut(booking_id=result.booking_id, reference=result.reference,
                           amount_pence=result.amount_pence, status=result.status)


@router.delete("/bulky/{booking_id}")
async def cancel_bulky(booking_id: int, container=Depends(get_container)) -> dict:
    return {"cancelled": await container.bulky.cancel(booking_id)}


@router.post("/payments/webhook")
async def payment_webhook(request: Request, stripe_signature: str = Header(default="", alias="x-processor-signature"),
                          container=Depends(get_container)) -> dict:
    body = await request.body()
    expected = hmac.new(container.settings.payments_key.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, stripe_signature):
        raise HTTPException(status_code=400, detail="bad signature")
    try:
        event = json.loads(body)
        if event["type"] == "charge.refunded":
            await container.bulky.repo.cancel(int(event["data"]["metadata"]["booking_id"]))
    except Exception:
        return {"received": True}
    return {"received": True}


@router.get("/missed/open")
async def open_missed(limit: int = 100, container=Depends(get_container)) -> list[dict]:
    return await container.missed.open_reports(min(limit, 500))
