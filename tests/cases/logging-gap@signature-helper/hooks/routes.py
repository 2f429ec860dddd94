"""Partner callbacks verified by shared helpers that read the raw body."""
import hashlib
import hmac
import json
import logging
import os

from fastapi import APIRouter, Header, HTTPException, Request

log = logging.getLogger(__name__)
router = APIRouter(prefix="/partners")
SECRET = os.environ.get("PARTNER_SECRET", "").encode()


def _valid(body: bytes, signature: str) -> bool:
    return hmac.compare_digest(hmac.new(SECRET, body, hashlib.sha256).hexdigest(), signature)


async def _signed_body(request: Request, signature: str | None) -> dict:
    body = await request.body()
    if not signature or not _valid(body, signature):
        raise HTTPException(401, "bad signature")  # expect: logging-gap
    return json.loads(body)


async def _logged_body(request: Request, signature: str | None) -> dict:
    body = await request.body()
    if not signature or not _valid(body, signature):
        log.warning("partner callback rejected: bad signature")
        raise HTTPException(401, "bad signature")
    return json.loads(body)


def _api_key(key: str | None) -> str:
    if not key:
        raise HTTPException(401, "missing key")
    return key


@router.post("/orders")
async def order_event(request: Request, x_signature: str | None = Header(None)) -> dict:
    event = await _signed_body(request, x_signature)
    return {"order": event["id"]}


@router.post("/refunds")
async def refund_event(request: Request, x_signature: str | None = Header(None)) -> dict:
    event = await _signed_body(request, x_signature)
    return {"refund": event["id"]}


@router.post("/stock")
async def stock_event(request: Request, x_signature: str | None = Header(None)) -> dict:
    event = await _logged_body(request, x_signature)
    return {"sku": event["sku"]}


@router.get("/status")
async def status(x_api_key: str | None = Header(None)) -> dict:
    return {"caller": _api_key(x_api_key)}
