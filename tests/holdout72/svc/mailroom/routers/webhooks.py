"""Inbound delivery events from the ESPs.

SES publishes through SNS (JSON envelope, `Message` holds the event as a string);
SendGrid posts a JSON array and signs it with HMAC in our proxy.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging

from fastapi import APIRouter, Depends, HTTPException, Header, Request

from mailroom.config import get_settings
from mailroom.deps import Container, container

log = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks", tags=["webhooks"])

SES_KINDS = {"Bounce": "bounce", "Complaint": "complaint", "Delivery": "delivery"}
SENDGRID_KINDS = {"bounce": "bounce", "dropped": "bounce", "spamreport": "complaint", "delivered": "delivery"}


def _valid_sig(secret: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@router.post("/ses")
async def ses_events(request: Request, token: str = "", c: Container = Depends(container)):
    if not hmac.compare_digest(token, get_settings().webhook_shared_secret):
        log.warning("ses webhook with bad token from %s", request.client.host if request.client else "?")
        raise HTTPException(403, "bad token")
    envelope = await request.json()
    if envelope.get("Type") == "SubscriptionConfirmation":
        log.info("SNS subscription confirmation for %s", envelope.get("TopicArn"))
        return {"confirm": envelope.get("SubscribeURL")}
    try:
        event = json.loads(envelope["Message"])
    except (KeyError, json.JSONDecodeError) as exc:
        raise HTTPException(400, "malformed SNS message") from exc
    kind = SES_KINDS.get(event.get("notificationType") or event.get("eventType", ""))
    if kind is None:
        return {"ignored": True}
    mail = event.get("mail", {})
    for recipient in mail.get("destination", []):
        c.ingest.submit(
            {
                "provider": "ses",
                "provider_message_id": mail.get("messageId", ""),
                "kind": kind,
                "recipient": recipient,
                "payload": event,
            }
        )
    return {"accepted": True}


@router.post("/sendgrid")
async def sendgrid_events(
    request: Request,
    x_mailroom_signature: str = Header(default=""),
    c: Container = Depends(container),
):
    body = await request.body()
    if not _valid_sig(get_settings().webhook_shared_secret, body, x_mailroom_signature):
        raise HTTPException(401, "invalid signature")
    accepted = 0
    for item in json.loads(body):
        kind = SENDGRID_KINDS.get(item.get("event", ""))
        if kind is None:
            continue
        c.ingest.submit(
            {
                "provider": "sendgrid",
                "provider_message_id": (item.get("sg_message_id") or "").split(".")[0],
                "kind": kind,
                "recipient": item.get("email", ""),
                "payload": item,
            }
        )
        accepted += 1
    return {"accepted": accepted}
