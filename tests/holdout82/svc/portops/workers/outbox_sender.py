from __future__ import annotations

import asyncio
import logging

import httpx

from portops.clients.edi_hub import EdiHubClient
from portops.repositories.outbox import EdiOutbox
from portops.workers.context import WorkerContext

log = logging.getLogger(__name__)


async def run(ctx: WorkerContext) -> None:
    outbox = EdiOutbox(ctx.pg)
    hub = EdiHubClient(ctx.settings)
    try:
        while True:
            rows = await outbox.pending(limit=50)
            if not rows:
                await asyncio.sleep(5.0)
                continue
            for row in rows:
                try:
                    await hub.push(row["recipient"], row["message_type"], row["body"])
                except httpx.HTTPError as exc:
                    log.warning("outbox %s delivery failed (attempt %s): %s", row["id"], row["attempts"] + 1, exc)
                    await outbox.mark_failed(row["id"])
                    continue
                await outbox.mark_sent(row["id"])
    finally:
        await hub.aclose()
