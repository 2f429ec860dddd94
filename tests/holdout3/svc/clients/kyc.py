"""Identity verification provider for seller onboarding."""
from __future__ import annotations

import asyncio
import logging

import httpx
from pydantic import BaseModel

from svc.errors import ProviderError, ProviderUnavailableError

log = logging.getLogger(__name__)

_MAX_ATTEMPTS = 4


class KycResult(BaseModel):
    check_id: str
    status: str
    reasons: list[str] = []


class KycClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, headers={"X-Api-Key": api_key}, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def submit_check(self, *, reference: str, country: str, documents: list[dict[str, str]]) -> KycResult:
        payload = {"reference": reference, "country": country, "documents": documents}
        delay = 0.5
        for attempt in range(1, _MAX_ATTEMPTS + 1):
            try:
                resp = await self._http.post("/checks", json=payload)
                resp.raise_for_status()
                return KycResult.model_validate(resp.json())
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code < 500 or attempt == _MAX_ATTEMPTS:
                    raise ProviderError(f"kyc check rejected ({exc.response.status_code})") from exc
            except httpx.TransportError as exc:
                if attempt == _MAX_ATTEMPTS:
                    raise ProviderUnavailableError("kyc provider unreachable") from exc
            log.warning("kyc submit attempt %d failed; retrying in %.1fs", attempt, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 8.0)
        raise AssertionError("unreachable")

    async def get_check(self, check_id: str) -> KycResult:
        resp = await self._http.get(f"/checks/{check_id}")
        resp.raise_for_status()
        return KycResult.model_validate(resp.json())
