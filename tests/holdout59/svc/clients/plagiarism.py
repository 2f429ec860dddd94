"""Client for the external originality / plagiarism detection service."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from svc.config import settings
from svc.utils.breaker import CircuitBreaker

logger = logging.getLogger(__name__)


class PlagiarismUnavailable(Exception):
    pass


@dataclass
class SubmissionReceipt:
    external_id: str
    status: str


@dataclass
class SimilarityReport:
    external_id: str
    status: str
    similarity: float | None
    report_url: str | None


class PlagiarismClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.plagiarism_base_url,
            headers={"X-Api-Key": settings.plagiarism_api_key},
            timeout=None,
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )
        self._breaker = CircuitBreaker("plagiarism", failure_threshold=5, reset_after=60)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def submit_document(self, answer_id: int, text: str, *, course_code: str) -> SubmissionReceipt:
        async def _send() -> httpx.Response:
            return await self._client.post(
                "/submissions",
                json={"reference": f"answer-{answer_id}", "text": text, "group": course_code, "index": True},
            )

        try:
            resp = await self._breaker.call(_send)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise PlagiarismUnavailable(str(exc))
        body = resp.json()
        return SubmissionReceipt(external_id=body["id"], status=body["status"])

    async def fetch_report(self, external_id: str) -> SimilarityReport:
        try:
            resp = await self._breaker.call(lambda: self._client.get(f"/submissions/{external_id}/report"))
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            if exc.response.status_code == 404:
                return SimilarityReport(external_id, "pending", None, None)
            raise PlagiarismUnavailable(f"report fetch failed: {exc.response.status_code}") from exc
        body = resp.json()
        return SimilarityReport(
            external_id=external_id,
            status=body["status"],
            similarity=body.get("overall_match"),
            report_url=body.get("viewer_url"),
        )


plagiarism_client = PlagiarismClient()
