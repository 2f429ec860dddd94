"""Outgoing notifications: one sent once per step, one retried by hand."""
from __future__ import annotations

import asyncio
import logging
import os

import httpx

log = logging.getLogger(__name__)


class StepHooks:
    def __init__(self) -> None:
        self.hook_url = os.getenv("STEP_DONE_HOOK")

    async def step_done(self, step_id: str) -> None:
        async with httpx.AsyncClient(timeout=5.0) as client:
            resp = await client.post(self.hook_url, json={"step": step_id})
            resp.raise_for_status()

    async def audit(self, step_id: str) -> None:
        async with httpx.AsyncClient(timeout=5.0) as client:
            await client.post("https://audit.example.com/steps", json={"step": step_id})


class Scorer:
    """Asks a scoring service, trying again after a pause when it fails."""

    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://scores.example.com", timeout=10.0)

    async def score(self, text: str) -> float:
        for attempt in range(3):
            try:
                resp = await self._http.post("/v1/score", json={"text": text})  # expect: no-circuit-breaker
                resp.raise_for_status()
                return resp.json()["score"]
            except httpx.TransportError:
                if attempt < 2:
                    await asyncio.sleep(0.5 * 2 ** attempt)
                    continue
                raise
        return 0.0
