"""Webhook subscription management and inbound provider pushes."""
from __future__ import annotations

import logging
import secrets
from typing import Any

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import AnyHttpUrl, BaseModel
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.container import Container
from svc.db.engine import get_session
from svc.db.models import WebhookSubscription
from svc.deps import admin_session, get_container
from svc.utils.feed_parser import parse_beta_xml
from svc.utils.signing import verify_signature

logger = logging.getLogger(__name__)

router = APIRouter(tags=["webhooks"])


class SubscriptionIn(BaseModel):
    owner: str
    url: AnyHttpUrl
    match_id: int | None = None


@router.post("/webhooks/subscriptions", status_code=201, dependencies=[Depends(admin_session)])
async def create_subscription(body: SubscriptionIn, session: AsyncSession = Depends(get_session)) -> dict[str, Any]:
    sub = WebhookSubscription(owner=body.owner, url=str(body.url), secret=secrets.token_hex(32), match_id=body.match_id)
    session.add(sub)
    await session.commit()
    return {"id": sub.id, "secret": sub.secret}


@router.delete("/webhooks/subscriptions/{sub_id}", status_code=204, dependencies=[Depends(admin_session)])
async def deactivate_subscription(sub_id: int, session: AsyncSession = Depends(get_session)) -> None:
    await session.execute(update(WebhookSubscription).where(WebhookSubscription.id == sub_id).values(active=False))
    await session.commit()


@router.post("/providers/beta/push", status_code=202)
async def beta_push(
    request: Request,
    x_beta_signature: str = Header(default=""),
    c: Container = Depends(get_container),
) -> dict[str, Any]:
    body = await request.body()
    if len(body) > 64_000:
        raise HTTPException(status_code=413, detail="push too large")
    if not verify_signature(settings.beta_token, body, x_beta_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    incidents = parse_beta_xml(body)
    if len(incidents) != 1:
        raise HTTPException(status_code=422, detail="expected exactly one incident per push")
    incident = incidents[0]
    match = await c.matches.by_beta_id(incident["matchKey"])
    if match is None:
        fixture = await c.beta.fetch_fixture(incident["matchKey"])
        logger.info(
            "beta push for unmapped match %s (%s v %s) ignored",
            incident["matchKey"],
            fixture.get("home", {}).get("name"),
            fixture.get("away", {}).get("name"),
        )
        return {"accepted": 0}
    if await c.events.provider_event_seen("beta", incident["eventKey"]):
        return {"accepted": 0, "duplicate": True}
    await c.ingest_worker.submit_push(match, "beta", incidents)
    return {"accepted": 1}
