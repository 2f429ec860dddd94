"""Throttled send worker: drains a campaign's queued messages through its provider."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import async_sessionmaker

from mailroom.config import Settings
from mailroom.db.models import Campaign, CampaignStatus, SenderDomain, Template, Tenant
from mailroom.metrics import MESSAGES_FAILED, MESSAGES_SENT
from mailroom.providers.base import EmailProvider, OutboundEmail, ProviderError
from mailroom.repositories import campaigns as campaigns_repo
from mailroom.repositories import suppressions
from mailroom.repositories.messages import MessageRepo, QueuedMessage
from mailroom.ws.hub import ProgressPublisher
from mailroom.services.quota import QuotaService
from mailroom.services.templates import personalise, render
from mailroom.services.tracking import rewrite_links
from mailroom.services.subscriptions import unsubscribe_url
from mailroom.services.campaigns import campaign_lock, tenant_lock

log = logging.getLogger(__name__)

QUOTA_WAIT_S = 60


@dataclass
class _Recipient:
    email: str
    first_name: str | None = None
    last_name: str | None = None
    attributes: dict | None = None


@dataclass
class _Job:
    campaign: Campaign
    tenant: Tenant
    domain: SenderDomain
    template: Template
    base_context: dict[str, Any]


class SendWorker:
    def __init__(
        self,
        settings: Settings,
        session_factory: async_sessionmaker,
        messages: MessageRepo,
        providers: dict[str, EmailProvider],
        quota: QuotaService,
        progress: ProgressPublisher,
    ) -> None:
        self.settings = settings
        self.session_factory = session_factory
        self.messages = messages
        self.providers = providers
        self.quota = quota
        self.progress = progress
        self._sem = asyncio.Semaphore(settings.send_concurrency)
        self._tasks: set[asyncio.Task] = set()

    def start(self, campaign_id: int) -> None:
        task = asyncio.create_task(self.run_campaign(campaign_id), name=f"send-{campaign_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _load(self, campaign_id: int) -> _Job | None:
        async with self.session_factory() as session:
            campaign = await campaigns_repo.get_campaign(session, campaign_id)
            if campaign is None:
                return None
            tenant = await session.get(Tenant, campaign.tenant_id)
            domain = await session.get(SenderDomain, campaign.sender_domain_id)
            template = await session.get(Template, campaign.template_id)
        ctx = {
            "tenant": {"name": tenant.name},
            "campaign": {"id": campaign.id, "name": campaign.name},
            **(campaign.merge_data or {}),
        }
        return _Job(campaign, tenant, domain, template, ctx)

    async def run_campaign(self, campaign_id: int) -> None:
        job = await self._load(campaign_id)
        if job is None:
            log.warning("campaign %s vanished before sending", campaign_id)
            return
        provider = self.providers[job.campaign.provider]
        sent = failed = 0
        while True:
            async with tenant_lock(job.tenant.id):
                async with campaign_lock(campaign_id):
                    granted = await self.quota.reserve_batch(
                        job.tenant.id, self.settings.send_batch_size, job.tenant.hourly_quota
                    )
                    batch = await self.messages.claim_batch(campaign_id, granted) if granted else []
            if granted and len(batch) < granted:
                await self.quota.release(job.tenant.id, granted - len(batch))
            if not granted:
                await self.progress.publish(campaign_id, {"event": "quota_wait", "sent": sent})
                await asyncio.sleep(QUOTA_WAIT_S)
                continue
            if not batch:
                break

            async with self.session_factory() as session:
                suppressed = await suppressions.suppressed_among(session, job.tenant.id, [m.email for m in batch])
            self.messages.mark_suppressed([m.id for m in batch if m.email.lower() in suppressed])
            outgoing = [m for m in batch if m.email.lower() not in suppressed]

            outcomes = await asyncio.gather(*(self._send_one(job, provider, m) for m in outgoing))
            sent += sum(1 for o in outcomes if o == "sent")
            failed += sum(1 for o in outcomes if o == "failed")
            await self.progress.publish(campaign_id, {"event": "progress", "sent": sent, "failed": failed})

        async with self.session_factory() as session:
            await campaigns_repo.transition(session, campaign_id, CampaignStatus.sending, CampaignStatus.sent)
            await session.commit()
        await self.progress.publish(campaign_id, {"event": "finished", "sent": sent, "failed": failed})
        log.info("campaign %s finished sent=%d failed=%d", campaign_id, sent, failed)

    async def _send_one(self, job: _Job, provider: EmailProvider, msg: QueuedMessage) -> str:
        async with self._sem:
            ctx = personalise(job.base_context, _Recipient(email=msg.email))
            unsub = unsubscribe_url(job.tenant.id, job.campaign.list_id, msg.email)
            ctx["unsubscribe_url"] = unsub
            try:
                rendered = render(job.template, ctx)
                email = OutboundEmail(
                    message_id=msg.id,
                    to=msg.email,
                    from_addr=f"{job.campaign.from_local_part}@{job.domain.domain}",
                    subject=rendered.subject,
                    html=rewrite_links(rendered.html, job.tenant.id, job.campaign.id, msg.id),
                    text=rendered.text,
                    headers={"List-Unsubscribe": f"<{unsub}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
                )
                result = await provider.send(email)
            except ProviderError as exc:
                MESSAGES_FAILED.labels(provider.name, "error").inc()
                await self.messages.mark_failed(msg.id, str(exc), permanent=not exc.transient)
                return "failed"
            except Exception as exc:
                MESSAGES_FAILED.labels(provider.name, "bounce").inc()
                await self.messages.mark_failed(msg.id, f"hard bounce: {exc!r}", permanent=True)
                return "failed"

            if result.status == "accepted":
                await self.messages.mark_sent(msg.id, result.provider_message_id or "")
                MESSAGES_SENT.labels(provider.name).inc()
                return "sent"
            elif result.status == "rejected" or "throttled":
                MESSAGES_FAILED.labels(provider.name, result.status).inc()
                await self.messages.mark_failed(msg.id, result.detail or result.status, permanent=True)
                return "failed"
            else:
                await self.messages.mark_failed(msg.id, result.detail or "throttled", permanent=False)
                return "retry"
