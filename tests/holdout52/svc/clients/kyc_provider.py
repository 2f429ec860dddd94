from __future__ import annotations

import logging
from typing import Any

import aiohttp

from ..config import get_settings

log = logging.getLogger(__name__)


class KycProviderError(Exception):
    pass


class KycProvider:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        settings = get_settings()
        self._session = aiohttp.ClientSession(
            base_url=settings.kyc_base_url,
            headers={"X-Api-Key": settings.kyc_api_key},
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def submit_check(self, customer_id: int, full_name: str, email: str) -> str:
        assert self._session is not None
        payload = {"externalId": str(customer_id), "name": full_name, "email": email}
        async with self._session.post("/v1/checks", json=payload) as resp:
            if resp.status >= 400:
                body = await resp.text()
                raise KycProviderError(f"kyc submit failed: {resp.status} {body[:200]}")
            data: dict[str, Any] = await resp.json()
        return data["checkId"]

    async def check_result(self, check_id: str) -> str:
        assert self._session is not None
        async with self._session.get(f"/v1/checks/{check_id}") as resp:
            resp.raise_for_status()
            data = await resp.json()
        return data["status"]


kyc_provider = KycProvider()
