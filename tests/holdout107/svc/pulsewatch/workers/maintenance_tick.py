from __future__ import annotations

import asyncio

import structlog

from pulsewatch.repositories.maintenance import MaintenanceRepository
from pulsewatch.services.maintenance import MaintenanceService
from pulsewatch.timeutil import utcnow

log = structlog.get_logger(__name__)

TICK_S = 30.0


async def tick(repo: MaintenanceRepository, service: MaintenanceService) -> int:
    now = utcnow()
    started = 0
    for window in await repo.due_to_start(now):
        await service.start_window(window)
        started += 1
    for window in await repo.claim_due_to_end(now):
        await service.complete_window(window)
    return started


async def run_forever(repo: MaintenanceRepository, service: MaintenanceService, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            started = await tick(repo, service)
            if started:
                log.info("maintenance.tick", started=started)
        except Exception:
            log.exception("maintenance.tick_failed")
        try:
            await asyncio.wait_for(stop.wait(), timeout=TICK_S)
        except asyncio.TimeoutError:
            pass
