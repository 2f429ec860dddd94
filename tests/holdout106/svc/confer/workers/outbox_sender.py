"""Delivers queued emails (reminders, receipts, discussion notices).

Claims rows with SKIP LOCKED so any number of replicas can run.  Run with
``python -m confer.workers.outbox_sender``.
"""
from __future__ import annotations

import asyncio
import logging

import httpx

from ..core.container import Container
from ..repositories.outbox import OutboxRepository
from .runner import run_periodic

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


async def deliver(container: Container) -> None:
    outbox = OutboxRepository(container.pool)
    batch = await outbox.claim_batch(limit=50)
    sent: list[int] = []
    for row in batch:
        try:
            await container.mailer.send(row["recipient"], row["subject"], row["body"], tag=row["kind"])
        except httpx.HTTPError as exc:
            log.warning("outbox %s delivery failed (attempt %d): %s", row["id"], row["attempts"], exc)
            await outbox.release(row["id"], give_up=row["attempts"] >= MAX_ATTEMPTS)
            continue
        sent.append(row["id"])
    if sent:
        await outbox.mark_sent(sent)


async def main() -> None:
    await run_periodic("outbox-sender", deliver, interval=10)


if __name__ == "__main__":
    asyncio.run(main())
