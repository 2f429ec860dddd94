"""Background collection: pulls each station's readings and archives them."""
import asyncio
import logging

from stations.vendor import ArchiveClient, VendorClient

log = logging.getLogger(__name__)


class Collector:
    def __init__(self, vendor: VendorClient, archive: ArchiveClient, stations: list[str]) -> None:
        self._vendor = vendor
        self._archive = archive
        self._stations = stations
        self._cursor: dict[str, str] = {}

    async def run(self) -> None:
        while True:
            for station_id in self._stations:
                try:
                    await self.collect(station_id)
                except Exception:
                    log.exception("collection of %s failed", station_id)
            await asyncio.sleep(60)

    async def collect(self, station_id: str) -> None:
        since = self._cursor.get(station_id, "1970-01-01T00:00:00Z")
        rows = await self._vendor.readings(station_id, since)
        if not rows:
            return
        calibration = await self._vendor.calibration(station_id)
        await self._archive.store_day(station_id, rows[-1]["ts"][:10], rows)
        await self._archive.store_summary(station_id, {"count": len(rows), "offset": calibration.get("offset", 0)})
        await self._archive.store_note(station_id, f"{len(rows)} rows")
        self._cursor[station_id] = rows[-1]["ts"]
