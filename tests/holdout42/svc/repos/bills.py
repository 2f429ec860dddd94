from __future__ import annotations

from collections.abc import Sequence
import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from svc.db.models import Bill, DunningEvent, Payment

class BillsRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, bill_id: int) -> Bill | None:
        return await self.session.get(Bill, bill_id)

    async def list_for_account(self, account_id: int, *, max_rows: int = 24) -> list[Bill]:
        res = await self.session.execute(
            select(Bill)
            .where(Bill.account_id == account_id)
            .order_by(Bill.issued_at.desc())
            .limit(max_rows)
        )
        return list(res.scalars())

    async def exists_for_period(self, account_id: int, period_start: dt.date) -> bool:
        res = await self.session.execute(
            select(Bill.id).where(Bill.account_id == account_id, Bill.period_start == period_start)
        )
        return res.first() is not None

    def add(self, bill: Bill) -> None:
        self.session.add(bill)

    async def mark_paid(self, bill_id: int) -> bool:
        res = await self.session.execute(
            update(Bill).where(Bill.id == bill_id, Bill.status != "paid").values(status="paid").returning(Bill.id)
        )
        return res.first() is not None

    async def overdue(self, cutoff: dt.date, limit: int = 1000) -> list[Bill]:
        res = await self.session.execute(
            select(Bill).where(Bill.status == "issued", Bill.due_date < cutoff).order_by(Bill.due_date).limit(limit)
        )
        return list(res.scalars())

    async def not_emailed(self, limit: int = 500) -> list[Bill]:
        res = await self.session.execute(
            select(Bill)
            .options(joinedload(Bill.account))
            .where(Bill.status == "issued", Bill.emailed_at.is_(None))
            .order_by(Bill.id)
            .limit(limit)
        )
        return list(res.scalars())

    async def mark_emailed(self, bill_id: int, at: dt.datetime) -> None:
        await self.session.execute(update(Bill).where(Bill.id == bill_id).values(emailed_at=at))


class PaymentsRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, payment_id: int) -> Payment:
        payment = await self.session.get(Payment, payment_id)
        if payment is None:
            raise LookupError(f"payment {payment_id} not found")
        return payment

    async def by_provider_ref(self, provider_ref: str) -> Payment | None:
        res = await self.session.execute(select(Payment).where(Payment.provider_ref == provider_ref))
        return res.scalar_one_or_none()

    async def by_idempotency_key(self, key: str) -> Payment | None:
        res = await self.session.execute(select(Payment).where(Payment.idempotency_key == key))
        return res.scalar_one_or_none()

    def add(self, payment: Payment) -> None:
        self.session.add(payment)

    async def pending_before(self, cutoff: dt.datetime, limit: int = 500) -> list[Payment]:
        res = await self.session.execute(
            select(Payment)
            .where(Payment.status == "pending", Payment.created_at < cutoff)
            .order_by(Payment.id)
            .limit(limit)
        )
        return list(res.scalars())


class DunningRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def stages_for_bills(self, bill_ids: Sequence[int]) -> dict[int, set[str]]:
        out: dict[int, set[str]] = {bid: set() for bid in bill_ids}
        if not bill_ids:
            return out
        res = await self.session.execute(
            select(DunningEvent.bill_id, DunningEvent.stage).where(DunningEvent.bill_id.in_(bill_ids))
        )
        for bill_id, stage in res.all():
            out[bill_id].add(stage)
        return out

    async def record(self, account_id: int, bill_id: int, stage: str) -> bool:
        res = await self.session.execute(
            insert(DunningEvent)
            .values(account_id=account_id, bill_id=bill_id, stage=stage)
            .on_conflict_do_nothing(index_elements=["bill_id", "stage"])
            .returning(DunningEvent.id)
        )
        return res.first() is not None
