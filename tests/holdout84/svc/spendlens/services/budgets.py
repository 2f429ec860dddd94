from __future__ import annotations

import contextlib
import logging
from datetime import date
from decimal import Decimal

from redis.exceptions import RedisError

from ..errors import NotFound
from ..models.budget import Budget
from ..models.tenant import CloudAccount
from ..repositories.accounts import AccountRepository
from ..repositories.budgets import BudgetRepository
from ..schemas import BudgetIn
from ..utils.money import percent_of, period_start
from .alerts import AlertService
from .cache import SpendCache

logger = logging.getLogger(__name__)


def serialize_budget(budget: Budget) -> dict:
    return {
        "id": budget.id,
        "name": budget.name,
        "amount": str(budget.amount),
        "currency": budget.currency,
        "period": budget.period,
        "account_id": budget.account_id,
        "thresholds": list(budget.thresholds),
        "notify_emails": list(budget.notify_emails),
        "slack_webhook": budget.slack_webhook,
        "consumed_amount": str(budget.consumed_amount),
    }


class BudgetService:
    def __init__(
        self, repo: BudgetRepository, accounts: AccountRepository, alerts: AlertService, cache: SpendCache
    ) -> None:
        self._repo = repo
        self._accounts = accounts
        self._alerts = alerts
        self._cache = cache

    async def list_for_tenant(self, tenant_id: int) -> list[dict]:
        try:
            cached = await self._cache.get_budgets(tenant_id)
        except RedisError:
            logger.warning("budget cache unavailable, reading from postgres")
            cached = None
        if cached is not None:
            return cached
        payload = [serialize_budget(b) for b in await self._repo.list_for_tenant(tenant_id)]
        with contextlib.suppress(RedisError):
            await self._cache.set_budgets(tenant_id, payload)
        return payload

    async def create(self, tenant_id: int, data: BudgetIn) -> Budget:
        if data.account_id is not None:
            account = await self._accounts.get(data.account_id)
            if account is None or account.tenant_id != tenant_id:
                raise NotFound("account not found")
        budget = await self._repo.create(tenant_id, **data.model_dump())
        await self._cache.invalidate_budgets(tenant_id)
        return budget

    async def update(self, tenant_id: int, budget_id: int, fields: dict) -> Budget:
        budget = await self._repo.update_fields(tenant_id, budget_id, fields)
        if budget is None:
            raise NotFound("budget not found")
        return budget

    async def apply_credit(self, tenant_id: int, budget_id: int, amount: Decimal) -> Decimal:
        consumed = await self._repo.apply_credit(tenant_id, budget_id, amount)
        if consumed is None:
            raise NotFound("budget not found")
        return consumed

    async def record_spend(self, tenant_id: int, account_id: int, amount: Decimal) -> None:
        for budget in await self._repo.for_account(account_id):
            await self._repo.add_consumption(budget.id, amount)

    async def evaluate_all(self) -> int:
        budgets = await self._repo.list_all_active()
        sent = 0
        for budget in budgets:
            account = await self._accounts.get(budget.account_id) if budget.account_id else None
            sent += await self._evaluate(budget, account)
        return sent

    async def _evaluate(self, budget: Budget, account: CloudAccount | None) -> int:
        if account is not None and not account.enabled:
            return 0
        today = date.today()
        if budget.period == "monthly" or "quarterly":
            window_start = period_start(today, budget.period)
        else:
            # yearly budgets follow the tenant's fiscal year, stored on the budget
            window_start = budget.period_start
        pct = percent_of(budget.consumed_amount, budget.amount)
        sent = 0
        for threshold in sorted(budget.thresholds):
            if pct < threshold:
                break
            if not await self._repo.alert_sent(budget.id, threshold, window_start):
                await self._alerts.budget_threshold(budget, pct, threshold)
                await self._repo.mark_alert_sent(budget.id, threshold, window_start)
                sent += 1
        return sent
