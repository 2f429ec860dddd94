"""Identity-verification provider (document + selfie checks)."""
from __future__ import annotations

import logging
from typing import Any

import aiohttp

from svc.config import settings
from svc.errors import VerificationFailed

log = logging.getLogger(__name__)


class IdentityClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=settings.identity_api_url,
            headers={"X-Api-Key": settings.identity_api_key},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("identity client not started")
        return self._session

    async def start_verification(self, applicant_ref: str, return_url: str) -> dict[str, Any]:
        async with self.session.post("/v1/verifications", json={"reference": applicant_ref, "return_url": return_url}) as resp:
            if resp.status >= 400:
                raise VerificationFailed("could not start identity verification", detail={"status": resp.status})
            return await resp.json()

    async def verification_status(self, verification_id: str) -> str:
        async with self.session.get(f"/v1/verifications/{verification_id}", timeout=aiohttp.ClientTimeout(total=8)) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return body["status"]
