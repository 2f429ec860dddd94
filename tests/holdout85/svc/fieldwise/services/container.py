"""Long-lived collaborators shared by request-scoped services."""
from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import httpx
import redis.asyncio as aioredis

from fieldwise.clients.satellite import SatelliteClient
from fieldwise.clients.sms import SmsClient
from fieldwise.clients.valves import ValveGatewayClient
from fieldwise.clients.weather import WeatherClient
from fieldwise.db.pg import PgPool


@dataclass
class Services:
    redis: aioredis.Redis
    pg: PgPool
    http: httpx.AsyncClient
    weather: WeatherClient
    valves: ValveGatewayClient
    satellite: SatelliteClient
    sms: SmsClient
    cpu_pool: ProcessPoolExecutor
    plan_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    background: set[asyncio.Task] = field(default_factory=set)

    def spawn(self, coro, *, name: str) -> asyncio.Task:
        task = asyncio.create_task(coro, name=name)
        self.background.add(task)
        task.add_done_callback(self.background.discard)
        return task
