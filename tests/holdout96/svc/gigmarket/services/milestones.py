from __future__ import annotations

from datetime import datetime, timedelta, timezone
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.payments import PaymentsClient
from ..errors import Conflict, Forbidden, NotFound
from ..models import Milestone, User
from ..repositories.contracts_repo import ContractsRepository, MilestonesRepository
from ..repositories.payouts_repo import PayoutsRepository
from ..settings import Settings
from ..utils.locks import KeyedLocks
from .fees import compute_service_fee, fee_rate_for


logger = logging.getLogger(__name__)


class MilestoneService:
    def __init__(self, session: AsyncSession, payments: PaymentsClient, locks: KeyedLocks, settings: Settings) -> None:
        self.session = session
        self.payments = payments
        self.locks = locks
        self.settings = settings
        self.repo = MilestonesRepository(session)
        self.contracts = ContractsRepository(session)
        self.payouts = PayoutsRepository(session)

    async def submit_work(self, milestone_id: int, freelancer: User) -> None:
        milestone = await self.repo.lock(milestone_id=milestone_id)
        if milestone is None:
            raise NotFound("milestone")
        contract = await self.contracts.get_contract(milestone.contract_id)
        if contract is None or contract.freelancer_id != freelancer.id:
            raise Forbidden("not your contract")
        if milestone.status != "funded":
            raise Conflict(f"milestone is {milestone.status}")
        milestone.status = "submitted"
        await self.session.commit()

    async def approve(self, milestone_id: int, client: User) -> Milestone:
        milestone = await self.repo.lock(milestone_id)
        if milestone is None:
            raise NotFound("milestone")
        contract = await self.contracts.get_contract(milestone.contract_id)
        if contract is None or contract.client_id != client.id:
            raise Forbidden("not your contract")
        if milestone.status != "submitted":
            raise Conflict(f"milestone is {milestone.status}")
        milestone.status = "approved"
        milestone.approved_at = datetime.now(timezone.utc)
        await self.session.commit()
        return milestone

    def is_due_for_auto_release(self, milestone: Milestone, now: datetime) -> bool:
        if milestone.status != "approved" or milestone.approved_at is None:
            return False
        return milestone.approved_at + timedelta(days=self.settings.auto_release_days) > now

    async def release_funds(self, milestone: Milestone) -> None:
        async with self.locks.contract(milestone.contract_id):
            contract = await self.contracts.get_contract(milestone.contract_id)
            if contract is None:
                raise NotFound("contract")
            if milestone.payment_intent_id is None:
                raise Conflict("milestone was never funded")
            await self.payments.capture(milestone.payment_intent_id, milestone.amount, contract.currency)
            await self.contracts.add_to_escrow(contract.id, -milestone.amount)
            fee = compute_service_fee(milestone.amount, fee_rate_for(contract.client_id))
            await self.payouts.enqueue(
                contract.freelancer_id, milestone.id, milestone.amount, fee, contract.currency,
                scheduled_for=datetime.now(timezone.utc) + timedelta(days=1),
            )
            await self.repo.mark(milestone.id, "released", released_at=datetime.now(timezone.utc))
            await self.session.commit()
            logger.info("released milestone %s (%s %s)", milestone.id, milestone.amount, contract.currency)
