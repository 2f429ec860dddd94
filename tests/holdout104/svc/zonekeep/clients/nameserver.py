"""Push zone contents to authoritative nameserver nodes (internal HTTPS API)."""
from __future__ import annotations

import time

import httpx

from zonekeep.core.logging import get_logger
from zonekeep.core.settings import Settings

log = get_logger("clients.nameserver")


class NodeUnavailable(Exception):
    pass


class _Breaker:
    def __init__(self, threshold: int = 5, cooldown: float = 30.0) -> None:
        self.threshold = threshold
        self.cooldown = cooldown
        self.failures = 0
        self.open_until = 0.0

    def allow(self) -> bool:
        return time.monotonic() >= self.open_until

    def record(self, ok: bool) -> None:
        if ok:
            self.failures = 0
            return
        self.failures += 1
        if self.failures >= self.threshold:
            self.open_until = time.monotonic() + self.cooldown
            self.failures = 0


class NameserverClient:
    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(10.0, connect=3.0),
            headers={"Authorization": f"Bearer {settings.nameserver_api_token}"},
        )
        self._breakers: dict[str, _Breaker] = {node: _Breaker() for node in settings.nameserver_nodes}

    async def aclose(self) -> None:
        await self._client.aclose()

    async def push_zone(self, node: str, zone_name: str, serial: int, zone_text: str) -> None:
        breaker = self._breakers[node]
        if not breaker.allow():
            raise NodeUnavailable(node)
        try:
            resp = await self._client.put(
                f"{node}/zones/{zone_name}",
                content=zone_text.encode(),
                headers={"X-Zone-Serial": str(serial), "Content-Type": "text/dns"},
            )
            resp.raise_for_status()
        except httpx.HTTPError:
            breaker.record(False)
            raise
        breaker.record(True)

    async def served_serial(self, node: str, zone_name: str) -> int | None:
        resp = await self._client.get(f"{node}/zones/{zone_name}/soa")
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return int(resp.json()["serial"])

    async def notify(self, node: str, zone_name: str) -> None:
        resp = await self._client.post(f"{node}/zones/{zone_name}/notify")
        resp.raise_for_status()
