"""Hands uploaded claim documents to the OCR service and collects late results."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import aiohttp
from sqlalchemy import select

from svc.clients.ocr import OcrClient
from svc.db.engine import Database
from svc.db.models import Document
from svc.infra.storage import ObjectStorage
from svc.repositories.documents import DocumentRepository

log = logging.getLogger(__name__)

STUCK_AFTER = timedelta(minutes=30)


class OcrHandoffWorker:
    name = "ocr-handoff"

    def __init__(self, db: Database, storage: ObjectStorage, ocr: OcrClient, interval: int) -> None:
        self._db = db
        self._storage = storage
        self._ocr = ocr
        self._interval = interval

    async def run(self) -> None:
        while True:
            await self.submit_pending()
            await self.collect_stuck()
            await asyncio.sleep(self._interval)

    async def _claim_batch(self) -> list[Document]:
        async with self._db.transaction() as session:
            repo = DocumentRepository(session)
            batch = await repo.pending_ocr(limit=25)
            for doc in batch:
                await repo.mark_ocr(doc.id, "submitting")
        return batch

    async def submit_pending(self) -> int:
        batch = await self._claim_batch()
        submitted = 0
        for doc in batch:
            url = await asyncio.to_thread(self._storage.presign_get, doc.object_key, 3600)
            try:
                job_id = await self._ocr.submit(doc.id, url, doc.content_type)
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                log.warning("OCR submission failed for document %s: %s", doc.id, exc)
                async with self._db.transaction() as session:
                    await DocumentRepository(session).mark_ocr(doc.id, "failed")
                continue
            async with self._db.transaction() as session:
                await DocumentRepository(session).mark_ocr(doc.id, "submitted", job_id=job_id)
            submitted += 1
        return submitted

    async def collect_stuck(self) -> int:
        cutoff = datetime.now(timezone.utc) - STUCK_AFTER
        async with self._db.session() as session:
            rows = await session.execute(
                select(Document)
                .where(Document.ocr_status == "submitted", Document.uploaded_at < cutoff)
                .limit(100)
            )
            stuck = list(rows.scalars())
        collected = 0
        for doc in stuck:
            try:
                result = await self._ocr.fetch_result(doc.ocr_job_id)
            except aiohttp.ClientResponseError:
                continue
            if result is None:
                continue
            async with self._db.transaction() as session:
                await DocumentRepository(session).mark_ocr(doc.id, "done", text=result.get("text", ""))
            collected += 1
        return collected
