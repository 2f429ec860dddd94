from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from svc.db.models import Application, Offer, OfferStatus, OutboxEvent, Stage


class StaleApplication(Exception):
    pass


class ApplicationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, application_id: int) -> Application | None:
        return await self.session.get(Application, application_id)

    async def for_job(self, job_id: int, stages: Sequence[Stage] | None = None) -> Sequence[Application]:
        stmt = select(Application).where(Application.job_id == job_id)
        if stages:
            stmt = stmt.where(Application.stage.in_(stages))
        return (await self.session.execute(stmt.order_by(Application.created_at))).scalars().all()

    async def for_job_with_candidates(self, job_id: int) -> Sequence[Application]:
        stmt = (
            select(Application)
            .where(Application.job_id == job_id)
            .options(selectinload(Application.candidate))
            .order_by(Application.stage_changed_at.desc())
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def add(self, application: Application) -> Application:
        self.session.add(application)
        await self.session.flush()
        return application

    async def move_stage(self, application_id: int, expected_version: int, stage: Stage) -> None:
        result = await self.session.execute(
            update(Application)
            .where(Application.id == application_id, Application.version == expected_version)
            .values(stage=stage, version=Application.version + 1, stage_changed_at=datetime.now(timezone.utc))
        )
        if result.rowcount == 0:
            raise StaleApplication(application_id)

    async def open_for_candidate(self, candidate_id: int) -> Sequence[Application]:
        stmt = select(Application).where(
            Application.candidate_id == candidate_id,
            Application.stage.notin_([Stage.rejected, Stage.withdrawn, Stage.hired]),
        )
        return (await self.session.execute(stmt)).scalars().all()


class OfferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, offer_id: int) -> Offer | None:
        return await self.session.get(Offer, offer_id)

    async def get_for_update(self, offer_id: int) -> Offer | None:
        stmt = select(Offer).where(Offer.id == offer_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def pending_for_application(self, application_id: int) -> Offer | None:
        stmt = select(Offer).where(
            Offer.application_id == application_id,
            Offer.status.in_([OfferStatus.draft, OfferStatus.pending_approval]),
        )
        return (await self.session.execute(stmt)).scalars().first()

    async def add(self, offer: Offer) -> Offer:
        self.session.add(offer)
        await self.session.flush()
        return offer


async def enqueue(session: AsyncSession, topic: str, payload: dict) -> None:
    session.add(OutboxEvent(topic=topic, payload=payload))


async def next_batch(session: AsyncSession, limit: int = 100) -> Sequence[OutboxEvent]:
    stmt = (
        select(OutboxEvent)
        .where(OutboxEvent.published.is_(False))
        .order_by(OutboxEvent.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (await session.execute(stmt)).scalars().all()


async def mark_published(session: AsyncSession, ids: Sequence[int]) -> None:
    await session.execute(update(OutboxEvent).where(OutboxEvent.id.in_(ids)).values(published=True))
