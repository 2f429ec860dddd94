"""Inbound webhooks from the payment provider and the SMS gateway."""

from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Form, HTTPException, Request, Response, status

from svc.clients.payments import PaymentsClient
from svc.deps import get_deposit_service, get_guest_service, get_payments_client, get_reservation_service
from svc.services.deposits import DepositService
from svc.services.guests import GuestService
from svc.services.reservations import ReservationService

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks", tags=["webhooks"])

CANCEL_WORDS = frozenset({"C", "CANCEL", "STOP BOOKING"})


@router.post("/payments")
async def payments_webhook(
    request: Request,
    deposits: DepositService = Depends(get_deposit_service),
    payments: PaymentsClient = Depends(get_payments_client),
) -> dict[str, bool]:
    body = await request.body()
    if not payments.verify_signature(body, request.headers.get("x-signature", "")):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "bad signature")
    await deposits.handle_webhook(json.loads(body))
    return {"received": True}


@router.post("/sms/inbound")
async def inbound_sms(
    sender: str = Form(alias="From"),
    text: str = Form(alias="Body"),
    guests: GuestService = Depends(get_guest_service),
    reservations: ReservationService = Depends(get_reservation_service),
) -> Response:
    profile = await guests.profile_by_phone(sender)
    if profile is None:
        logger.info("inbound sms from unknown number ending %s", sender[-4:])
        return Response(status_code=204)
    if text.strip().upper() in CANCEL_WORDS:
        cancelled = await reservations.cancel_next_for_guest(profile["id"])
        logger.info("guest %s cancelled by sms: %s", profile["id"], bool(cancelled))
    return Response(status_code=204)
