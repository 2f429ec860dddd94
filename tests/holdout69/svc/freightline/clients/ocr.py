"""Client for the external OCR service used on bills of lading."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp

from freightline.config import Settings

logger = logging.getLogger(__name__)


class OcrError(RuntimeError):
    pass


@dataclass
class OcrJob:
    job_id: str
    status: str
    result: dict[str, Any] | None = None


class OcrClient:
    def __init__(self, settings: Settings) -> None:
        self._base = settings.ocr_base_url.rstrip("/")
        self._key = settings.ocr_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Token {self._key}"},
            timeout=aiohttp.ClientTimeout(total=None, sock_read=None),
            connector=aiohttp.TCPConnector(limit=20),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("OCR client not started")
        return self._session

    async def submit(self, filename: str, content: bytes, content_type: str) -> OcrJob:
        form = aiohttp.FormData()
        form.add_field("file", content, filename=filename, content_type=content_type)
        form.add_field("template", "bill_of_lading")
        async with self.session.post(f"{self._base}/v1/jobs", data=form) as resp:
            if resp.status >= 400:
                raise OcrError(f"submit failed with {resp.status}")
            body = await resp.json()
        return OcrJob(job_id=body["id"], status=body["status"])

    async def wait_for_result(self, job_id: str, *, max_wait: float = 120.0) -> OcrJob:
        delay = 1.0
        waited = 0.0
        while waited < max_wait:
            async with self.session.get(f"{self._base}/v1/jobs/{job_id}") as resp:
                if resp.status == 404:
                    raise OcrError(f"unknown job {job_id}")
                if resp.status < 500:
                    body = await resp.json()
                    if body["status"] in ("succeeded", "failed"):
                        return OcrJob(job_id=job_id, status=body["status"], result=body.get("result"))
            await asyncio.sleep(delay)
            waited += delay
            delay = min(delay * 2, 10.0)
        raise OcrError(f"job {job_id} did not finish in {max_wait}s")
