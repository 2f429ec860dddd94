"""Backstop for OCR webhooks that never arrive: polls jobs still marked submitted."""
from __future__ import annotations

import asyncio
import logging

from ..clients.ocr import OcrClient
from ..db import get_sessionmaker
from ..services.documents import DocumentService

log = logging.getLogger(__name__)


async def poll_ocr_results(ocr: OcrClient, interval: float = 120.0) -> None:
    while True:
        async with get_sessionmaker()() as session:
            svc = DocumentService(session, ocr)
            for doc in await svc.repo.pending_ocr():
                result = await ocr.wait_for(doc.ocr_job_id, max_polls=1)
                if result is not None:
                    await svc.apply_ocr_result(doc.ocr_job_id, result)
        await asyncio.sleep(interval)
