"""Shared bootstrap for worker processes (python -m fieldwise.workers <name>)."""
from __future__ import annotations

import asyncio
import signal
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from typing import AsyncIterator, Awaitable, Callable

import httpx

from fieldwise.cache import create_redis
from fieldwise.clients.satellite import SatelliteClient
from fieldwise.clients.sms import SmsClient
from fieldwise.clients.valves import ValveGatewayClient
from fieldwise.clients.weather import WeatherClient
from fieldwise.db.engine import dispose_engine
from fieldwise.db.pg import pg
from fieldwise.logging_setup import configure_logging, get_logger
from fieldwise.services.container import Services
from fieldwise.settings import get_settings

log = get_logger(__name__)


@asynccontextmanager
async def worker_services() -> AsyncIterator[Services]:
    s = get_settings()
    configure_logging()
    await pg.open()
    redis = create_redis()
    http = httpx.AsyncClient(timeout=10.0)
    valves = ValveGatewayClient(s.valve_gateway_url, s.valve_gateway_token)
    await valves.start()
    deps = Services(redis=redis, pg=pg, http=http,
                    weather=WeatherClient(s.weather_api_url, s.weather_api_key), valves=valves,
                    satellite=SatelliteClient(s.satellite_api_url, s.satellite_api_key),
                    sms=SmsClient(http, s.sms_api_url, s.sms_api_key),
                    cpu_pool=ProcessPoolExecutor(max_workers=4))
    try:
        yield deps
    finally:
        await deps.weather.close()
        await valves.close()
        await http.aclose()
        await redis.aclose()
        await pg.close()
        await dispose_engine()
        deps.cpu_pool.shutdown(wait=True)


def install_stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def run_periodic(name: str, interval_s: float, tick: Callable[[], Awaitable[None]],
                       stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await tick()
        except Exception:
            log.exception("worker.tick_failed", worker=name)
        try:
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
        except asyncio.TimeoutError:
            pass
