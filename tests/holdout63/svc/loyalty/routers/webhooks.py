"""Inbound webhooks: POS transactions from stores and voucher status callbacks from partners."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel, Field, ValidationError

from loyalty.deps import SessionDep, services
from loyalty.repositories.members_repo import MembersRepository
from loyalty.repositories.transactions_repo import PosLine
from loyalty.security import verify_pos_signature
from loyalty.services.earning import PosEvent
from loyalty.utils.metrics import WEBHOOKS_RECEIVED

log = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks", tags=["webhooks"])


class PosLineIn(BaseModel):
    sku: str
    category: str
    qty: int = Field(gt=0)
    price_cents: int = Field(ge=0)


class PosTransactionIn(BaseModel):
    store_id: str
    transaction_id: str
    member_ref: str
    amount_cents: int = Field(gt=0)
    currency: str = Field(min_length=3, max_length=3)
    lines: list[PosLineIn] = Field(default_factory=list, max_length=500)


@router.post("/pos/transactions")
async def pos_transaction(
    request: Request,
    session: SessionDep,
    x_pos_timestamp: str = Header(),
    x_pos_signature: str = Header(),
) -> dict[str, Any]:
    body = await request.body()
    if not verify_pos_signature(body, x_pos_timestamp, x_pos_signature):
        WEBHOOKS_RECEIVED.labels("bad_signature").inc()
        raise HTTPException(401, "bad signature")
    try:
        payload = PosTransactionIn.model_validate_json(body)
    except ValidationError as exc:
        WEBHOOKS_RECEIVED.labels("invalid").inc()
        raise HTTPException(422, exc.errors()) from exc

    members = MembersRepository(session)
    member = await members.get_by_email(payload.member_ref) if "@" in payload.member_ref else None
    if member is None:
        WEBHOOKS_RECEIVED.labels("unknown_member").inc()
        log.info("POS transaction %s for unknown member ref", payload.transaction_id)
        return {"status": "ignored"}

    event = PosEvent(
        store_id=payload.store_id,
        pos_txn_id=payload.transaction_id,
        member_ref=payload.member_ref,
        member_id=member.id,
        amount_cents=payload.amount_cents,
        currency=payload.currency.upper(),
        lines=[PosLine(**line.model_dump()) for line in payload.lines],
    )
    try:
        result = await services(request).earning.ingest(event)
    except Exception as exc:
        WEBHOOKS_RECEIVED.labels("error").inc()
        raise HTTPException(400, detail=str(exc))
    WEBHOOKS_RECEIVED.labels(result.status).inc()
    return {"status": result.status, "points": result.points, "balance": result.balance}


@router.post("/partners/vouchers")
async def partner_voucher_callback(request: Request, x_partner_token: str = Header()) -> dict[str, str]:
    if x_partner_token not in request.app.state.settings.partner_api_key.split(","):
        raise HTTPException(401, "unknown partner")
    payload = await request.json()
    handled = await services(request).vouchers.on_partner_callback(payload)
    return {"status": "ok" if handled else "unknown"}
