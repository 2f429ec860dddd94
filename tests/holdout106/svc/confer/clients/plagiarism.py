from __future__ import annotations

from dataclasses import dataclass

import httpx

from ..core.settings import Settings


@dataclass
class PlagiarismReport:
    job_id: str
    status: str
    similarity: float | None


class PlagiarismClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.plagiarism_api_url,
            headers={"Authorization": f"Bearer {settings.plagiarism_api_key}"},
            timeout=None,
        )

    async def submit(self, document_url: str, reference: str) -> str:
        resp = await self._client.post("/checks", json={"document_url": document_url, "reference": reference})
        resp.raise_for_status()
        return resp.json()["id"]

    async def status(self, job_id: str) -> PlagiarismReport:
        resp = await self._client.get(f"/checks/{job_id}")
        resp.raise_for_status()
        data = resp.json()
        return PlagiarismReport(job_id=job_id, status=data["status"], similarity=data.get("similarity"))

    async def quick_score(self, text: str) -> float:
        resp = await self._client.post("/quick", json={"text": text[:20000]})
        resp.raise_for_status()
        return float(resp.json()["score"])

    async def aclose(self) -> None:
        await self._client.aclose()
