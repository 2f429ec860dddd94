"""External OCR / document classification service."""
from __future__ import annotations

import asyncio
from typing import Any

import httpx

from ..settings import Settings


class OcrClient:
    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(
            base_url=settings.ocr_base_url,
            headers={"Authorization": f"Bearer {settings.ocr_api_key}"},
            timeout=None,
        )

    async def submit(self, filename: str, data: bytes, kind_hint: str) -> str:
        resp = await self._http.post(
            "/v1/jobs",
            files={"file": (filename, data)},
            data={"hint": kind_hint},
        )
        resp.raise_for_status()
        return resp.json()["job_id"]

    async def result(self, job_id: str) -> dict[str, Any]:
        resp = await self._http.get(f"/v1/jobs/{job_id}")
        resp.raise_for_status()
        return resp.json()

    async def wait_for(self, job_id: str, max_polls: int = 10) -> dict[str, Any] | None:
        delay = 1.0
        for _ in range(max_polls):
            body = await self.result(job_id)
            if body["status"] in ("done", "failed"):
                return body
            await asyncio.sleep(delay)
            delay = min(delay * 2, 15.0)
        return None

    async def aclose(self) -> None:
        await self._http.aclose()
