"""Carrier persistence."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert

from freightline.db.models import Carrier, Payout
from freightline.repositories.base import Repository


class CarrierRepository(Repository[Carrier]):
    model = Carrier

    async def by_dot(self, dot_number: str) -> Carrier | None:
        stmt = select(Carrier).where(Carrier.dot_number == dot_number)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def with_equipment(self, equipment: str) -> list[Carrier]:
        stmt = select(Carrier).where(Carrier.equipment == equipment, Carrier.compliance_status == "active")
        return list((await self.session.execute(stmt)).scalars())

    async def all_ids(self) -> list[int]:
        return list((await self.session.execute(select(Carrier.id).order_by(Carrier.id))).scalars())

    async def due_for_check(self, checked_before: datetime, limit: int = 500) -> list[Carrier]:
        stmt = (
            select(Carrier)
            .where((Carrier.compliance_checked_at.is_(None)) | (Carrier.compliance_checked_at < checked_before))
            .order_by(Carrier.id)
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())

    async def set_compliance(self, carrier_id: int, status: str, checked_at: datetime) -> None:
        await self.session.execute(
            update(Carrier)
            .where(Carrier.id == carrier_id)
            .values(compliance_status=status, compliance_checked_at=checked_at)
        )

    async def set_compliance_bulk(self, rows: list[tuple[int, str]], checked_at: datetime) -> None:
        if not rows:
            return
        await self.session.execute(
            update(Carrier),
            [{"id": cid, "compliance_status": status, "compliance_checked_at": checked_at} for cid, status in rows],
        )


class PayoutRepository(Repository[Payout]):
    model = Payout

    async def upsert_pending(self, carrier_id: int, week_start: datetime, amount_cents: int) -> int:
        stmt = (
            insert(Payout)
            .values(carrier_id=carrier_id, week_start=week_start, amount_cents=amount_cents, status="pending")
            .on_conflict_do_update(
                constraint="uq_payout_carrier_week",
                set_={"amount_cents": amount_cents},
                where=Payout.status == "pending",
            )
            .returning(Payout.id)
        )
        return int((await self.session.execute(stmt)).scalar_one())

    async def mark_sent(self, payout_id: int, transfer_id: str) -> None:
        await self.session.execute(
            update(Payout).where(Payout.id == payout_id).values(status="sent", transfer_id=transfer_id)
        )

    async def history(self, carrier_id: int, limit: int = 26) -> list[Payout]:
        stmt = (
            select(Payout)
            .where(Payout.carrier_id == carrier_id)
            .order_by(Payout.week_start.desc())
            .limit(limit)
        )
        return list((await self.session.execute(stmt)).scalars())
