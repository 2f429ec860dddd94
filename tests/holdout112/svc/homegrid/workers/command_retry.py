"""python -m homegrid.workers.command_retry"""
from __future__ import annotations

import structlog

from datetime import timedelta

from homegrid.container import Container
from homegrid.services.command_dispatch import backoff_for
from homegrid.utils.timeutil import utcnow
from homegrid.workers.base import Stopper, run_worker

log = structlog.get_logger(__name__)

BATCH = 200
STUCK_AFTER = timedelta(minutes=5)


async def requeue_stuck(container: Container) -> int:
    """Commands left in 'sending' by a worker that died mid-batch go back to the queue."""
    stuck = await container.commands.stuck_sending(utcnow() - STUCK_AFTER, BATCH)
    for command_id in stuck:
        attempts = await container.commands.bump_attempts(command_id, utcnow() + backoff_for(1))
        log.info("command_requeued", command_id=str(command_id), attempts=attempts)
    return len(stuck)


async def retry_loop(container: Container, stopper: Stopper) -> None:
    settings = container.settings
    while not stopper.stopping:
        try:
            commands = await container.commands.claim_due(utcnow(), BATCH, settings.command_max_attempts)
            devices = await container.devices.get_many([c.device_id for c in commands])
            for command in commands:
                device = devices.get(command.device_id)
                if device is None:
                    await container.commands.mark_failed(command.id, "device removed")
                    continue
                await container.dispatcher.retry(command, device)
        except Exception:
            log.exception("command_retry_batch_failed")
            await stopper.sleep(5)
            continue
        if len(commands) < BATCH:
            try:
                await requeue_stuck(container)
            except Exception:
                log.exception("command_requeue_failed")
            await stopper.sleep(2)


if __name__ == "__main__":
    run_worker(retry_loop)
