from __future__ import annotations

import logging
from datetime import datetime

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.engine import get_session
from mailroom.db.models import Campaign, SenderDomain, Template, Tenant
from mailroom.deps import Container, container, require_tenant
from mailroom.providers.base import OutboundEmail
from mailroom.repositories import campaigns as campaigns_repo
from mailroom.repositories import events as events_repo
from mailroom.services.campaigns import CampaignNotFound, CampaignService, InvalidTransition
from mailroom.services.quota import QuotaExceeded
from mailroom.services.templates import TemplateRenderError, render
from mailroom.ws.hub import hub

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/campaigns", tags=["campaigns"])


class CampaignIn(BaseModel):
    name: str
    list_id: int
    template_id: int
    sender_domain_id: int
    segment_id: int | None = None
    provider: str = "ses"
    merge_data: dict = {}


class ScheduleIn(BaseModel):
    send_at: datetime


class TestSendIn(BaseModel):
    to: str


def _service(session: AsyncSession = Depends(get_session), c: Container = Depends(container)) -> CampaignService:
    return CampaignService(session, c.links, c.progress)


@router.get("")
async def list_campaigns(tenant: Tenant = Depends(require_tenant), svc: CampaignService = Depends(_service)):
    return await svc.list(tenant.id)


@router.post("", status_code=201)
async def create_campaign(body: CampaignIn, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session)):
    if body.provider not in ("ses", "sendgrid"):
        raise HTTPException(422, "unknown provider")
    campaign = Campaign(tenant_id=tenant.id, **body.model_dump())
    session.add(campaign)
    await session.commit()
    return {"id": campaign.id, "status": campaign.status.value}


@router.post("/{campaign_id}/schedule")
async def schedule(campaign_id: int, body: ScheduleIn, tenant: Tenant = Depends(require_tenant), svc: CampaignService = Depends(_service)):
    try:
        campaign = await svc.schedule(tenant.id, campaign_id, body.send_at)
    except CampaignNotFound:
        raise HTTPException(404, "campaign not found")
    except InvalidTransition as exc:
        raise HTTPException(409, str(exc))
    return {"id": campaign.id, "status": campaign.status.value, "send_at": campaign.send_at}


@router.post("/{campaign_id}/{action}")
async def control(campaign_id: int, action: str, tenant: Tenant = Depends(require_tenant), svc: CampaignService = Depends(_service)):
    handlers = {"pause": svc.pause, "resume": svc.resume, "cancel": svc.cancel}
    if action not in handlers:
        raise HTTPException(404, "unknown action")
    try:
        await handlers[action](tenant.id, campaign_id)
    except CampaignNotFound:
        raise HTTPException(404, "campaign not found")
    except InvalidTransition as exc:
        raise HTTPException(409, str(exc))
    return {"ok": True}


@router.get("/stats")
async def stats(
    ids: str,
    tenant: Tenant = Depends(require_tenant),
    session: AsyncSession = Depends(get_session),
):
    wanted = [int(x) for x in ids.split(",") if x.strip().isdigit()][:100]
    wanted_set = set(wanted)
    owned = [c.id for c in await campaigns_repo.list_for_tenant(session, tenant.id, limit=1000) if c.id in wanted_set]
    counts = await campaigns_repo.message_counts(session, owned)
    return {str(cid): counts.get(cid, {}) for cid in owned}


@router.get("/{campaign_id}/report")
async def report(campaign_id: int, tenant: Tenant = Depends(require_tenant), session: AsyncSession = Depends(get_session), c: Container = Depends(container)):
    campaign = await campaigns_repo.get_for_tenant(session, tenant.id, campaign_id)
    if campaign is None:
        raise HTTPException(404, "campaign not found")
    engagement = await events_repo.counts_by_kind(campaign_id)
    progress = await c.progress.snapshot(campaign_id)
    return {
        "status": campaign.status.value,
        "recipients": campaign.total_recipients,
        "events": engagement,
        "progress": progress,
        "watchers": hub.watching(campaign_id),
    }


@router.post("/{campaign_id}/test")
async def test_send(
    campaign_id: int,
    body: TestSendIn,
    tenant: Tenant = Depends(require_tenant),
    session: AsyncSession = Depends(get_session),
    c: Container = Depends(container),
):
    campaign = await campaigns_repo.get_for_tenant(session, tenant.id, campaign_id)
    if campaign is None:
        raise HTTPException(404, "campaign not found")
    try:
        await c.quota.consume(tenant.id, 1, window=3600)
    except QuotaExceeded as exc:
        raise HTTPException(429, str(exc)) from exc
    template = await session.get(Template, campaign.template_id)
    domain = await session.get(SenderDomain, campaign.sender_domain_id)
    try:
        rendered = render(template, {"subscriber": {"email": body.to, "first_name": "Test"}, "unsubscribe_url": "#"})
    except TemplateRenderError as exc:
        raise HTTPException(422, str(exc)) from exc
    result = await c.providers[campaign.provider].send(
        OutboundEmail(message_id=0, to=body.to, from_addr=f"{campaign.from_local_part}@{domain.domain}",
                      subject="[TEST] " + rendered.subject, html=rendered.html, text=rendered.text)
    )
    return {"status": result.status, "detail": result.detail}
