from __future__ import annotations

import uuid
from datetime import datetime
from typing import Sequence

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from mailroom.db.models import Campaign, CampaignStatus, Message


async def get_campaign(session: AsyncSession, campaign_id: int) -> Campaign | None:
    return await session.get(Campaign, campaign_id)


async def get_for_tenant(session: AsyncSession, tenant_id: uuid.UUID, campaign_id: int) -> Campaign | None:
    stmt = select(Campaign).where(Campaign.id == campaign_id, Campaign.tenant_id == tenant_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def list_for_tenant(session: AsyncSession, tenant_id: uuid.UUID, limit: int = 100) -> Sequence[Campaign]:
    stmt = (
        select(Campaign)
        .where(Campaign.tenant_id == tenant_id)
        .options(selectinload(Campaign.template))
        .order_by(Campaign.id.desc())
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def count_recipients(session: AsyncSession, campaign_id: int) -> int:
    stmt = select(func.count()).select_from(Message).where(Message.campaign_id == campaign_id)
    return (await session.execute(stmt)).scalar_one()


async def message_counts(session: AsyncSession, campaign_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    if not campaign_ids:
        return {}
    stmt = (
        select(Message.campaign_id, Message.status, func.count())
        .where(Message.campaign_id.in_(campaign_ids))
        .group_by(Message.campaign_id, Message.status)
    )
    out: dict[int, dict[str, int]] = {cid: {} for cid in campaign_ids}
    for cid, status, n in (await session.execute(stmt)).all():
        out[cid][status] = n
    return out


async def due_campaigns(session: AsyncSession, now: datetime, limit: int = 20) -> Sequence[Campaign]:
    stmt = (
        select(Campaign)
        .where(Campaign.status == CampaignStatus.scheduled, Campaign.send_at <= now)
        .order_by(Campaign.send_at)
        .limit(limit)
    )
    return (await session.execute(stmt)).scalars().all()


async def transition(
    session: AsyncSession, campaign_id: int, expected: CampaignStatus, new: CampaignStatus, **values
) -> bool:
    stmt = (
        update(Campaign)
        .where(Campaign.id == campaign_id, Campaign.status == expected)
        .values(status=new, **values)
        .returning(Campaign.id)
    )
    row = (await session.execute(stmt)).first()
    return row is not None


async def set_status(session: AsyncSession, campaign_id: int, status: CampaignStatus) -> None:
    await session.execute(update(Campaign).where(Campaign.id == campaign_id).values(status=status))
