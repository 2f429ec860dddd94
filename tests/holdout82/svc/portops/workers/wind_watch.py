from __future__ import annotations

import asyncio
import logging

import redis.asyncio as aioredis

from portops.cache.redis_client import key
from portops.clients.weather import WeatherClient

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 30.0


async def watch_wind(weather: WeatherClient, redis: aioredis.Redis, terminal: str) -> None:
    """Publish the crane wind-stop flag; cranes poll it before each lift."""
    while True:
        stop = await weather.cranes_must_stop(terminal)
        await redis.set(key("wind-stop", terminal), "1" if stop else "0", ex=int(POLL_INTERVAL_S * 4))
        await asyncio.sleep(POLL_INTERVAL_S)
