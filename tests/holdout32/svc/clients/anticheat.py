"""Anti-cheat vendor: scores reports from the reason, history and telemetry summary."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import aiohttp

from svc.config import Settings
from svc.retry import wait_before_retry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RiskScore:
    verdict: str
    confidence: float


class AntiCheatClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.anticheat_base_url,
            headers={"Authorization": f"Token {self._settings.anticheat_api_key}"},
        )

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("AntiCheatClient.start() was not called")
        return self._session

    async def score_report(self, report: dict[str, Any], attempts: int = 3) -> RiskScore:
        for attempt in range(attempts):
            try:
                async with self.session.post("/v1/score", json=report) as resp:
                    resp.raise_for_status()
                    data = await resp.json()
                    return RiskScore(verdict=data["verdict"], confidence=float(data["confidence"]))
            except aiohttp.ClientResponseError as exc:
                if exc.status < 500 or attempt == attempts - 1:
                    raise
            except aiohttp.ClientConnectionError:
                if attempt == attempts - 1:
                    raise
            logger.info("anti-cheat scoring retry %d for report %s", attempt + 1, report.get("id"))
            wait_before_retry(attempt)
        raise RuntimeError("unreachable")

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
