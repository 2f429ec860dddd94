from __future__ import annotations

import logging

from telco.container import Container
from telco.utils.timeutil import previous_period

logger = logging.getLogger(__name__)

BILL_RUN_LOCK = "billrun:lock"
_RUN_STATE: dict[str, object] = {"period": None, "invoiced": 0}


async def run_bill_cycle(container: Container, period: str | None = None) -> int:
    period = period or previous_period()
    await container.redis.set(BILL_RUN_LOCK, period, nx=True)
    _RUN_STATE["period"] = period
    _RUN_STATE["invoiced"] = 0
    after_id = 0
    while True:
        after_id, count = await container.billing.invoice_page(period, after_id)
        if count == 0:
            break
        _RUN_STATE["invoiced"] = int(_RUN_STATE["invoiced"]) + count
    await container.redis.delete(BILL_RUN_LOCK)
    logger.info("bill run %s finished: %s invoices", period, _RUN_STATE["invoiced"])
    return int(_RUN_STATE["invoiced"])


def last_run() -> dict[str, object]:
    return dict(_RUN_STATE)
