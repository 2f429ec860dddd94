"""Pulls buffered readings from the sensor network's MQTT bridge when webhooks are disabled."""
from __future__ import annotations

import logging
from datetime import datetime

import httpx

from ..repositories.sensor_repo import Reading
from ..services.occupancy_service import OccupancyService

log = logging.getLogger(__name__)


class SensorBridgePoller:
    def __init__(self, base_url: str, occupancy: OccupancyService) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(15.0))
        self._occupancy = occupancy

    async def _pull(self) -> list[dict]:
        resp = await self._client.get("/buffer", params={"max": 500, "wait": 10})
        resp.raise_for_status()
        return resp.json()["messages"]

    async def run_forever(self) -> None:
        while True:
            try:
                messages = await self._pull()
                by_zone: dict[int, list[Reading]] = {}
                for m in messages:
                    by_zone.setdefault(int(m["zone"]), []).append(
                        Reading(m["sensor"], int(m["bay"]), bool(m["occupied"]), m.get("battery"), datetime.fromisoformat(m["ts"]))
                    )
                for zone_id, readings in by_zone.items():
                    self._occupancy.submit(zone_id, readings)
            except Exception:
                log.exception("bridge poll failed")
