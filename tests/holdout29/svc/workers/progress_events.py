"""Incremental course rollups driven by lesson completion events."""

from __future__ import annotations

import logging

from svc.repositories.progress import ProgressRepository
from svc.services.progress import ProgressService

logger = logging.getLogger(__name__)


class ProgressEventConsumer:
    def __init__(self, progress: ProgressService, repo: ProgressRepository) -> None:
        self._progress = progress
        self._repo = repo

    async def run(self) -> None:
        logger.info("progress event consumer started")
        while True:
            event = await self._progress.events.get()
            rollup = await self._progress.rollup_course(event.course_id)
            await self._repo.upsert_rollups([rollup])
            self._progress.events.task_done()
