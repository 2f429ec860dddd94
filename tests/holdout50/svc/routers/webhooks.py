from __future__ import annotations

import hashlib
import hmac
import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings, get_settings
from ..db.engine import get_session
from ..db.models import Order, Payment

router = APIRouter(prefix="/webhooks", tags=["webhooks"])
log = logging.getLogger(__name__)


def _verify(secret: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@router.post("/payments")
async def payment_event(
    request: Request,
    x_signature: str = Header(...),
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> dict:
    body = await request.body()
    if not _verify(settings.payment_webhook_secret, body, x_signature):
        log.warning("payment webhook with bad signature", extra={"ip": request.client.host if request.client else None})
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    try:
        event = json.loads(body)
        event_id, kind, charge = event["id"], event["type"], event["data"]["charge"]
    except (KeyError, ValueError) as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "malformed event") from exc

    inserted = await session.execute(
        text("INSERT INTO webhook_events (id, kind) VALUES (:id, :kind) ON CONFLICT (id) DO NOTHING RETURNING id"),
        {"id": event_id, "kind": kind},
    )
    if inserted.scalar_one_or_none() is None:
        return {"duplicate": True}

    if kind == "charge.refunded":
        await session.execute(update(Payment).where(Payment.provider_ref == charge["id"]).values(status="refunded"))
    elif kind == "charge.failed":
        await session.execute(update(Order).where(Order.payment_ref == charge["id"]).values(status="payment_failed"))
    await session.commit()
    log.info("payment webhook processed", extra={"event": event_id, "kind": kind})
    return {"ok": True}
