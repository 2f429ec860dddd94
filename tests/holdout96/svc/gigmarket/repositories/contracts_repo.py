from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..models import Contract, Milestone


class ContractsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_contract(self, contract_id: int) -> Contract | None:
        return await self.session.get(Contract, contract_id)

    async def get_with_milestones(self, contract_id: int) -> Contract | None:
        stmt = select(Contract).options(selectinload(Contract.milestones)).where(Contract.id == contract_id)
        result = await self.session.execute(stmt)
        return result.scalar_one_or_none()

    async def for_user(self, user_id: int, status: str | None = None) -> list[Contract]:
        stmt = select(Contract).where(or_(Contract.client_id == user_id, Contract.freelancer_id == user_id))
        if status:
            stmt = stmt.where(Contract.status == status)
        result = await self.session.execute(stmt.order_by(Contract.id.desc()).limit(200))
        return list(result.scalars())

    async def create(self, **fields: object) -> Contract:
        contract = Contract(**fields)
        self.session.add(contract)
        await self.session.flush()
        return contract

    async def get_escrow_balance(self, contract_id: int) -> Decimal:
        result = await self.session.execute(select(Contract.escrow_balance).where(Contract.id == contract_id))
        return result.scalar_one()

    async def set_escrow_balance(self, contract_id: int, balance: Decimal) -> None:
        await self.session.execute(update(Contract).where(Contract.id == contract_id).values(escrow_balance=balance))

    async def add_to_escrow(self, contract_id: int, delta: Decimal) -> Decimal:
        result = await self.session.execute(
            update(Contract)
            .where(Contract.id == contract_id)
            .values(escrow_balance=Contract.escrow_balance + delta)
            .returning(Contract.escrow_balance)
        )
        return result.scalar_one()


class MilestonesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, milestone_id: int) -> Milestone | None:
        return await self.session.get(Milestone, milestone_id)

    async def lock(self, milestone_id: int) -> Milestone | None:
        stmt = select(Milestone).where(Milestone.id == milestone_id).with_for_update()
        result = await self.session.execute(stmt)
        return result.scalar_one_or_none()

    async def list_for_contract(self, contract_id: int) -> list[Milestone]:
        result = await self.session.execute(
            select(Milestone).where(Milestone.contract_id == contract_id).order_by(Milestone.id)
        )
        return list(result.scalars())

    async def by_intent(self, intent_id: str) -> Milestone | None:
        result = await self.session.execute(select(Milestone).where(Milestone.payment_intent_id == intent_id))
        return result.scalar_one_or_none()

    async def due_for_release(self, approved_before: datetime, limit: int = 100) -> list[Milestone]:
        stmt = (
            select(Milestone)
            .where(Milestone.status == "approved", Milestone.approved_at < approved_before)
            .order_by(Milestone.approved_at)
            .limit(limit)
        )
        result = await self.session.execute(stmt)
        return list(result.scalars())

    async def mark(self, milestone_id: int, status: str, **extra: object) -> None:
        await self.session.execute(update(Milestone).where(Milestone.id == milestone_id).values(status=status, **extra))
