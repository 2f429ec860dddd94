from __future__ import annotations

import asyncio
import logging

from svc.clients.classifier import ClassifierClient
from svc.clients.storage import StorageClient
from svc.config import Settings
from svc.db.connections import sessionmaker
from svc.repositories import moderation_repo
from svc.services.moderation import ModerationService


log = logging.getLogger(__name__)

BATCH = 32
CONCURRENCY = 8


class ModerationWorker:
    def __init__(self, classifier: ClassifierClient, storage: StorageClient, settings: Settings) -> None:
        self.classifier = classifier
        self.storage = storage
        self.settings = settings
        self._sem = asyncio.Semaphore(CONCURRENCY)

    async def _handle(self, item: dict) -> str:
        async with self._sem:
            async with sessionmaker()() as session:
                service = ModerationService(session, self.classifier, self.storage, self.settings)
                outcome = await service.process(item)
                await session.commit()
                return outcome

    async def run_once(self) -> int:
        async with sessionmaker()() as session:
            items = await moderation_repo.claim_batch(session, BATCH)
            await session.commit()
        if not items:
            return 0
        results = await asyncio.gather(*(self._handle(i) for i in items), return_exceptions=True)
        for item, result in zip(items, results):
            if isinstance(result, Exception):
                log.error("moderation of item %s failed", item["id"], exc_info=result)
        return len(items)

    async def run(self) -> None:
        while True:
            processed = await self.run_once()
            if processed < BATCH:
                await asyncio.sleep(2.0)
