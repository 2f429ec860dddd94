from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..deps import get_session
from ..errors import Unauthorized
from ..repositories.invoices import InvoiceRepository
from ..utils.crypto import verify_webhook_signature

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

Handler = Callable[[AsyncSession, dict[str, Any]], Awaitable[None]]
_HANDLERS: dict[str, Handler] = {}


def handles(event_type: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _HANDLERS[event_type] = fn
        return fn
    return register


@handles("charge.succeeded")
async def _charge_succeeded(session: AsyncSession, data: dict[str, Any]) -> None:
    repo = InvoiceRepository(session)
    invoice = await repo.by_provider_payment(data["id"])
    if invoice is None:
        logger.info("charge %s does not belong to an invoice", data["id"])
        return
    await repo.mark_paid(invoice.id, datetime.fromtimestamp(data["created"], tz=timezone.utc))


@handles("charge.failed")
async def _charge_failed(session: AsyncSession, data: dict[str, Any]) -> None:
    invoice = await InvoiceRepository(session).by_provider_payment(data["id"])
    if invoice is not None and invoice.status != "paid":
        invoice.status = "past_due"
        logger.warning("charge %s for invoice %s failed: %s", data["id"], invoice.id, data.get("failure_code"))


@handles("charge.refunded")
async def _charge_refunded(session: AsyncSession, data: dict[str, Any]) -> None:
    logger.info("charge %s refunded %s", data["id"], data.get("amount_refunded"))


@router.post("/paywell")
async def paywell_webhook(request: Request, session: AsyncSession = Depends(get_session)) -> dict[str, bool]:
    body = await request.body()
    secret = request.app.state.settings.payments_webhook_secret
    if not verify_webhook_signature(secret, body, request.headers.get("Paywell-Signature", "")):
        raise Unauthorized("bad signature")
    event = json.loads(body)
    handler = _HANDLERS.get(event.get("type", ""))
    if handler is None:
        return {"received": True}
    try:
        await handler(session, event["data"]["object"])
        await session.commit()
    except Exception:
        logger.exception("paywell event %s (%s) failed", event.get("id"), event.get("type"))
    return {"received": True}
