from __future__ import annotations

import logging

import requests

log = logging.getLogger(__name__)


class LegacyTosBridge:
    """Mirror of gate and yard events into the legacy terminal operating system."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url

    async def mirror_gate_event(self, event: dict) -> None:
        response = requests.post(f"{self._base_url}/gate/events", json=event, timeout=5)
        if response.status_code >= 300:
            log.error("legacy TOS refused gate event %s: %s", event.get("tx_id"), response.status_code)

    def mirror_yard_move_sync(self, move: dict) -> None:
        response = requests.post(f"{self._base_url}/yard/moves", json=move, timeout=5)
        response.raise_for_status()
