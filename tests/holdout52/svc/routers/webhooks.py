from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time

from fastapi import APIRouter, Header, HTTPException, Request

from ..cache.redis_client import get_redis
from ..config import get_settings
from ..schemas import GatewayEvent

log = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks", tags=["webhooks"])

_MAX_SKEW_SECONDS = 300
_STREAM_MAXLEN = 2_000_000


def sign_payload(secret: str, body: bytes, timestamp: str) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return mac.hexdigest()


def verify_signature(secret: str, body: bytes, timestamp: str, signature: str) -> bool:
    expected = sign_payload(secret, body, timestamp)
    return hmac.compare_digest(expected, signature)


def _fresh(timestamp: str) -> bool:
    try:
        return abs(time.time() - float(timestamp)) <= _MAX_SKEW_SECONDS
    except:
        return False


@router.post("/gateway", status_code=202)
async def gateway_events(
    request: Request,
    x_signature: str = Header(...),
    x_timestamp: str = Header(...),
) -> dict:
    body = await request.body()
    settings = get_settings()
    if not _fresh(x_timestamp) or not verify_signature(settings.gateway_webhook_secret, body, x_timestamp, x_signature):
        raise HTTPException(401, "bad signature")
    try:
        events = [GatewayEvent.model_validate(item) for item in json.loads(body)["events"]]
    except (ValueError, KeyError) as exc:
        log.warning("malformed gateway webhook: %s", exc)
        raise HTTPException(400, "malformed payload") from exc
    redis = get_redis()
    async with redis.pipeline(transaction=False) as pipe:
        for event in events:
            pipe.xadd(settings.fills_stream, {"event": event.model_dump_json()}, maxlen=_STREAM_MAXLEN, approximate=True)
        await pipe.execute()
    return {"accepted": len(events)}


@router.post("/kyc")
async def kyc_result(request: Request) -> dict:
    from ..db.engine import SessionFactory
    from ..services.kyc import apply_provider_result

    payload = await request.json()
    try:
        async with SessionFactory() as session:
            await apply_provider_result(session, payload["checkId"], payload["status"], int(payload["externalId"]))
    except Exception:
        log.warning("could not apply kyc result")
    return {"ok": True}


@router.post("/bank/deposits", status_code=202)
async def bank_deposit(
    request: Request,
    x_signature: str = Header(...),
    x_timestamp: str = Header(...),
) -> dict:
    from ..services.transfers import deposit_notification

    body = await request.body()
    if not _fresh(x_timestamp) or not verify_signature(get_settings().gateway_webhook_secret, body, x_timestamp, x_signature):
        raise HTTPException(401, "bad signature")
    payload = json.loads(body)
    await deposit_notification(payload)
    log.info("deposit %s for account %s recorded", payload.get("bankReference"), payload.get("accountId"))
    return {"ok": True}
