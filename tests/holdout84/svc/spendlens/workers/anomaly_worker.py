from __future__ import annotations

import asyncio
import logging

import aiohttp

from ..services.container import Container

logger = logging.getLogger("spendlens.workers.anomalies")

SWEEP_SECONDS = 3600
LOCK_NAME = "spendlens:locks:anomaly-sweep"


async def _sweep(container: Container) -> int:
    accounts = await container.accounts.list_enabled()
    tenant_ids = sorted({account.tenant_id for account in accounts})
    notified = 0
    for tenant_id in tenant_ids:
        anomalies = await container.anomalies.detect_for_tenant(tenant_id)
        webhook = await container.redis.hget(f"tenant:settings:{tenant_id}", "anomaly_webhook")
        for anomaly in anomalies:
            try:
                if await container.anomalies.notify(tenant_id, anomaly, webhook):
                    notified += 1
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
    return notified


async def run_anomaly_worker(container: Container, stop: asyncio.Event) -> None:
    while not stop.is_set():
        lock = container.redis.lock(LOCK_NAME, timeout=SWEEP_SECONDS, blocking_timeout=0)
        if await lock.acquire():
            try:
                notified = await _sweep(container)
                logger.info("anomaly sweep done, %d notifications", notified)
            finally:
                await lock.release()
        else:
            logger.debug("another replica holds the anomaly sweep lock")
        try:
            await asyncio.wait_for(stop.wait(), timeout=SWEEP_SECONDS)
        except asyncio.TimeoutError:
            pass
