from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timezone

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.models import Campaign, CampaignStatus
from mailroom.repositories import campaigns as campaigns_repo
from mailroom.ws.hub import ProgressPublisher

log = logging.getLogger(__name__)


class CampaignNotFound(LookupError):
    pass


class InvalidTransition(Exception):
    pass


@dataclass
class CampaignSummary:
    id: int
    name: str
    status: str
    template: str
    send_at: datetime | None
    recipients: int


# Process-local locks. Order rule: tenant lock first, then campaign lock.
_tenant_locks: defaultdict[uuid.UUID, asyncio.Lock] = defaultdict(asyncio.Lock)
_campaign_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


def tenant_lock(tenant_id: uuid.UUID) -> asyncio.Lock:
    return _tenant_locks[tenant_id]


def campaign_lock(campaign_id: int) -> asyncio.Lock:
    return _campaign_locks[campaign_id]


HREF_RE = re.compile(r"""href=["'](https?://[^"']+)["']""", re.I)
MAX_PARALLEL = 8


class LinkChecker:
    def __init__(self, client: httpx.AsyncClient, url: str) -> None:
        self._client = client
        self._url = url
        self._sem = asyncio.Semaphore(MAX_PARALLEL)

    async def _verdict(self, link: str) -> bool:
        async with self._sem:
            try:
                resp = await self._client.post(self._url, json={"url": link})
                resp.raise_for_status()
                return resp.json().get("verdict") == "block"
            except (httpx.HTTPError, ValueError) as exc:
                log.warning("linkcheck unavailable for %s: %s; allowing", link, exc)
                return False

    async def check_template(self, html: str) -> list[str]:
        links = sorted(set(HREF_RE.findall(html)))
        verdicts = await asyncio.gather(*(self._verdict(link) for link in links))
        return [link for link, blocked in zip(links, verdicts) if blocked]


class CampaignService:
    def __init__(self, session: AsyncSession, links: LinkChecker, progress: ProgressPublisher):
        self.session = session
        self.links = links
        self.progress = progress

    async def _load(self, tenant_id: uuid.UUID, campaign_id: int) -> Campaign:
        campaign = await campaigns_repo.get_for_tenant(self.session, tenant_id, campaign_id)
        if campaign is None:
            raise CampaignNotFound(campaign_id)
        return campaign

    async def list(self, tenant_id: uuid.UUID) -> list[CampaignSummary]:
        campaigns = await campaigns_repo.list_for_tenant(self.session, tenant_id)
        out = []
        for c in campaigns:
            recipients = await campaigns_repo.count_recipients(self.session, c.id)
            out.append(
                CampaignSummary(
                    id=c.id,
                    name=c.name,
                    status=c.status.value,
                    template=c.template.name,
                    send_at=c.send_at,
                    recipients=recipients,
                )
            )
        return out

    async def schedule(self, tenant_id: uuid.UUID, campaign_id: int, send_at: datetime) -> Campaign:
        campaign = await self._load(tenant_id, campaign_id)
        if campaign.status != CampaignStatus.draft:
            raise InvalidTransition(f"cannot schedule a campaign in status {campaign.status.value}")
        if send_at < datetime.now(timezone.utc):
            raise InvalidTransition("send_at is in the past")
        bad = await self.links.check_template(campaign.template.html_body)
        if bad:
            raise InvalidTransition(f"template contains blocked links: {', '.join(bad)}")
        campaign.status = CampaignStatus.scheduled
        campaign.send_at = send_at
        await self.session.commit()
        log.info("campaign %s scheduled for %s", campaign_id, send_at.isoformat())
        return campaign

    async def pause(self, tenant_id: uuid.UUID, campaign_id: int) -> None:
        async with tenant_lock(tenant_id), campaign_lock(campaign_id):
            ok = await campaigns_repo.transition(
                self.session, campaign_id, CampaignStatus.sending, CampaignStatus.paused
            )
            await self.session.commit()
        if not ok:
            raise InvalidTransition("only a sending campaign can be paused")
        await self.progress.publish(campaign_id, {"event": "paused"})

    async def resume(self, tenant_id: uuid.UUID, campaign_id: int) -> None:
        campaign = await campaigns_repo.get_campaign(self.session, tenant_id, campaign_id)
        if campaign is None or campaign.tenant_id != tenant_id:
            raise CampaignNotFound(campaign_id)
        ok = await campaigns_repo.transition(self.session, campaign_id, CampaignStatus.paused, CampaignStatus.sending)
        await self.session.commit()
        if not ok:
            raise InvalidTransition("campaign is not paused")
        await self.progress.publish(campaign_id, {"event": "resumed"})

    async def cancel(self, tenant_id: uuid.UUID, campaign_id: int) -> None:
        async with campaign_lock(campaign_id):
            campaign = await self._load(tenant_id, campaign_id)
            if campaign.status in (CampaignStatus.sent, CampaignStatus.cancelled):
                raise InvalidTransition(f"campaign already {campaign.status.value}")
            async with tenant_lock(tenant_id):
                await campaigns_repo.set_status(self.session, campaign_id, CampaignStatus.cancelled)
                await self.session.commit()
        await self.progress.publish(campaign_id, {"event": "cancelled"})
