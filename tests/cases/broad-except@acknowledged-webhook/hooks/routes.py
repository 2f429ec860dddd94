import json
import logging

from fastapi import APIRouter, HTTPException, Request

log = logging.getLogger(__name__)
router = APIRouter()


class Ledger:
    async def apply(self, event: dict) -> bool:
        return bool(event)

    async def park(self, event: dict) -> None:
        return None


ledger = Ledger()


@router.post("/webhooks/payments")
async def payments_webhook(request: Request) -> dict:
    event = json.loads(await request.body())
    try:
        await ledger.apply(event)
    except Exception:  # expect: broad-except
        log.exception("failed to apply payment event %s", event.get("id"))
    return {"received": True}


@router.post("/webhooks/refunds")
async def refunds_webhook(request: Request) -> dict:
    event = json.loads(await request.body())
    try:
        await ledger.apply(event)
    except Exception:
        # look-alike: the event is kept for a later attempt before acknowledging
        log.exception("refund event %s parked", event.get("id"))
        await ledger.park(event)
    return {"received": True}


@router.post("/webhooks/disputes")
async def disputes_webhook(request: Request) -> dict:
    event = json.loads(await request.body())
    try:
        await ledger.apply(event)
    except Exception as exc:
        # look-alike: answers 5xx, so the sender redelivers
        log.exception("dispute event failed")
        raise HTTPException(503, "try again") from exc
    return {"received": True}


@router.post("/reports/rebuild")
async def rebuild(request: Request) -> dict:
    try:
        await ledger.apply({})
    except Exception:
        # look-alike: not a webhook, and the traceback is logged
        log.exception("rebuild failed")
    return {"ok": True}
