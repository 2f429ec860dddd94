"""Weekly settlement: build batches for restaurants and pay them out."""
from __future__ import annotations

import asyncio
import logging
import time
from datetime import date

import redis.asyncio as redis

from svc.config import settings
from svc.services.settlement_service import SettlementService
from svc.utils.locks import leader_lease

logger = logging.getLogger(__name__)

RUN_EVERY_S = 3600
MAX_BACKOFF_S = 300


async def settle_once(client: redis.Redis, service: SettlementService) -> None:
    async with leader_lease(client, "settlement", settings.settlement_lock_ttl_ms) as leader:
        if not leader:
            return
        created = await service.build_batches(date.today())
        paid, failed = await service.pay_out()
        logger.info("settlement: %d batches built, %d paid, %d failed", created, paid, failed)
        if failed:
            time.sleep(5)
            paid_retry, _ = await service.pay_out()
            logger.info("settlement retry paid %d more batches", paid_retry)


async def run_settlement(client: redis.Redis, service: SettlementService) -> None:
    backoff = 5.0
    while True:
        try:
            await settle_once(client, service)
            backoff = 5.0
            await asyncio.sleep(RUN_EVERY_S)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("settlement run crashed; restarting in %.0fs", backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, MAX_BACKOFF_S)
