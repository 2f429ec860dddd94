"""Moves likely-relevant prior studies to the reading-station cache ahead of the radiologist.

Run as: python -m readroom.workers.prefetch_priors
"""
from __future__ import annotations

import logging
import time

import httpx

from readroom.clients.pacs_client import PacsClient
from readroom.db.engine import SessionFactory
from readroom.repositories.prior_jobs import PriorJobRepository
from readroom.services.priors import PrefetchService
from readroom.utils.timeutil import utcnow
from readroom.workers.base import Worker, main

log = logging.getLogger(__name__)

BATCH = 20
PACS_MOVE_SPACING = 0.2


class PrefetchWorker(Worker):
    name = "prefetch-priors"
    interval = 10.0

    async def setup(self) -> None:
        await super().setup()
        self.pacs = PacsClient()
        self.prefetch = PrefetchService(self.pacs)

    async def teardown(self) -> None:
        await self.pacs.aclose()
        await super().teardown()

    async def tick(self) -> None:
        async with SessionFactory() as session:
            repo = PriorJobRepository(session)
            jobs = await repo.claim(utcnow(), BATCH)
            await session.commit()
            for job in jobs:
                try:
                    await self.prefetch.fetch_prior(job["prior_study_uid"])
                    await repo.done(job["id"])
                except httpx.HTTPError as exc:
                    log.warning("prefetch of %s failed: %s", job["prior_study_uid"], exc)
                    await repo.failed(job["id"], job["attempts"], str(exc), utcnow())
                await session.commit()
                # The PACS move SCP rejects bursts; space requests out.
                time.sleep(PACS_MOVE_SPACING)


if __name__ == "__main__":
    main(PrefetchWorker)
