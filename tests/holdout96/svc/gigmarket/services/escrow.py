from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payments import PaymentsClient
from ..errors import Conflict, Forbidden, NotFound
from ..models import User
from ..repositories.contracts_repo import ContractsRepository, MilestonesRepository
from ..utils.locks import KeyedLocks
from .milestones import MilestoneService


logger = logging.getLogger(__name__)


class EscrowService:
    """Funding milestones into escrow and moving escrowed money back out."""

    def __init__(
        self,
        session: AsyncSession,
        payments: PaymentsClient,
        locks: KeyedLocks,
        milestones: MilestoneService,
    ) -> None:
        self.session = session
        self.payments = payments
        self.locks = locks
        self.milestone_service = milestones
        self.contracts = ContractsRepository(session)
        self.milestones = MilestonesRepository(session)

    async def fund(self, milestone_id: int, client: User, customer_ref: str) -> dict[str, Any]:
        milestone = await self.milestones.lock(milestone_id)
        if milestone is None:
            raise NotFound("milestone")
        contract = await self.contracts.get_contract(milestone.contract_id)
        if contract is None or contract.client_id != client.id:
            raise Forbidden("not your contract")
        if milestone.status != "pending":
            raise Conflict(f"milestone is {milestone.status}")
        intent = await self.payments.create_intent(milestone.id, milestone.amount, contract.currency, customer_ref)
        milestone.payment_intent_id = intent["id"]
        milestone.status = "funding"
        await self.session.commit()
        return {"client_secret": intent["client_secret"], "intent_id": intent["id"]}

    async def on_payment_succeeded(self, intent_id: str) -> None:
        found = await self.milestones.by_intent(intent_id)
        if found is None:
            logger.warning("payment succeeded for unknown intent %s", intent_id)
            return
        milestone = await self.milestones.lock(found.id)
        if milestone is None or milestone.status != "funding":
            return
        await self.contracts.add_to_escrow(milestone.contract_id, milestone.amount)
        await self.milestones.mark(milestone.id, "funded")
        await self.session.commit()
        logger.info("milestone %s funded via %s", milestone.id, intent_id)

    async def release_now(self, milestone_id: int, client: User) -> None:
        milestone = await self.milestones.get(milestone_id)
        if milestone is None:
            raise NotFound("milestone")
        async with self.locks.contract(milestone.contract_id):
            contract = await self.contracts.get_contract(milestone.contract_id)
            if contract is None or contract.client_id != client.id:
                raise Forbidden("not your contract")
            if milestone.status not in ("approved", "submitted"):
                raise Conflict(f"milestone is {milestone.status}")
            await self.milestone_service.release_funds(milestone)

    async def refund(self, milestone_id: int) -> None:
        milestone = await self.milestones.get(milestone_id)
        if milestone is None or milestone.payment_intent_id is None:
            raise NotFound("milestone")
        await self.payments.refund(milestone.payment_intent_id)
        balance = await self.contracts.get_escrow_balance(milestone.contract_id)
        await self.contracts.set_escrow_balance(milestone.contract_id, balance - milestone.amount)
        await self.milestones.mark(milestone.id, "refunded")
        await self.session.commit()
