"""Starts campaigns whose send time has come."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from mailroom.db.models import CampaignStatus, Segment
from mailroom.metrics import SCHEDULER_TICKS
from mailroom.repositories import campaigns as campaigns_repo
from mailroom.repositories.messages import MessageRepo
from mailroom.repositories.subscribers import SubscriberRepository
from mailroom.services.segmentation import SegmentEvaluator
from mailroom.utils.timeutil import utcnow
from mailroom.workers.sender import SendWorker

log = logging.getLogger(__name__)


async def _segment_rules(session, segment_id: int | None) -> dict | None:
    if segment_id is None:
        return None
    return (await session.execute(select(Segment.rules).where(Segment.id == segment_id))).scalar_one_or_none()


async def start_due(session_factory: async_sessionmaker, messages: MessageRepo, sender: SendWorker) -> int:
    started = 0
    async with session_factory() as session:
        now = utcnow()
        for campaign in await campaigns_repo.due_campaigns(session, now):
            campaign.status = CampaignStatus.sending
            campaign.started_at = now
            await session.commit()

            rules = await _segment_rules(session, campaign.segment_id)
            recipients = await SegmentEvaluator(SubscriberRepository(session)).resolve(campaign.list_id, rules)
            await messages.enqueue_for_campaign(campaign.id, recipients)
            campaign.total_recipients = len(recipients)
            await session.commit()

            sender.start(campaign.id)
            started += 1
            log.info("campaign %s started with %d recipients", campaign.id, len(recipients))
    return started


async def run_scheduler(
    session_factory: async_sessionmaker, messages: MessageRepo, sender: SendWorker, interval: float
) -> None:
    while True:
        SCHEDULER_TICKS.inc()
        await start_due(session_factory, messages, sender)
        await asyncio.sleep(interval)
