from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Bed, BedState
from ..utils.timeutil import utcnow


class BedRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, bed_id: int) -> Bed | None:
        return await self._session.get(Bed, bed_id)

    async def list_by_ward(self, ward_id: int) -> list[Bed]:
        result = await self._session.execute(
            select(Bed).where(Bed.ward_id == ward_id).order_by(Bed.label)
        )
        return list(result.scalars())

    async def list_by_ward_with_patients(self, ward_id: int) -> list[Bed]:
        result = await self._session.execute(
            select(Bed).options(selectinload(Bed.patient)).where(Bed.ward_id == ward_id).order_by(Bed.label)
        )
        return list(result.scalars())

    async def find_by_label(self, ward_id: int, label: str) -> Bed | None:
        result = await self._session.execute(select(Bed).where(Bed.ward_id == ward_id, Bed.label == label))
        return result.scalar_one_or_none()

    async def lock_for_assignment(self, bed_id: int) -> Bed | None:
        result = await self._session.execute(select(Bed).where(Bed.id == bed_id).with_for_update())
        return result.scalar_one_or_none()

    async def list_ready(self, ward_ids: list[int]) -> list[Bed]:
        result = await self._session.execute(
            select(Bed).where(Bed.ward_id.in_(ward_ids), Bed.state == BedState.READY)
        )
        return list(result.scalars())

    async def set_state(self, bed_id: int, state: BedState, patient_id: int | None = None) -> None:
        await self._session.execute(
            update(Bed).where(Bed.id == bed_id).values(state=state, patient_id=patient_id, updated_at=utcnow())
        )

    async def count_by_state(self, ward_id: int) -> dict[str, int]:
        result = await self._session.execute(
            select(Bed.state, func.count()).where(Bed.ward_id == ward_id).group_by(Bed.state)
        )
        return {state.value: count for state, count in result.all()}
