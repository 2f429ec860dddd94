from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

import aiohttp
import httpx

from ..metrics import Timer
from ..utils.resilience import retry_async


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Authority:
    dot_number: str
    legal_name: str
    allowed_to_operate: bool
    common_authority: str
    out_of_service: bool


def _parse(content: dict) -> Authority:
    carrier = content["carrier"]
    return Authority(
        dot_number=str(carrier["dotNumber"]),
        legal_name=carrier.get("legalName", ""),
        allowed_to_operate=carrier.get("allowedToOperate") == "Y",
        common_authority=carrier.get("commonAuthorityStatus", "N"),
        out_of_service=bool(carrier.get("oosDate")),
    )


class FmcsaClient:
    def __init__(self, http: httpx.AsyncClient, base_url: str, web_key: str) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        self._key = web_key

    async def get_authority(self, dot_number: str) -> Authority:
        with Timer("fmcsa"):
            resp = await self._http.get(f"{self._base}/carriers/{dot_number}", params={"webKey": self._key})
        resp.raise_for_status()
        return _parse(resp.json()["content"])

    async def get_authorities_batch(self, dot_numbers: list[str]) -> dict[str, Authority]:
        """The snapshot endpoint accepts up to 100 DOT numbers per call."""
        found: dict[str, Authority] = {}
        for start in range(0, len(dot_numbers), 100):
            chunk = dot_numbers[start : start + 100]
            with Timer("fmcsa"):
                resp = await self._http.post(
                    f"{self._base}/carriers/snapshot", params={"webKey": self._key}, json={"dotNumbers": chunk}
                )
            resp.raise_for_status()
            for item in resp.json()["content"]:
                authority = _parse(item)
                found[authority.dot_number] = authority
        return found


@dataclass(frozen=True)
class Coverage:
    policy_number: str
    auto_liability_cents: int
    cargo_cents: int
    expires_at: datetime
    active: bool


class InsuranceClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base = base_url.rstrip("/")
        self._session = aiohttp.ClientSession(
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=aiohttp.ClientTimeout(total=45, connect=5),
        )

    async def close(self) -> None:
        await self._session.close()

    @retry_async(attempts=3, base_delay=0.5, retry_on=(aiohttp.ClientConnectionError, asyncio.TimeoutError))
    async def verify_coverage(self, dot_number: str) -> Coverage:
        with Timer("insurance"):
            async with self._session.get(f"{self._base}/v2/certificates", params={"dot": dot_number}) as resp:
                resp.raise_for_status()
                body = await resp.json()
        cert = body["certificates"][0]
        return Coverage(
            policy_number=cert["policyNumber"],
            auto_liability_cents=int(cert["autoLiability"]) * 100,
            cargo_cents=int(cert["cargo"]) * 100,
            expires_at=datetime.fromisoformat(cert["expiresAt"]),
            active=cert["status"] == "ACTIVE",
        )
