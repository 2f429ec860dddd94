from __future__ import annotations

import asyncio
import json
import logging

from svc.db.pg import pool
from svc.repos.exports import ExportJobsRepo
from svc.services.exports import ExportService

logger = logging.getLogger(__name__)

IDLE_SLEEP = 5.0


class ExportWorker:
    def __init__(self, service: ExportService) -> None:
        self._service = service

    async def run(self) -> None:
        repo = ExportJobsRepo(pool())
        while True:
            job = await repo.claim_next()
            if job is None:
                await asyncio.sleep(IDLE_SLEEP)
                continue
            params = job["params"] if isinstance(job["params"], dict) else json.loads(job["params"])
            try:
                url = await self._service.run_job(job["id"], job["kind"], params)
            except Exception:
                logger.exception("export job %s (%s) failed", job["id"], job["kind"])
                await repo.fail(job["id"])
                continue
            await repo.finish(job["id"], url)
            logger.info("export job %s done: %s", job["id"], url)
