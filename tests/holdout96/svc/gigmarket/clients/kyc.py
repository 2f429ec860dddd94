from __future__ import annotations

import logging
from typing import Any

import httpx
import requests

from ..errors import KycError
from ..settings import Settings
from ..utils.retry import with_retry

logger = logging.getLogger(__name__)


class KycClient:
    """Identity verification provider. One shared AsyncClient, created at startup."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self._settings = settings
        self._http = http
        self._headers = {"Authorization": f"Bearer {settings.kyc_api_key}"}

    async def submit_check(self, user_id: int, document_type: str, front_url: str) -> str:
        try:
            resp = await self._http.post(
                f"{self._settings.kyc_base_url}/checks",
                json={"external_id": str(user_id), "document_type": document_type, "front": front_url},
                headers=self._headers,
            )
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise KycError(f"kyc rejected check for user {user_id}: {exc.response.status_code}")
        return resp.json()["check_id"]

    @with_retry(attempts=3)
    async def get_check(self, check_id: str) -> dict[str, Any]:
        resp = await self._http.get(f"{self._settings.kyc_base_url}/checks/{check_id}", headers=self._headers)
        resp.raise_for_status()
        return resp.json()

    def download_report(self, check_id: str) -> bytes:
        """Used by the compliance CLI to pull the signed PDF report."""
        resp = requests.get(
            f"{self._settings.kyc_base_url}/checks/{check_id}/report",
            headers=self._headers,
            timeout=(3, 20),
        )
        resp.raise_for_status()
        return resp.content
