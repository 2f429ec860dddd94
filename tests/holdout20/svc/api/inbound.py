"""Webhook receiving raw MIME messages from the inbound mail relay."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import get_ingest_service, inbound_rate_limit
from svc.config import get_settings
from svc.db.models import Organization
from svc.db.session import get_session
from svc.errors import NotFoundError, Unauthorized, ValidationFailed
from svc.services.email_ingest import EmailIngestService

router = APIRouter(prefix="/inbound", tags=["inbound"], dependencies=[Depends(inbound_rate_limit)])


def _valid_signature(secret: str, raw: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


@router.post("/email/{org_slug}", status_code=202)
async def receive_email(
    org_slug: str,
    request: Request,
    x_relay_signature: Annotated[str, Header()],
    ingest: Annotated[EmailIngestService, Depends(get_ingest_service)],
    session: Annotated[AsyncSession, Depends(get_session)],
) -> dict[str, int]:
    settings = get_settings()
    declared = int(request.headers.get("content-length", "0"))
    if declared <= 0 or declared > settings.max_inbound_bytes:
        raise ValidationFailed("message size out of bounds")
    org = await session.scalar(select(Organization).where(Organization.slug == org_slug))
    if org is None:
        raise NotFoundError("unknown mailbox")
    raw = await request.body()
    if not await asyncio.to_thread(_valid_signature, org.inbound_secret, raw, x_relay_signature):
        raise Unauthorized("bad relay signature")
    ticket_id = await ingest.ingest(org.id, raw)
    return {"ticket_id": ticket_id}
