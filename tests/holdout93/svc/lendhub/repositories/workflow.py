from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Condition, Closing, Disclosure


class ConditionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def open_for(self, application_id: int) -> list[Condition]:
        stmt = select(Condition).where(Condition.application_id == application_id, Condition.status == "open")
        return list((await self.session.execute(stmt)).scalars())

    async def open_counts(self, application_ids: list[int]) -> dict[int, int]:
        stmt = (
            select(Condition.application_id, func.count())
            .where(Condition.application_id.in_(application_ids), Condition.status == "open")
            .group_by(Condition.application_id)
        )
        return {app_id: n for app_id, n in (await self.session.execute(stmt)).all()}

    async def clear(self, condition_id: int, underwriter_id: int) -> bool:
        result = await self.session.execute(
            update(Condition)
            .where(Condition.id == condition_id, Condition.status == "open")
            .values(status="cleared", cleared_by=underwriter_id)
        )
        return (result.rowcount or 0) == 1

    async def add_many(self, conditions: list[Condition]) -> None:
        self.session.add_all(conditions)
        await self.session.flush()


class ClosingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_application(self, application_id: int) -> Closing | None:
        stmt = select(Closing).where(Closing.application_id == application_id)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def schedule(self, application_id: int, title_company_id: str, when, order_ref: str) -> None:
        stmt = insert(Closing).values(
            application_id=application_id,
            title_company_id=title_company_id,
            scheduled_for=when,
            title_order_ref=order_ref,
            status="scheduled",
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[Closing.application_id],
            set_={"scheduled_for": when, "title_company_id": title_company_id, "title_order_ref": order_ref},
        )
        await self.session.execute(stmt)


class DisclosureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def due_before(self, cutoff: datetime) -> list[Disclosure]:
        stmt = (
            select(Disclosure)
            .where(Disclosure.status == "pending", Disclosure.due_at <= cutoff)
            .order_by(Disclosure.due_at)
            .limit(500)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def for_application(self, application_id: int, kind: str) -> Disclosure | None:
        stmt = select(Disclosure).where(Disclosure.application_id == application_id, Disclosure.kind == kind)
        return (await self.session.execute(stmt)).scalars().first()

    async def mark_sent(self, disclosure_id: int, at: datetime) -> None:
        await self.session.execute(
            update(Disclosure).where(Disclosure.id == disclosure_id).values(status="sent", sent_at=at)
        )

    async def add(self, disclosure: Disclosure) -> None:
        self.session.add(disclosure)
        await self.session.flush()
