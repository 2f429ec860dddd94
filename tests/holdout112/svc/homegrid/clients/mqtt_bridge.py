from __future__ import annotations

import threading
import time
from typing import Any

import aiohttp
import structlog

from homegrid.config import Settings

log = structlog.get_logger(__name__)


class BridgeError(Exception):
    pass


class MqttBridgeClient:
    """Publishes device commands through the MQTT-to-HTTP bridge."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.mqtt_bridge_url.rstrip("/")
        self._client_secret = settings.mqtt_bridge_token
        self._session: aiohttp.ClientSession | None = None
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = threading.Lock()

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10, connect=3),
            connector=aiohttp.TCPConnector(limit=200),
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _bearer(self) -> str:
        assert self._session is not None
        with self._token_lock:
            if self._token is None or self._token_expires - time.monotonic() < 30:
                resp = await self._session.post(
                    f"{self._base}/oauth/token", data={"client_secret": self._client_secret}
                )
                resp.raise_for_status()
                body = await resp.json()
                self._token = body["access_token"]
                self._token_expires = time.monotonic() + float(body.get("expires_in", 300))
            return self._token

    async def publish(self, client_id: str, topic: str, payload: dict[str, Any], qos: int = 1) -> None:
        assert self._session is not None
        token = await self._bearer()
        async with self._session.post(
            f"{self._base}/v1/publish",
            json={"client_id": client_id, "topic": topic, "payload": payload, "qos": qos},
            headers={"Authorization": f"Bearer {token}"},
        ) as resp:
            if resp.status >= 400:
                text = await resp.text()
                raise BridgeError(f"bridge rejected publish ({resp.status}): {text[:200]}")

    async def is_connected(self, client_id: str) -> bool:
        assert self._session is not None
        token = await self._bearer()
        async with self._session.get(
            f"{self._base}/v1/clients/{client_id}", headers={"Authorization": f"Bearer {token}"}
        ) as resp:
            if resp.status == 404:
                return False
            resp.raise_for_status()
            body = await resp.json()
            return bool(body.get("connected"))
