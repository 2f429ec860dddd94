"""Fare-card taps, balance, top-ups and the payment provider webhook."""
from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel, Field

from transit.auth import current_rider, require_operator
from transit.clients.payments import PaymentDeclined, PaymentError
from transit.container import Container, container
from transit.repos.accounts import AccountsRepository
from transit.services.fares import CardNotFound, InsufficientBalance

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/fares", tags=["fares"])

MIN_TOP_UP_CENTS = 500
MAX_TOP_UP_CENTS = 20_000


class TapBody(BaseModel):
    card_number: str
    stop_id: str
    route_id: str | None = None
    tapped_at: datetime
    reduced: bool = False


class TopUpBody(BaseModel):
    amount_cents: int = Field(ge=MIN_TOP_UP_CENTS, le=MAX_TOP_UP_CENTS)
    payment_method: str


async def _owned_card(c: Container, rider_id: int, card_id: int) -> None:
    async with c.sessions() as session:
        card = await AccountsRepository(session).card(card_id)
    if card is None or card.rider_id != rider_id:
        raise HTTPException(404, "card not found")


@router.post("/taps", dependencies=[Depends(require_operator)])
async def tap(body: TapBody, c: Container = Depends(container)) -> dict[str, Any]:
    try:
        result = await c.fares.tap(body.card_number, body.stop_id, body.route_id, body.tapped_at, body.reduced)
    except CardNotFound:
        raise HTTPException(404, "unknown card")
    except InsufficientBalance:
        return {"accepted": False, "error": "insufficient balance"}
    return {"accepted": True, "charged_cents": result.charged_cents, "balance_cents": result.balance_cents, "capped": result.capped}


@router.get("/cards/{card_id}/balance")
async def balance(card_id: int, rider_id: int = Depends(current_rider), c: Container = Depends(container)) -> dict[str, str]:
    await _owned_card(c, rider_id, card_id)
    try:
        return {"card_id": str(card_id), "balance": await c.fares.balance_dollars(card_id)}
    except CardNotFound:
        raise HTTPException(404, "card not found")


@router.post("/cards/{card_id}/top-ups")
async def top_up(
    card_id: int,
    body: TopUpBody,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
    rider_id: int = Depends(current_rider),
    c: Container = Depends(container),
) -> dict[str, Any]:
    await _owned_card(c, rider_id, card_id)
    try:
        new_balance = await c.fares.top_up(card_id, body.amount_cents, body.payment_method, idempotency_key)
    except PaymentDeclined as exc:
        raise HTTPException(402, f"card declined: {exc}") from exc
    except PaymentError:
        raise HTTPException(502, "payment provider unavailable, you have not been charged")
    return {"card_id": card_id, "balance_cents": new_balance}


@router.get("/cards/{card_id}/transactions")
async def transactions(card_id: int, rider_id: int = Depends(current_rider), c: Container = Depends(container)) -> list[dict[str, Any]]:
    await _owned_card(c, rider_id, card_id)
    async with c.sessions() as session:
        rows = await AccountsRepository(session).recent_transactions(card_id)
    return [
        {"stop_id": t.stop_id, "route_id": t.route_id, "amount_cents": t.amount_cents, "tapped_at": t.tapped_at.isoformat()}
        for t in rows
    ]


webhook_router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@webhook_router.post("/payments")
async def payment_webhook(
    request: Request,
    signature: str = Header(..., alias="X-Signature"),
    c: Container = Depends(container),
) -> dict[str, str]:
    body = await request.body()
    if not c.payments.verify_webhook(body, signature):
        logger.warning("payment webhook with bad signature from %s", request.client.host if request.client else "?")
        raise HTTPException(401, "bad signature")
    try:
        event = json.loads(body)
        event_id = event["id"]
        kind = event["type"]
        reference = event["data"]["object"]["id"]
    except Exception:
        raise HTTPException(400, "malformed event")
    await c.fares.settle_webhook(event_id, kind, reference)
    return {"status": "received"}
