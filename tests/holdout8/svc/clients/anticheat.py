"""Client for the Guardian anti-cheat vendor API."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import aiohttp
from pydantic import BaseModel

from svc.config import Settings


class Verdict(BaseModel):
    match_id: str
    case_id: str
    outcome: str
    confidence: float


class GuardianClient:
    def __init__(self, settings: Settings) -> None:
        self._session = aiohttp.ClientSession(
            base_url=settings.anticheat_base_url,
            headers={"X-Api-Key": settings.anticheat_api_key},
        )

    async def submit_evidence(self, report_id: int, evidence: dict[str, Any]) -> str:
        async with self._session.post("/v2/evidence", json={"external_ref": str(report_id), **evidence}) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return str(body["case_id"])

    async def fetch_verdict(self, match_id: str) -> Verdict | None:
        delay = 0.5
        for attempt in range(4):
            try:
                async with self._session.get(
                    f"/v2/matches/{match_id}/verdict", timeout=aiohttp.ClientTimeout(total=8)
                ) as resp:
                    if resp.status == 404:
                        return None
                    resp.raise_for_status()
                    return Verdict.model_validate(await resp.json())
            except (aiohttp.ClientError, asyncio.TimeoutError):
                if attempt == 3:
                    raise
                await asyncio.sleep(delay)
                delay *= 2
        return None

    async def fetch_verdicts(self, match_ids: Sequence[str]) -> list[Verdict]:
        async with self._session.post(
            "/v2/verdicts:batchGet", json={"match_ids": list(match_ids)}, timeout=aiohttp.ClientTimeout(total=15)
        ) as resp:
            resp.raise_for_status()
            body = await resp.json()
        return [Verdict.model_validate(item) for item in body["verdicts"]]

    async def close(self) -> None:
        await self._session.close()
