from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Approval, Withdrawal


class WithdrawalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, withdrawal: Withdrawal) -> Withdrawal:
        self.session.add(withdrawal)
        await self.session.flush()
        return withdrawal

    async def get(self, withdrawal_id: int) -> Withdrawal | None:
        return await self.session.get(Withdrawal, withdrawal_id)

    async def get_for_update(self, withdrawal_id: int) -> Withdrawal | None:
        stmt = select(Withdrawal).where(Withdrawal.id == withdrawal_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def by_idempotency_key(self, key: str) -> Withdrawal | None:
        stmt = select(Withdrawal).where(Withdrawal.idempotency_key == key)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_for_customer(self, customer_id: int, limit: int = 50) -> Sequence[Withdrawal]:
        stmt = (
            select(Withdrawal)
            .where(Withdrawal.customer_id == customer_id)
            .order_by(Withdrawal.created_at.desc())
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def by_status(self, status: str, limit: int = 100) -> Sequence[Withdrawal]:
        stmt = select(Withdrawal).where(Withdrawal.status == status).order_by(Withdrawal.id).limit(limit)
        return (await self.session.execute(stmt)).scalars().all()

    async def set_status(self, withdrawal_id: int, status: str, **fields: object) -> None:
        await self.session.execute(
            update(Withdrawal).where(Withdrawal.id == withdrawal_id).values(status=status, **fields)
        )

    async def transition(self, withdrawal_id: int, from_status: str, to_status: str) -> bool:
        result = await self.session.execute(
            update(Withdrawal)
            .where(Withdrawal.id == withdrawal_id, Withdrawal.status == from_status)
            .values(status=to_status)
        )
        return result.rowcount == 1


class ApprovalRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, withdrawal_id: int, approver: str, decision: str, comment: str | None) -> Approval:
        approval = Approval(withdrawal_id=withdrawal_id, approver=approver, decision=decision, comment=comment)
        self.session.add(approval)
        await self.session.flush()
        return approval

    async def list_for(self, withdrawal_id: int) -> list[Approval]:
        stmt = select(Approval).where(Approval.withdrawal_id == withdrawal_id).order_by(Approval.id)
        return list((await self.session.execute(stmt)).scalars())

    async def list_for_many(self, withdrawal_ids: list[int]) -> dict[int, list[Approval]]:
        if not withdrawal_ids:
            return {}
        stmt = select(Approval).where(Approval.withdrawal_id.in_(withdrawal_ids)).order_by(Approval.id)
        grouped: dict[int, list[Approval]] = {wid: [] for wid in withdrawal_ids}
        for approval in (await self.session.execute(stmt)).scalars():
            grouped[approval.withdrawal_id].append(approval)
        return grouped
