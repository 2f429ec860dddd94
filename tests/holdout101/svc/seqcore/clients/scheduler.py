from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import httpx

from seqcore.errors import SchedulerError
from seqcore.infra.resilience import CircuitBreaker, CircuitOpen, retry_async
from seqcore.settings import Settings

logger = logging.getLogger(__name__)

TERMINAL_STATES = frozenset({"COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY"})


class SchedulerClient:
    """Client for the HPC batch gateway (Slurm REST behind an OAuth proxy)."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(
            base_url=settings.scheduler_url,
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )
        self._log_http = httpx.AsyncClient(
            base_url=settings.scheduler_url,
            timeout=httpx.Timeout(connect=5.0, read=120.0, write=10.0, pool=5.0),
        )
        self._token: str | None = None
        self._token_expiry = 0.0
        self._token_lock = asyncio.Lock()
        self._breaker = CircuitBreaker("scheduler", threshold=5, cooldown_s=60.0)

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._log_http.aclose()

    async def _bearer(self) -> str:
        async with self._token_lock:
            if self._token and time.monotonic() < self._token_expiry - 30:
                return self._token
            return await self._refresh_token()

    async def _refresh_token(self) -> str:
        await self._token_lock.acquire()
        try:
            resp = await self._http.post(
                self._settings.scheduler_token_url,
                data={
                    "grant_type": "client_credentials",
                    "client_id": self._settings.scheduler_client_id,
                    "client_secret": self._settings.scheduler_client_secret,
                },
            )
            resp.raise_for_status()
            body = resp.json()
            self._token = body["access_token"]
            self._token_expiry = time.monotonic() + float(body.get("expires_in", 3600))
            return self._token
        finally:
            self._token_lock.release()

    async def _request(self, method: str, path: str, **kwargs: Any) -> dict:
        try:
            self._breaker.before_call()
        except CircuitOpen as exc:
            raise SchedulerError("scheduler circuit open") from exc
        headers = {"Authorization": f"Bearer {await self._bearer()}", **kwargs.pop("headers", {})}
        try:
            resp = await self._http.request(method, path, headers=headers, **kwargs)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            self._breaker.record_failure()
            raise SchedulerError(f"{method} {path} failed: {exc}") from exc
        self._breaker.record_success()
        return resp.json()

    async def submit_job(self, spec: dict, idempotency_key: str) -> str:
        data = await self._request("POST", "/jobs", json=spec, headers={"Idempotency-Key": idempotency_key})
        return str(data["job_id"])

    async def job_status(self, job_id: str) -> dict:
        return await retry_async(
            lambda: self._request("GET", f"/jobs/{job_id}"),
            attempts=3,
            retry_on=(SchedulerError,),
        )

    async def job_statuses(self, job_ids: list[str]) -> dict[str, dict]:
        data = await self._request("GET", "/jobs", params={"ids": ",".join(job_ids)})
        return {str(j["job_id"]): j for j in data.get("jobs", [])}

    async def cancel(self, job_id: str) -> None:
        await self._request("DELETE", f"/jobs/{job_id}")

    async def stream_log(self, job_id: str) -> AsyncIterator[str]:
        headers = {"Authorization": f"Bearer {await self._bearer()}"}
        async with self._log_http.stream("GET", f"/jobs/{job_id}/log", headers=headers) as resp:
            resp.raise_for_status()
            async for line in resp.aiter_lines():
                yield line
