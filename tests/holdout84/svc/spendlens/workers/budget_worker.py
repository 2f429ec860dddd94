from __future__ import annotations

import asyncio
import logging

from ..services.container import Container

logger = logging.getLogger("spendlens.workers.budgets")


async def _log_disabled(container: Container) -> None:
    accounts = await container.accounts.list_enabled()
    budgets = await container.budget_repo.list_all_active()
    enabled_ids = {acct.id for acct in accounts}
    for budget in budgets:
        if budget.account_id is not None and budget.account_id not in enabled_ids:
            logger.info("budget %s watches disabled account %s", budget.id, account.id)


async def run_budget_worker(container: Container, stop: asyncio.Event) -> None:
    interval = container.settings.budget_sweep_seconds
    while not stop.is_set():
        sent = await container.budgets.evaluate_all()
        logger.info("budget sweep complete, %d alerts sent", sent)
        await _log_disabled(container)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval)
        except asyncio.TimeoutError:
            pass
