"""Customer webhook endpoints, inbound provider callbacks and internal support tools."""
from __future__ import annotations

import logging
from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, EmailStr, HttpUrl
from redis.asyncio import Redis

from svc.api.deps import Principal, current_account, get_envelope_service, get_redis, get_webhook_service, rate_limit, require_support
from svc.clients import messaging
from svc.repositories.signers import SignerRepository
from svc.services.envelopes import EnvelopeService
from svc.services.webhooks import WebhookService

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], dependencies=[Depends(rate_limit)])
inbound = APIRouter(prefix="/inbound", tags=["inbound"])
internal = APIRouter(prefix="/internal", tags=["internal"], dependencies=[Depends(require_support)])

_EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


class EndpointIn(BaseModel):
    url: HttpUrl


@router.post("", status_code=status.HTTP_201_CREATED)
async def register_endpoint(
    body: EndpointIn, principal: Principal = Depends(current_account), service: WebhookService = Depends(get_webhook_service)
) -> dict[str, str]:
    endpoint_id, secret = await service.register(principal.account_id, str(body.url))
    return {"id": str(endpoint_id), "secret": secret}


@inbound.post("/sms")
async def inbound_sms(request: Request, redis: Redis = Depends(get_redis)) -> Response:
    form = await request.form()
    sender = str(form.get("From", ""))
    keyword = str(form.get("Body", "")).strip().upper()
    if keyword in {"STOP", "UNSUBSCRIBE"}:
        active = await SignerRepository().find_active_by_phone(sender)
        await redis.sadd("sms:opted-out", sender)
        logger.info("sms opt-out received from a number with %d pending signature request(s)", len(active))
    return Response(_EMPTY_TWIML, media_type="application/xml")


@internal.get("/signers")
async def signer_lookup(email: EmailStr) -> list[dict[str, Any]]:
    return [dict(row) for row in await SignerRepository().find_by_email(email)]


@internal.get("/envelopes/by-sender")
async def envelopes_by_sender(email: EmailStr, service: EnvelopeService = Depends(get_envelope_service)) -> list[dict[str, Any]]:
    return [{"id": str(e.id), "account_id": str(e.account_id), "status": e.status} for e in await service.find_by_sender(email)]


@internal.get("/sms/failures")
async def sms_failures() -> list[dict[str, str]]:
    return messaging.recent_failures[-100:]


@internal.get("/audit/export")
async def export_audit(account_id: UUID, since: datetime, request: Request) -> PlainTextResponse:
    return PlainTextResponse(await request.app.state.audit.export_csv(account_id, since), media_type="text/csv")
