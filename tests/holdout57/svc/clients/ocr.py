"""Hand-off client for the document OCR service."""
from __future__ import annotations

import logging

import aiohttp

from svc.config import Settings

log = logging.getLogger(__name__)


class OcrClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.ocr_base_url.rstrip("/")
        self._callback_url = settings.ocr_callback_url
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(raise_for_status=True)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def submit(self, document_id: int, download_url: str, content_type: str) -> str:
        assert self._session is not None
        payload = {
            "source_url": download_url,
            "content_type": content_type,
            "callback_url": self._callback_url,
            "metadata": {"document_id": document_id},
        }
        async with self._session.post(f"{self._base_url}/jobs", json=payload) as resp:
            body = await resp.json()
        return body["job_id"]

    async def fetch_result(self, job_id: str) -> dict | None:
        assert self._session is not None
        async with self._session.get(f"{self._base_url}/jobs/{job_id}") as resp:
            body = await resp.json()
        if body["state"] != "done":
            return None
        return body
