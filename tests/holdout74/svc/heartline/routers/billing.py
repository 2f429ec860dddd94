"""Store notifications (webhooks) and the premium status endpoint."""
from __future__ import annotations

import base64
import json
import logging
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ValidationError

from ..deps import CurrentUser, Services
from ..errors import DomainError

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/billing", tags=["billing"])


class AppleNotification(BaseModel):
    notification_type: str
    app_account_token: int
    latest_receipt: str


class PubSubMessage(BaseModel):
    data: str
    messageId: str


class PubSubPush(BaseModel):
    message: PubSubMessage
    subscription: str


@router.post("/apple", status_code=200)
async def apple_notification(request: Request, svc: Services) -> dict[str, bool]:
    try:
        note = AppleNotification.model_validate_json(await request.body())
    except ValidationError as exc:
        log.warning("malformed apple notification: %s", exc.errors()[:3])
        raise DomainError("malformed notification") from exc
    await svc.subscriptions.handle_apple(note.notification_type, note.app_account_token, note.latest_receipt)
    return {"ok": True}


@router.post("/google", status_code=204)
async def google_notification(body: PubSubPush, svc: Services) -> Response:
    try:
        decoded: dict[str, Any] = json.loads(base64.b64decode(body.message.data))
    except (ValueError, TypeError) as exc:
        raise DomainError("undecodable pub/sub payload") from exc
    notification = decoded.get("subscriptionNotification")
    if notification is None:
        # test notifications and one-time products carry no subscription block
        return Response(status_code=204)
    await svc.subscriptions.handle_google(notification["purchaseToken"], int(notification["notificationType"]))
    return Response(status_code=204)


@router.get("/status")
async def premium_status(user: CurrentUser, svc: Services) -> dict[str, bool]:
    return {"premium": await svc.subscriptions.is_premium(user.user_id)}
