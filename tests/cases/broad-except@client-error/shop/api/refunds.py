"""Refund webhooks from the card processor."""
import json

from fastapi import APIRouter, HTTPException, Request, status

from shop.api.store import RefundStore

router = APIRouter()
store = RefundStore()


@router.post("/refunds/webhook")
async def refund_webhook(request: Request) -> dict[str, str]:
    body = await request.body()
    try:
        event = json.loads(body)
        await store.record(event["refund_id"], event["amount"])
    except Exception:  # expect: broad-except
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="bad event")
    return {"status": "ok"}


@router.post("/refunds/preview")
async def preview(request: Request) -> dict[str, int]:
    body = await request.body()
    try:
        event = json.loads(body)
    except Exception:
        raise HTTPException(status_code=400, detail="not JSON")  # parsing alone: a 400 is right
    try:
        total = await store.total(event["order_id"])
    except Exception as exc:
        raise HTTPException(status_code=503, detail="store unavailable") from exc
    return {"total": total}


async def create_refund(store, order_id: int, amount: int):
    try:
        return await store.create_refund(order_id, amount)
    except Exception as exc:  # expect: broad-except
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="could not refund") from exc
