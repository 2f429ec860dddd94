"""Daily dock jobs: close manifests and refresh pickup windows, counting failures."""
from __future__ import annotations

import asyncio
import logging

import httpx

from dock.carriers import CarrierApi

log = logging.getLogger(__name__)


class DockJobs:
    def __init__(self, api: CarrierApi, carrier_ids: list[str]) -> None:
        self._api = api
        self._carrier_ids = carrier_ids
        self.windows: dict[str, dict] = {}

    async def run(self) -> None:
        while True:
            await asyncio.sleep(86400)
            try:
                await self.close_manifests()
                await self.refresh_windows()
                await self.poll_default()
            except Exception:
                log.exception("dock run failed")

    async def close_manifests(self) -> dict[str, int]:
        closed, failed = 0, 0
        for carrier_id in self._carrier_ids:
            try:
                await self._api.close_manifest(carrier_id, [])
                closed += 1
            except httpx.HTTPError:  # expect: logging-gap
                failed += 1
        return {"closed": closed, "failed": failed}

    async def refresh_windows(self) -> int:
        failed = 0
        for carrier_id in self._carrier_ids:
            try:
                self.windows[carrier_id] = await self._api.pickup_window(carrier_id)
            except httpx.HTTPError as exc:
                log.warning("pickup window for %s unavailable: %s", carrier_id, exc)
                failed += 1
        return failed

    async def poll_default(self) -> None:
        misses = 0
        while True:
            try:
                self.windows["default"] = await self._api.pickup_window("default")
                return
            except httpx.HTTPError:
                misses += 1
