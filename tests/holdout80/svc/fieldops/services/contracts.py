from __future__ import annotations

from datetime import date, datetime

from fieldops.db.models import MaintenanceContract
from fieldops.logging_setup import get_logger
from fieldops.repositories.contracts import ContractRepository
from fieldops.repositories.customers import CustomerRepository
from fieldops.services.notifications import NotificationService
from fieldops.services.work_orders import WorkOrderService

logger = get_logger(__name__)


class ContractService:
    """Turns due maintenance contracts into work orders and tells customers a visit is coming."""

    def __init__(
        self,
        contracts: ContractRepository,
        customers: CustomerRepository,
        work_orders: WorkOrderService,
        notifications: NotificationService,
    ) -> None:
        self._contracts = contracts
        self._customers = customers
        self._work_orders = work_orders
        self._notifications = notifications

    async def due(self, horizon: date, account_id: int | None = None) -> list[MaintenanceContract]:
        return await self._contracts.due_by(horizon, account_id)

    async def generate_visit(self, contract: MaintenanceContract) -> int:
        wo = await self._work_orders.create(
            contract.account_id,
            contract.site_id,
            contract.visit_summary,
            priority="maintenance",
            contract_id=contract.id,
        )
        next_visit = contract.next_visit_on + timedelta(days=contract.interval_days)
        await self._contracts.advance(contract.id, next_visit)
        logger.info("maintenance visit generated", contract_id=contract.id, work_order=wo.number)
        return wo.id

    async def notify_upcoming(self, contracts: list[MaintenanceContract]) -> int:
        sent = 0
        for contract in contracts:
            customer = await self._customers.get(contract.customer_id)
            if customer is None or not customer.phone:
                continue
            when = datetime.combine(contract.next_visit_on, datetime.min.time()).strftime("%A %d %B")
            await self._notifications.queue_sms(customer.phone, f"Your scheduled maintenance visit is due {when}. Reply to book a time.")
            sent += 1
        return sent
