from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from procurement.db.models import BudgetHold, PurchaseOrder, Requisition
from procurement.repositories import budget_repo
from procurement.services import fx_service
from procurement.utils.locks import budget_lock, po_lock

log = logging.getLogger(__name__)


class BudgetExceeded(Exception):
    def __init__(self, cost_centre_id: int, requested: Decimal, available: Decimal) -> None:
        super().__init__(f"cost centre {cost_centre_id}: requested {requested}, available {available}")
        self.cost_centre_id = cost_centre_id
        self.requested = requested
        self.available = available


class UnknownCostCentre(LookupError):
    pass


async def available(session: AsyncSession, cost_centre_id: int) -> Decimal:
    cc = await budget_repo.get_cost_centre(session, cost_centre_id)
    if cc is None:
        raise UnknownCostCentre(cost_centre_id)
    return cc.annual_budget - cc.committed


async def place_hold(session: AsyncSession, requisition: Requisition) -> BudgetHold:
    amount = await fx_service.to_base(requisition.total_amount, requisition.currency)
    cc = await budget_repo.get_cost_centre(session, requisition.cost_centre_id)
    if cc is None:
        raise UnknownCostCentre(requisition.cost_centre_id)
    remaining = cc.annual_budget - cc.committed
    if amount > remaining:
        raise BudgetExceeded(cc.id, amount, remaining)
    hold = BudgetHold(cost_centre_id=cc.id, requisition_id=requisition.id, amount=amount)
    session.add(hold)
    cc.committed = cc.committed + amount
    await session.commit()
    return hold


async def release_hold(session: AsyncSession, requisition_id: int) -> None:
    hold = await budget_repo.hold_for_requisition(session, requisition_id)
    if hold is None or hold.released:
        return
    hold.released = True
    await budget_repo.add_commitment(session, hold.cost_centre_id, -hold.amount)
    await session.commit()


async def adjust_budget(session: AsyncSession, cost_centre_id: int, new_budget: Decimal) -> Decimal:
    cc = await budget_repo.lock_cost_centre(session, cost_centre_id)
    if cc is None:
        raise UnknownCostCentre(cost_centre_id)
    if new_budget < cc.committed:
        raise BudgetExceeded(cost_centre_id, cc.committed, new_budget)
    cc.annual_budget = new_budget
    await session.commit()
    return new_budget - cc.committed


async def commit_for_po(session: AsyncSession, order: PurchaseOrder, cost_centre_id: int) -> None:
    """Convert the requisition hold into a PO commitment, adjusting for the awarded price."""
    po_amount = await fx_service.to_base(order.total_amount, order.currency)
    async with budget_lock(cost_centre_id):
        async with po_lock(order.id):
            hold = await budget_repo.hold_for_requisition(session, order.requisition_id)
            delta = po_amount - (hold.amount if hold else Decimal("0"))
            if delta:
                await budget_repo.add_commitment(session, cost_centre_id, delta)
            if hold is not None:
                hold.released = True
            await session.commit()
