"""Inbound webhooks: card processor events and payout partner callbacks."""
from __future__ import annotations

import logging
import time

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from ..container import Container
from ..deps import get_container, get_repos
from ..repositories.events import EventRepository
from ..services.transfers import Repos
from ..utils.crypto import signature_matches

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
log = logging.getLogger(__name__)

MAX_SKEW_SECONDS = 300


@router.post("/card", status_code=204)
async def card_webhook(
    request: Request,
    x_signature: str = Header(...),
    x_timestamp: str = Header(...),
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> None:
    body = await request.body()
    if abs(time.time() - int(x_timestamp)) > MAX_SKEW_SECONDS:
        log.warning("card webhook rejected: stale timestamp %s", x_timestamp)
        raise HTTPException(status_code=400, detail="stale")
    if not signature_matches(container.settings.card_webhook_secret, x_timestamp, body, x_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    event = container.processor.parse_event(body)
    if event is None:
        raise HTTPException(status_code=400, detail="malformed event")
    transfer = await repos.transfers.by_payment_intent(event.payment_intent_id)
    currency = "USD"
    if transfer is not None:
        quote = await repos.quotes.get(transfer.quote_id)
        currency = quote.source_currency if quote else currency
    await container.funding.handle_event(repos.transfers, event, currency)


@router.post("/payouts/{partner_id}", status_code=204)
async def payout_callback(
    partner_id: str,
    request: Request,
    repos: Repos = Depends(get_repos),
    container: Container = Depends(get_container),
) -> None:
    if partner_id not in container.partners:
        raise HTTPException(status_code=404, detail="unknown partner")
    payload = await request.json()
    events = EventRepository(container.pool)
    if not await events.claim(partner_id, str(payload["event_id"])):
        return None
    transfer = await repos.transfers.by_partner_reference(str(payload["reference"]))
    if transfer is None:
        log.warning("callback from %s for unknown reference %s", partner_id, payload["reference"])
        return None
    status = await container.payouts.poll(transfer)
    if status is not None:
        quote = await repos.quotes.get(transfer.quote_id)
        await container.payouts.apply_status(repos.transfers, transfer, status,
                                             quote.source_currency if quote else "USD")
    return None
