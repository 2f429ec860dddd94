from __future__ import annotations

from datetime import datetime, timedelta, timezone
import logging

from ..clients.payments import PaymentsClient
from ..db import SessionFactory
from ..repositories.contracts_repo import ContractsRepository, MilestonesRepository
from ..services.fees import build_fee_breakdown, fee_rate_for
from ..services.milestones import MilestoneService
from ..services.notifications import NotificationHub
from ..settings import Settings
from ..utils.locks import KeyedLocks


logger = logging.getLogger(__name__)


class AutoReleaseWorker:
    """Releases approved milestones the client has not released within the review window."""

    def __init__(self, settings: Settings, payments: PaymentsClient, hub: NotificationHub) -> None:
        self.settings = settings
        self.payments = payments
        self.hub = hub
        self.locks = KeyedLocks()

    async def run_once(self) -> int:
        now = datetime.now(timezone.utc)
        cutoff = now - timedelta(days=self.settings.auto_release_days)
        released = 0
        async with SessionFactory() as session:
            milestones_repo = MilestonesRepository(session)
            contracts = ContractsRepository(session)
            service = MilestoneService(session, self.payments, self.locks, self.settings)
            due = await milestones_repo.due_for_release(cutoff)
            for milestone in due:
                if not service.is_due_for_auto_release(milestone, now):
                    continue
                contract = await contracts.get_contract(milestone.contract_id)
                if contract is None:
                    continue
                breakdown = await build_fee_breakdown(milestone.amount, fee_rate_for(contract.client_id), contract.currency)
                await service.release_funds(milestone)
                await self.hub.publish(contract.freelancer_id, {"type": "milestone.auto_released", **breakdown})
                released += 1
        logger.info("auto-release: %d of %d due milestones released", released, len(due))
        return released
