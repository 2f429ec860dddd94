from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.models import ImagingOrder, Patient, Study
from readroom.utils.timeutil import day_bounds


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, order_id: int) -> ImagingOrder | None:
        return await self.session.get(ImagingOrder, order_id)

    async def get_by_accession(self, accession: str) -> ImagingOrder | None:
        result = await self.session.execute(
            select(ImagingOrder).where(ImagingOrder.accession_number == accession)
        )
        return result.scalar_one_or_none()

    async def get_by_placer(self, placer_order_number: str) -> ImagingOrder | None:
        result = await self.session.execute(
            select(ImagingOrder).where(ImagingOrder.placer_order_number == placer_order_number)
        )
        return result.scalar_one_or_none()

    async def upsert_patient(self, *, mrn: str, family: str, given: str, birth_date: date | None, sex: str | None) -> int:
        stmt = (
            insert(Patient)
            .values(mrn=mrn, family_name=family, given_name=given, birth_date=birth_date, sex=sex)
            .on_conflict_do_update(
                index_elements=[Patient.mrn],
                set_={"family_name": family, "given_name": given, "birth_date": birth_date, "sex": sex},
            )
            .returning(Patient.id)
        )
        return (await self.session.execute(stmt)).scalar_one()

    async def get_patient(self, patient_id: int) -> Patient | None:
        return await self.session.get(Patient, patient_id)

    async def get_patients(self, patient_ids: list[int]) -> dict[int, Patient]:
        if not patient_ids:
            return {}
        result = await self.session.execute(select(Patient).where(Patient.id.in_(patient_ids)))
        return {p.id: p for p in result.scalars()}

    async def upsert_order(self, values: dict) -> int:
        stmt = insert(ImagingOrder).values(**values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[ImagingOrder.accession_number],
            set_={k: stmt.excluded[k] for k in values if k not in ("accession_number",)},
        ).returning(ImagingOrder.id)
        return (await self.session.execute(stmt)).scalar_one()

    async def set_status(self, order_id: int, status: str) -> None:
        await self.session.execute(
            update(ImagingOrder).where(ImagingOrder.id == order_id).values(status=status)
        )

    async def scheduled_for_day(self, day: date, modality: str | None = None) -> list[ImagingOrder]:
        start, end = day_bounds(day)
        stmt = (
            select(ImagingOrder)
            .where(ImagingOrder.status == "SCHEDULED")
            .where(ImagingOrder.scheduled_at >= start, ImagingOrder.scheduled_at < end)
            .order_by(ImagingOrder.scheduled_at)
            .limit(2000)
        )
        if modality:
            stmt = stmt.where(ImagingOrder.modality == modality)
        return list((await self.session.execute(stmt)).scalars())

    async def merge_patient(self, prior_mrn: str, surviving_id: int) -> int:
        prior = await self.session.execute(select(Patient.id).where(Patient.mrn == prior_mrn))
        prior_id = prior.scalar_one_or_none()
        if prior_id is None or prior_id == surviving_id:
            return 0
        moved = await self.session.execute(
            update(ImagingOrder).where(ImagingOrder.patient_id == prior_id).values(patient_id=surviving_id)
        )
        await self.session.execute(
            update(Study).where(Study.patient_id == prior_id).values(patient_id=surviving_id)
        )
        return moved.rowcount or 0

    async def touch(self, order_id: int, when: datetime) -> None:
        await self.session.execute(
            update(ImagingOrder).where(ImagingOrder.id == order_id).values(updated_at=when)
        )
