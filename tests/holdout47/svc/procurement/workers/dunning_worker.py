from __future__ import annotations

import asyncio
import logging

from procurement.clients.supplier_api import SupplierGateway
from procurement.db.engine import sessionmaker
from procurement.metrics import DUNNING_SENT
from procurement.services import dunning_service
from procurement.utils.locks import distributed_lock
from procurement.utils.retry import backoff_delay

log = logging.getLogger(__name__)

RUN_EVERY_SECONDS = 3600


async def run(gateway: SupplierGateway) -> None:
    failures = 0
    while True:
        try:
            async with distributed_lock("dunning", ttl_seconds=RUN_EVERY_SECONDS) as leader:
                if leader:
                    async with sessionmaker()() as session:
                        summary = await dunning_service.run_once(session, gateway)
                    DUNNING_SENT.inc(summary.reminded)
                    log.info("dunning run: %s", summary)
            failures = 0
            await asyncio.sleep(RUN_EVERY_SECONDS)
        except asyncio.CancelledError:
            raise
        except Exception:
            failures += 1
            delay = backoff_delay(failures, base=5.0, cap=600.0)
            log.exception("dunning run failed (%d in a row), retrying in %.0fs", failures, delay)
            await asyncio.sleep(delay)
