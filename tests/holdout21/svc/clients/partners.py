"""Partner systems: the corporate CRM, the instructor directory and the reports bucket."""
from __future__ import annotations

import logging
from typing import Any

import httpx
import requests

from svc.clients.resilience import CircuitBreaker, CircuitOpen, transient_retry
from svc.config import Settings

logger = logging.getLogger(__name__)


def push_member_update(crm_base_url: str, member: dict[str, Any]) -> None:
    """Mirror membership changes into the legacy CRM (synchronous SDK-era endpoint)."""
    resp = requests.post(
        f"{crm_base_url}/api/members/{member['id']}",
        json={"email": member["email"], "status": member["status"], "plan": member.get("plan_id")},
        timeout=10,
    )
    resp.raise_for_status()


class InstructorDirectory:
    """Bios, photos and certifications for instructors, owned by the people-ops team."""

    def __init__(self, settings: Settings) -> None:
        self._http = httpx.AsyncClient(base_url=settings.profiles_base_url)
        self._breaker = CircuitBreaker("instructor-directory", failure_threshold=5, reset_after=30.0)

    async def aclose(self) -> None:
        await self._http.aclose()

    @transient_retry()
    async def _get_json(self, path: str) -> Any:
        resp = await self._breaker.call(self._http.get, path)
        resp.raise_for_status()
        return resp.json()

    async def get_profile(self, instructor_id: int) -> dict[str, Any]:
        return await self._get_json(f"/instructors/{instructor_id}")

    async def get_certifications(self, instructor_id: int) -> list[str]:
        try:
            data = await self._get_json(f"/instructors/{instructor_id}/certifications")
        except (CircuitOpen, httpx.HTTPError) as exc:
            logger.warning("certifications unavailable for instructor %s: %s", instructor_id, exc)
            return []
        return [c["name"] for c in data]


class ReportUploader:
    def __init__(self, settings: Settings) -> None:
        self._url = settings.reports_upload_url
        self._http = httpx.AsyncClient(timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def upload(self, name: str, content: bytes) -> None:
        resp = await self._http.put(f"{self._url}/{name}", content=content)
        resp.raise_for_status()
