"""Client for the AMI head-end system (remote connect/disconnect, on-demand reads)."""
from __future__ import annotations

import asyncio
import logging
import threading
import time

import httpx

from ..config import get_settings
from ..utils.resilience import retry_async

log = logging.getLogger(__name__)


class HeadEndClient:
    def __init__(self) -> None:
        s = get_settings()
        self._http = httpx.AsyncClient(base_url=s.meter_headend_url, timeout=httpx.Timeout(15.0, connect=5.0))
        self._token: str | None = None
        self._token_expiry = 0.0
        self._token_lock = threading.Lock()
        self._ondemand_sem = asyncio.Semaphore(10)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _bearer(self) -> str:
        with self._token_lock:
            if self._token is None or time.time() > self._token_expiry - 30:
                resp = await self._http.post("/oauth/token", data={"grant_type": "client_credentials"})
                resp.raise_for_status()
                body = resp.json()
                self._token = body["access_token"]
                self._token_expiry = time.time() + body["expires_in"]
            return self._token

    async def send_disconnect(self, meter_serial: str, reason: str) -> str:
        token = await self._bearer()
        resp = await self._http.post(
            f"/meters/{meter_serial}/commands",
            json={"command": "disconnect", "reason": reason},
            headers={"Authorization": f"Bearer {token}"},
        )
        resp.raise_for_status()
        return resp.json()["command_id"]

    async def read_now(self, meter_serial: str) -> dict:
        async def _go() -> dict:
            token = await self._bearer()
            resp = await self._http.get(
                f"/meters/{meter_serial}/register", headers={"Authorization": f"Bearer {token}"}
            )
            resp.raise_for_status()
            return resp.json()

        async with self._ondemand_sem:
            return await retry_async(_go, attempts=3, retry_on=(httpx.TransportError,), label="headend.read_now")
