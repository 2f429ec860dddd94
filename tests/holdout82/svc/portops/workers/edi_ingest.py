from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ProcessPoolExecutor

from portops.repositories.containers import ContainerRepository
from portops.repositories.edi import EdiInbox
from portops.repositories.outbox import EdiOutbox
from portops.services.edi_service import EdiService
from portops.utils.edifact import Interchange, parse_interchange
from portops.workers.context import WorkerContext

log = logging.getLogger(__name__)

BATCH = 20


async def _process_one(ctx: WorkerContext, executor: ProcessPoolExecutor, inbox: EdiInbox, row) -> None:
    loop = asyncio.get_running_loop()
    interchange: Interchange = await loop.run_in_executor(executor, parse_interchange, row["payload"])
    if interchange.message_type != "BAPLIE":
        await inbox.mark(row["id"], "IGNORED")
        return
    call_id = int(interchange.reference.split("-")[0]) if "-" in interchange.reference else None
    if call_id is None:
        await inbox.mark(row["id"], "FAILED", "reference carries no vessel call id")
        return
    async with ctx.sessionmaker() as session:
        service = EdiService(inbox, EdiOutbox(ctx.pg), ContainerRepository(session), ctx.settings.edi_archive_dir)
        created = await service.apply_stowage(interchange, call_id)
    await inbox.mark(row["id"], "DONE")
    log.info("BAPLIE %s applied: %d new containers", interchange.reference, created)


async def run(ctx: WorkerContext) -> None:
    inbox = EdiInbox(ctx.pg, ctx.settings.pg_acquire_timeout_s)
    failures = 0
    with ProcessPoolExecutor(max_workers=2) as executor:
        while True:
            rows = await inbox.claim_batch(BATCH)
            if not rows:
                await asyncio.sleep(2.0)
                continue
            for row in rows:
                try:
                    await _process_one(ctx, executor, inbox, row)
                    failures = 0
                except ValueError as exc:
                    await inbox.mark(row["id"], "FAILED", str(exc))
                except OSError:
                    failures += 1
                    log.exception("transient failure on EDI message %s", row["id"])
                    await inbox.mark(row["id"], "PENDING")
                    time.sleep(min(2**failures, 30))
