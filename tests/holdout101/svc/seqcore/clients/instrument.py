from __future__ import annotations

import hashlib
import hmac
import logging

import httpx

logger = logging.getLogger(__name__)


class InstrumentAgentClient:
    """Talks to the agent running next to each sequencer (run folders, parameters, acks)."""

    def __init__(self, base_url: str, shared_secret: str) -> None:
        self._secret = shared_secret.encode()
        self._http = httpx.AsyncClient(base_url=base_url, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    def verify_signature(self, body: bytes, signature: str) -> bool:
        expected = hmac.new(self._secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)

    async def fetch_run_parameters(self, run_folder: str) -> dict:
        resp = await self._http.get(f"/runs/{run_folder}/parameters")
        resp.raise_for_status()
        return resp.json()

    async def acknowledge(self, run_folder: str) -> None:
        resp = await self._http.post(f"/runs/{run_folder}/ack")
        if resp.status_code not in (200, 204, 409):
            logger.warning("agent ack for %s returned %s", run_folder, resp.status_code)
