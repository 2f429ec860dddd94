from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import httpx

from glide.core.circuit import CircuitBreaker
from glide.core.retry import backoff_sleep, retry_async
from glide.errors import UpstreamError
from glide.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CommandAck:
    device_id: str
    command_id: str
    accepted: bool


class IoTBridge:
    """HTTP side of the MQTT bridge: commands go out as POSTs, telemetry comes back as webhooks."""

    def __init__(self, settings: Settings, client: httpx.AsyncClient) -> None:
        self._client = client
        self._base = settings.iot_bridge_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {settings.iot_bridge_token}"}
        self._breaker = CircuitBreaker("iot-bridge", failure_threshold=8, reset_after=20)

    @property
    def breaker(self) -> CircuitBreaker:
        return self._breaker

    async def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        resp = await self._client.post(
            f"{self._base}{path}", json=payload, headers=self._headers, timeout=4.0
        )
        resp.raise_for_status()
        return resp.json()

    async def send_command(self, device_id: str, command: str, *, attempts: int = 3) -> CommandAck:
        payload = {"device_id": device_id, "command": command, "qos": 1}
        for attempt in range(attempts):
            try:
                data = await self._breaker.call(lambda: self._post("/commands", payload))
                return CommandAck(device_id, data["command_id"], bool(data.get("accepted", True)))
            except httpx.TransportError as exc:
                if attempt == attempts - 1:
                    raise UpstreamError(f"bridge unreachable for {device_id}") from exc
                log.info("bridge send failed for %s, attempt %d", device_id, attempt + 1)
                backoff_sleep(attempt)
        raise UpstreamError("bridge unreachable")

    async def device_state(self, device_id: str) -> dict[str, Any]:
        async def _get() -> dict[str, Any]:
            resp = await self._client.get(
                f"{self._base}/devices/{device_id}", headers=self._headers, timeout=4.0
            )
            resp.raise_for_status()
            return resp.json()

        return await self._breaker.call(lambda: retry_async(_get, label="device_state"))

    async def firmware_status(self, device_ids: list[str], concurrency: int = 10) -> dict[str, str]:
        sem = asyncio.Semaphore(concurrency)

        async def _one(device_id: str) -> tuple[str, str]:
            async with sem:
                try:
                    state = await self.device_state(device_id)
                except (httpx.HTTPError, UpstreamError):
                    return device_id, "unknown"
                return device_id, str(state.get("firmware", "unknown"))

        pairs = await asyncio.gather(*(_one(d) for d in device_ids))
        return dict(pairs)

    async def set_speed_limit(self, device_id: str, kmh: int) -> CommandAck:
        return await self.send_command(device_id, f"speed_limit:{kmh}")
