from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse

from telco.container import Container
from telco.deps import get_container, selfcare_subscriber
from telco.errors import NotFound, PaymentFailed
from telco.routers.schemas import PurchaseIn
from telco.utils.crypto import verify_signature

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/bundles", tags=["bundles"])


@router.get("")
async def catalog(container: Container = Depends(get_container)) -> list[dict]:
    return await container.bundles.catalog()


@router.post("/purchase", status_code=202)
async def purchase(
    body: PurchaseIn, subscriber_id: int = Depends(selfcare_subscriber), container: Container = Depends(get_container)
) -> dict:
    try:
        payment_ref = await container.bundles.purchase(subscriber_id, body.bundle_code)
    except PaymentFailed as exc:
        return JSONResponse(status_code=200, content={"ok": False, "message": str(exc)})
    return {"ok": True, "payment_ref": payment_ref}


@router.post("/{payment_ref}/cancel")
async def cancel(
    payment_ref: str, subscriber_id: int = Depends(selfcare_subscriber), container: Container = Depends(get_container)
) -> dict:
    try:
        await container.bundles.cancel(payment_ref, "customer request")
    except NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
    except PaymentFailed as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from exc
    return {"ok": True}


@router.post("/payments/webhook")
async def payment_webhook(
    request: Request, x_signature: str = Header(default=""), container: Container = Depends(get_container)
) -> dict:
    body = await request.body()
    if not verify_signature(container.settings.payment_webhook_secret, body, x_signature):
        logger.warning("payment webhook rejected: bad signature")
        raise HTTPException(status_code=401, detail="bad signature")
    event = await request.json()
    if event.get("type") == "charge.succeeded":
        await container.bundles.confirm_payment(event["data"]["id"])
    return {"received": True}
