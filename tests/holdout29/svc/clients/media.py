"""Client for the MediaForge transcoding API."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import timedelta

import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import Settings
from svc.errors import ExternalServiceError

logger = logging.getLogger(__name__)

media_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))

_transient = retry(
    retry=retry_if_exception_type((httpx.TransportError, httpx.HTTPStatusError)),
    stop=stop_after_attempt(4),
    wait=wait_exponential(multiplier=0.5, max=8),
    reraise=True,
)


@dataclass(frozen=True, slots=True)
class MediaJob:
    id: str
    status: str
    output_url: str | None


def _job(payload: dict) -> MediaJob:
    return MediaJob(id=payload["id"], status=payload["status"], output_url=payload.get("output_url"))


class MediaApiClient:
    """One shared instance per process, created in the lifespan and closed on shutdown."""

    def __init__(self, settings: Settings) -> None:
        headers = {"Authorization": f"Bearer {settings.media_api_key}"}
        self._http = httpx.AsyncClient(base_url=settings.media_api_url, headers=headers)
        self._upload_http = httpx.AsyncClient(base_url=settings.media_api_url, headers=headers, timeout=None)

    @media_breaker
    @_transient
    async def create_job(self, source_url: str, profile: str, callback_url: str) -> MediaJob:
        resp = await self._http.post(
            "/jobs", json={"source": source_url, "profile": profile, "callback_url": callback_url}
        )
        resp.raise_for_status()
        return _job(resp.json())

    @media_breaker
    @_transient
    async def get_job(self, job_id: str) -> MediaJob:
        resp = await self._http.get(f"/jobs/{job_id}")
        resp.raise_for_status()
        return _job(resp.json())

    @media_breaker
    @_transient
    async def list_jobs(self, job_ids: Sequence[str]) -> list[MediaJob]:
        resp = await self._http.get("/jobs", params={"ids": ",".join(job_ids)})
        resp.raise_for_status()
        return [_job(item) for item in resp.json()["items"]]

    @media_breaker
    async def request_thumbnail(self, job_id: str, at_second: int) -> str:
        resp = await self._http.post(f"/jobs/{job_id}/thumbnails", json={"at": at_second})
        if resp.status_code >= 400:
            raise ExternalServiceError("media", f"thumbnail failed with {resp.status_code}")
        return resp.json()["url"]

    async def upload_source(self, filename: str, chunks: AsyncIterator[bytes]) -> str:
        resp = await self._upload_http.post(
            "/uploads", params={"filename": filename}, content=chunks
        )
        resp.raise_for_status()
        return resp.json()["source_url"]

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._upload_http.aclose()
