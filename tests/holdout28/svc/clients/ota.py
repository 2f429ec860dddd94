"""Client for the external OTA (over-the-air update) service."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
from aiobreaker import CircuitBreaker
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

logger = logging.getLogger(__name__)

ota_breaker = CircuitBreaker(fail_max=5, timeout_duration=timedelta(seconds=30))

_transient = retry(
    stop=stop_after_attempt(3),
    wait=wait_exponential_jitter(initial=0.3, max=3.0),
    retry=retry_if_exception_type((httpx.TransportError, httpx.HTTPStatusError)),
    reraise=True,
)


@dataclass(frozen=True, slots=True)
class DeviceUpdateStatus:
    device_id: int
    state: str
    version: str | None


class OtaClient:
    def __init__(self, base_url: str, token: str) -> None:
        headers = {"Authorization": f"Bearer {token}", "User-Agent": "fleet-telemetry"}
        self._http = httpx.AsyncClient(base_url=base_url, headers=headers)
        self._uploads = httpx.AsyncClient(base_url=base_url, headers=headers, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._uploads.aclose()

    @ota_breaker
    @_transient
    async def create_rollout(self, version: str, device_ids: list[int]) -> str:
        resp = await self._http.post("/v2/rollouts", json={"version": version, "devices": device_ids})
        resp.raise_for_status()
        return resp.json()["rollout_id"]

    @ota_breaker
    @_transient
    async def rollout_status(self, rollout_id: str) -> dict[str, Any]:
        resp = await self._http.get(f"/v2/rollouts/{rollout_id}")
        resp.raise_for_status()
        return resp.json()

    @ota_breaker
    @_transient
    async def device_status(self, device_id: int) -> DeviceUpdateStatus:
        resp = await self._http.get(f"/v2/devices/{device_id}/update")
        resp.raise_for_status()
        body = resp.json()
        return DeviceUpdateStatus(device_id, body["state"], body.get("version"))

    @ota_breaker
    @_transient
    async def wake_device(self, device_id: int) -> None:
        resp = await self._http.post(f"/v2/devices/{device_id}/wake")
        resp.raise_for_status()

    @ota_breaker
    async def push_config(self, device_id: int, config: dict[str, Any]) -> str:
        resp = await self._http.put(f"/v2/devices/{device_id}/config", json=config)
        resp.raise_for_status()
        return resp.json()["revision"]

    async def upload_artifact(self, version: str, data: bytes) -> str:
        resp = await self._uploads.post(
            f"/v2/artifacts/{version}",
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )
        resp.raise_for_status()
        return resp.json()["artifact_id"]
