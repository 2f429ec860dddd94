"""Messages from the kiosks, routed by type through a table of handlers."""
import logging
from typing import Any, Awaitable, Callable

from kiosk.hub import HubClient, HubDown

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(self, hub: HubClient) -> None:
        self._hub = hub
        self._seen: dict[str, str] = {}
        self._handlers: dict[str, Callable[[dict[str, Any]], Awaitable[dict]]] = {
            "status": self._on_status,
            "ping": self._on_ping,
        }

    async def handle(self, message: dict[str, Any]) -> dict:
        handler = self._handlers.get(message.get("type", ""))
        if handler is None:
            return {"error": "unknown type"}
        return await handler(message)

    async def _on_ping(self, message: dict[str, Any]) -> dict:
        return {"pong": message.get("n", 0)}

    async def _on_status(self, message: dict[str, Any]) -> dict:
        self._seen[message["kiosk"]] = message["status"]
        try:
            await self._hub.publish_status(message["kiosk"], message["status"])
        except HubDown as exc:
            log.warning("hub did not get the status of %s: %s", message["kiosk"], exc)
        return {"ok": True}
