from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select, text

from dispensary.db.models import Prescription
from dispensary.repositories.base import BaseRepository

ACTIVE_STATUSES = ("received", "in_progress", "ready")


class PrescriptionRepository(BaseRepository[Prescription]):
    model = Prescription

    async def get_by_exchange_rx_id(self, exchange_rx_id: str) -> Prescription | None:
        result = await self.session.execute(
            select(Prescription).where(Prescription.exchange_rx_id == exchange_rx_id)
        )
        return result.scalar_one_or_none()

    async def get_for_update(self, rx_id: int) -> Prescription | None:
        result = await self.session.execute(
            select(Prescription).where(Prescription.id == rx_id).with_for_update()
        )
        return result.scalar_one_or_none()

    async def get_many(self, rx_ids: Iterable[int]) -> dict[int, Prescription]:
        ids = list(set(rx_ids))
        if not ids:
            return {}
        result = await self.session.execute(select(Prescription).where(Prescription.id.in_(ids)))
        return {rx.id: rx for rx in result.scalars()}

    async def active_for_patient(self, patient_id: int) -> list[Prescription]:
        result = await self.session.execute(
            select(Prescription).where(
                Prescription.patient_id == patient_id, Prescription.status.in_(ACTIVE_STATUSES)
            )
        )
        return list(result.scalars())

    async def count_by_status(self, branch_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for status in ACTIVE_STATUSES:
            stmt = select(func.count()).where(Prescription.branch_id == branch_id, Prescription.status == status)
            counts[status] = (await self.session.execute(stmt)).scalar_one()
        return counts

    async def received_on(self, day: date) -> list[dict]:
        result = await self.session.execute(
            text(
                "SELECT id, exchange_rx_id, branch_id, drug_code, status FROM prescriptions "
                "WHERE DATE(received_at) = :day ORDER BY received_at"
            ),
            {"day": day},
        )
        return [dict(row._mapping) for row in result]

    async def received_between(self, start: datetime, end: datetime, branch_id: int) -> list[Prescription]:
        result = await self.session.execute(
            select(Prescription)
            .where(Prescription.received_at >= start, Prescription.received_at < end)
            .where(Prescription.branch_id == branch_id)
            .order_by(Prescription.received_at)
            .limit(1000)
        )
        return list(result.scalars())
