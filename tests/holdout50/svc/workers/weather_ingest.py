from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from ..clients.weather_client import WeatherClient, WeatherProviderError
from ..config import Settings
from ..db.engine import SessionLocal
from ..repos.weather_repo import WeatherRepository
from ..utils.resilience import with_retry

log = logging.getLogger(__name__)

INTERVAL_S = 600


class WeatherIngestWorker:
    def __init__(self, client: WeatherClient, settings: Settings) -> None:
        self._client = client
        self._stations = settings.weather_stations

    async def ingest_station(self, station_id: str, since: datetime) -> int:
        observations = await with_retry(
            lambda: self._client.fetch_observations(station_id, since),
            retry_on=(WeatherProviderError,),
        )
        inserted = 0
        async with SessionLocal() as session:
            repo = WeatherRepository(session)
            for obs in observations:
                if await repo.exists(station_id, obs["observed_at"]):
                    continue
                repo.add(obs)
                inserted += 1
            await session.commit()
        return inserted

    async def run(self) -> None:
        while True:
            since = datetime.now(timezone.utc) - timedelta(hours=6)
            for station_id in self._stations:
                try:
                    count = await self.ingest_station(station_id, since)
                    log.info("weather ingested", extra={"station": station_id, "rows": count})
                except WeatherProviderError:
                    log.warning("weather feed unavailable", extra={"station": station_id}, exc_info=True)
            await asyncio.sleep(INTERVAL_S)
