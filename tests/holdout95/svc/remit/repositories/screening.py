from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.screening_api import ScreeningMatch
from ..models import ScreeningCase, ScreeningHit


class ScreeningRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def open_case(self, transfer_id: uuid.UUID) -> ScreeningCase:
        case = ScreeningCase(transfer_id=transfer_id, status="open")
        self._session.add(case)
        await self._session.flush()
        return case

    async def insert_hit(self, case_id: uuid.UUID, match: ScreeningMatch) -> None:
        self._session.add(
            ScreeningHit(case_id=case_id, list_name=match.list_name, matched_name=match.matched_name,
                         score=match.score)
        )
        await self._session.flush()

    async def case_for_transfer(self, transfer_id: uuid.UUID) -> ScreeningCase | None:
        result = await self._session.execute(
            select(ScreeningCase).where(ScreeningCase.transfer_id == transfer_id)
        )
        return result.scalar_one_or_none()

    async def queue(self, limit: int = 100) -> list[ScreeningCase]:
        result = await self._session.execute(
            select(ScreeningCase)
            .where(ScreeningCase.status == "open")
            .order_by(ScreeningCase.created_at)
            .limit(limit)
        )
        return list(result.scalars())

    async def hits_for_cases(self, case_ids: list[uuid.UUID]) -> list[ScreeningHit]:
        result = await self._session.execute(
            select(ScreeningHit).where(ScreeningHit.case_id.in_(case_ids)).order_by(ScreeningHit.score.desc())
        )
        return list(result.scalars())

    async def set_status(self, case_id: uuid.UUID, status: str, analyst: str, note: str) -> ScreeningCase | None:
        result = await self._session.execute(
            select(ScreeningCase).where(ScreeningCase.id == case_id).with_for_update()
        )
        case = result.scalar_one_or_none()
        if case is None:
            return None
        case.status = status
        case.assigned_to = analyst
        case.notes = (case.notes + "\n" + note).strip()
        return case
