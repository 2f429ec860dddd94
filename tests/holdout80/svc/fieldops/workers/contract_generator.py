from __future__ import annotations

import asyncio
from datetime import date, timedelta

from fieldops.logging_setup import get_logger
from fieldops.repositories.contracts import ContractRepository
from fieldops.repositories.customers import CustomerRepository
from fieldops.repositories.outbox import OutboxRepository
from fieldops.repositories.sites import SiteRepository
from fieldops.repositories.work_orders import WorkOrderRepository
from fieldops.services.contracts import ContractService
from fieldops.services.notifications import NotificationService
from fieldops.services.work_orders import WorkOrderService
from fieldops.workers.common import Resources

logger = get_logger(__name__)

RUN_EVERY_SECONDS = 3600


class ContractGenerator:
    def __init__(self, resources: Resources) -> None:
        self._res = resources
        self._notifications = NotificationService(resources.sms, resources.email, OutboxRepository(resources.pg_pool))

    def _service(self, session) -> ContractService:
        work_orders = WorkOrderService(WorkOrderRepository(session), SiteRepository(session))
        return ContractService(ContractRepository(session), CustomerRepository(session), work_orders, self._notifications)

    async def _generate_one(self, contract) -> int:
        async with self._res.sessionmaker() as session:
            async with session.begin():
                return await self._service(session).generate_visit(contract)

    async def run_once(self) -> int:
        horizon = date.today() + timedelta(days=self._res.settings.contract_horizon_days)
        async with self._res.sessionmaker() as session:
            service = self._service(session)
            contracts = await service.due(horizon)
            await service.notify_upcoming(contracts)
        results = await asyncio.gather(*(self._generate_one(c) for c in contracts), return_exceptions=True)
        failures = [r for r in results if isinstance(r, Exception)]
        for failure in failures:
            logger.error("visit generation failed", error=repr(failure))
        return len(results) - len(failures)

    async def run_forever(self) -> None:
        while True:
            generated = await self.run_once()
            logger.info("contract generation pass", generated=generated)
            await asyncio.sleep(RUN_EVERY_SECONDS)
