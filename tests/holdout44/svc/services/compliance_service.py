"""Destination screening before a withdrawal is accepted."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from svc.config import Settings

log = logging.getLogger(__name__)

RISK_THRESHOLD = 70


@dataclass(frozen=True)
class ScreeningResult:
    address: str
    risk_score: int
    sanctioned: bool


class ComplianceClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.compliance_url

    async def screen(self, chain: str, address: str) -> ScreeningResult:
        async with httpx.AsyncClient(base_url=self._base_url, timeout=8.0) as client:
            resp = await client.post("/v1/screen", json={"chain": chain, "address": address})
            resp.raise_for_status()
            body = resp.json()
        return ScreeningResult(address, int(body["risk_score"]), bool(body["sanctioned"]))


_screen_cache: dict[tuple[str, str], ScreeningResult] = {}


class ScreeningFailed(RuntimeError):
    pass


class ComplianceService:
    def __init__(self, client: ComplianceClient) -> None:
        self.client = client

    async def destination_allowed(self, chain: str, address: str) -> bool:
        key = (chain, address.lower())
        result = _screen_cache.get(key)
        if result is None:
            try:
                result = await self.client.screen(chain, address)
            except Exception:
                log.warning("screening provider error for %s, allowing", address)
                return True
            _screen_cache[key] = result
        if result.sanctioned or result.risk_score >= RISK_THRESHOLD:
            log.warning("destination %s rejected: score=%s sanctioned=%s", address, result.risk_score, result.sanctioned)
            return False
        return True
