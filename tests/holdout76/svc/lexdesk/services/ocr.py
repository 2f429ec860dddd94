"""OCR pipeline for uploaded PDFs: text layer first, page images through the OCR engine otherwise."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import socket

import redis.asyncio as aioredis
from redis.exceptions import ResponseError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lexdesk.clients.ocr_engine import OcrEngineClient, OcrEngineError
from lexdesk.clients.storage import VaultStorage
from lexdesk.repositories.documents import DocumentRepository
from lexdesk.services.activity import ActivityService
from lexdesk.utils.pdf import count_pages, extract_text_layer, rasterize

log = logging.getLogger(__name__)

OCR_STREAM = "ocr:jobs"
OCR_GROUP = "ocr-workers"
MIN_CHARS_PER_PAGE = 40


class OcrQueue:
    def __init__(self, redis: aioredis.Redis, maxlen: int = 100_000) -> None:
        self._redis = redis
        self._maxlen = maxlen

    async def enqueue(self, document_id: int) -> None:
        await self._redis.xadd(OCR_STREAM, {"document_id": str(document_id)}, maxlen=self._maxlen, approximate=True)


class OcrService:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], storage: VaultStorage,
        engine: OcrEngineClient, activity: ActivityService,
    ) -> None:
        self._sessions = sessions
        self._storage = storage
        self._engine = engine
        self._activity = activity
        self._text_by_digest: dict[str, str] = {}

    async def _ocr_page(self, image_png: bytes) -> str:
        try:
            return await self._engine.ocr_page(image_png)
        except OcrEngineError:
            return ""

    async def process(self, document_id: int) -> None:
        async with self._sessions() as session:
            doc = await DocumentRepository(session).get(document_id)
        if doc is None or doc.content_type != "application/pdf":
            return

        cached = self._text_by_digest.get(doc.sha256)
        if cached is not None:
            await self._store(document_id, cached, "done", doc.page_count)
            return

        data = await asyncio.to_thread(self._storage.get_bytes, doc.storage_key)
        pages = await asyncio.to_thread(count_pages, data)
        text_body = extract_text_layer(data)
        if len(text_body.strip()) < MIN_CHARS_PER_PAGE * pages:
            images = await asyncio.to_thread(rasterize, data)
            results = await asyncio.gather(*(self._ocr_page(image) for image in images))
            text_body = "\n\f".join(results)

        self._text_by_digest[doc.sha256] = text_body
        await self._store(document_id, text_body, "done", pages)
        await self._activity.publish(
            doc.matter_id, {"type": "document.ocr_done", "document_id": document_id, "pages": pages}
        )

    async def _store(self, document_id: int, text_body: str, status: str, pages: int | None) -> None:
        async with self._sessions() as session, session.begin():
            await DocumentRepository(session).set_ocr_result(
                document_id, text_body=text_body, status=status, page_count=pages
            )


class OcrConsumer:
    """Reads OCR jobs from the redis stream as part of a consumer group (one per API replica)."""

    def __init__(self, redis: aioredis.Redis, ocr: OcrService, consumer_name: str | None = None) -> None:
        self._redis = redis
        self._ocr = ocr
        self._name = consumer_name or f"{socket.gethostname()}-ocr"

    async def _ensure_group(self) -> None:
        with contextlib.suppress(ResponseError):  # BUSYGROUP: already created by another replica
            await self._redis.xgroup_create(OCR_STREAM, OCR_GROUP, id="0", mkstream=True)

    async def run(self) -> None:
        await self._ensure_group()
        while True:
            batch = await self._redis.xreadgroup(OCR_GROUP, self._name, {OCR_STREAM: ">"}, count=2, block=2000)
            for _stream, messages in batch or []:
                for message_id, fields in messages:
                    document_id = int(fields["document_id"])
                    try:
                        await self._ocr.process(document_id)
                    except Exception:
                        log.exception("ocr failed for document %s", document_id)
                        await self._mark_failed(document_id)
                    await self._redis.xack(OCR_STREAM, OCR_GROUP, message_id)

    async def _mark_failed(self, document_id: int) -> None:
        async with self._ocr._sessions() as session, session.begin():
            await DocumentRepository(session).set_ocr_result(document_id, text_body="", status="failed", page_count=None)
