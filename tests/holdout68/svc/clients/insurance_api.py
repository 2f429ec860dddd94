"""PetInsure partner API: eligibility checks at checkout, claim submission, claim status."""
from __future__ import annotations

import logging
import threading
import time
from typing import Any

import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from svc.config import get_settings

logger = logging.getLogger(__name__)


class InsuranceApiError(RuntimeError):
    pass


class InsuranceClient:
    def __init__(self) -> None:
        self._settings = get_settings()
        self._session: aiohttp.ClientSession | None = None
        self._token: str | None = None
        self._token_expiry = 0.0
        self._lock = threading.Lock()

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.insurance_base_url,
            timeout=aiohttp.ClientTimeout(total=30, sock_connect=5),
        )

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _fetch_token(self) -> tuple[str, float]:
        assert self._session is not None
        form = {
            "grant_type": "client_credentials",
            "client_id": self._settings.insurance_client_id,
            "client_secret": self._settings.insurance_client_secret,
        }
        async with self._session.post("/oauth/token", data=form) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return body["access_token"], time.time() + body["expires_in"] - 60

    async def _auth_headers(self) -> dict[str, str]:
        with self._lock:
            if self._token is None or time.time() >= self._token_expiry:
                self._token, self._token_expiry = await self._fetch_token()
            return {"Authorization": f"Bearer {self._token}"}

    async def check_eligibility(self, policy_no: str, amount_cents: int, codes: list[str]) -> dict[str, Any]:
        assert self._session is not None
        headers = await self._auth_headers()
        payload = {"policy": policy_no, "amount": amount_cents, "procedure_codes": codes}
        async with self._session.post("/v2/eligibility", json=payload, headers=headers) as resp:
            resp.raise_for_status()
            return await resp.json()

    @retry(
        stop=stop_after_attempt(4),
        wait=wait_exponential(multiplier=1, max=20),
        retry=retry_if_exception_type((aiohttp.ClientConnectionError, TimeoutError)),
        reraise=True,
    )
    async def submit_claim(self, claim: dict[str, Any]) -> str:
        assert self._session is not None
        headers = await self._auth_headers()
        async with self._session.post("/v2/claims", json=claim, headers=headers) as resp:
            if resp.status == 409:
                existing = await resp.json()
                return existing["claim_id"]
            resp.raise_for_status()
            return (await resp.json())["claim_id"]

    async def get_claim_status(self, external_id: str) -> str:
        assert self._session is not None
        headers = await self._auth_headers()
        async with self._session.get(f"/v2/claims/{external_id}", headers=headers) as resp:
            resp.raise_for_status()
            return (await resp.json())["status"]

    async def get_claim_statuses(self, external_ids: list[str]) -> dict[str, str]:
        assert self._session is not None
        headers = await self._auth_headers()
        out: dict[str, str] = {}
        for start in range(0, len(external_ids), 200):
            chunk = external_ids[start:start + 200]
            async with self._session.post("/v2/claims/status:batch", json={"ids": chunk}, headers=headers) as resp:
                resp.raise_for_status()
                out.update({row["id"]: row["status"] for row in (await resp.json())["claims"]})
        return out


insurance_client = InsuranceClient()
