from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models.budget import Budget, BudgetAlert


class BudgetRepository:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker

    async def list_for_tenant(self, tenant_id: int) -> list[Budget]:
        async with self._sessionmaker() as session:
            result = await session.scalars(
                select(Budget).where(Budget.tenant_id == tenant_id, Budget.active.is_(True)).order_by(Budget.id)
            )
            return list(result)

    async def list_all_active(self) -> list[Budget]:
        async with self._sessionmaker() as session:
            result = await session.scalars(select(Budget).where(Budget.active.is_(True)))
            return list(result)

    async def for_account(self, account_id: int) -> list[Budget]:
        async with self._sessionmaker() as session:
            result = await session.scalars(
                select(Budget).where(Budget.account_id == account_id, Budget.active.is_(True))
            )
            return list(result)

    async def create(self, tenant_id: int, **fields) -> Budget:
        async with self._sessionmaker() as session:
            budget = Budget(tenant_id=tenant_id, **fields)
            session.add(budget)
            await session.commit()
            return budget

    async def update_fields(self, tenant_id: int, budget_id: int, fields: dict) -> Budget | None:
        async with self._sessionmaker() as session, session.begin():
            budget = await session.scalar(
                select(Budget).where(Budget.id == budget_id, Budget.tenant_id == tenant_id).with_for_update()
            )
            if budget is None:
                return None
            for name, value in fields.items():
                setattr(budget, name, value)
            return budget

    async def delete(self, tenant_id: int, budget_id: int) -> int | None:
        async with self._sessionmaker() as session:
            result = await session.execute(
                delete(Budget).where(Budget.id == budget_id, Budget.tenant_id == tenant_id).returning(Budget.id)
            )
            await session.commit()
            return result.scalar_one_or_none()

    async def add_consumption(self, budget_id: int, delta: Decimal) -> None:
        async with self._sessionmaker() as session:
            row = await session.get(Budget, budget_id)
            if row is None:
                return
            row.consumed_amount = row.consumed_amount + delta
            await session.commit()

    async def apply_credit(self, tenant_id: int, budget_id: int, amount: Decimal) -> Decimal | None:
        async with self._sessionmaker() as session:
            result = await session.execute(
                update(Budget)
                .where(Budget.id == budget_id, Budget.tenant_id == tenant_id)
                .values(consumed_amount=Budget.consumed_amount - amount)
                .returning(Budget.consumed_amount)
            )
            await session.commit()
            return result.scalar_one_or_none()

    async def alert_sent(self, budget_id: int, threshold: int, period_start: date) -> bool:
        async with self._sessionmaker() as session:
            found = await session.scalar(
                select(BudgetAlert.id).where(
                    BudgetAlert.budget_id == budget_id,
                    BudgetAlert.threshold == threshold,
                    BudgetAlert.period_start == period_start,
                )
            )
            return found is not None

    async def mark_alert_sent(self, budget_id: int, threshold: int, period_start: date) -> None:
        async with self._sessionmaker() as session:
            session.add(BudgetAlert(budget_id=budget_id, threshold=threshold, period_start=period_start))
            await session.commit()
