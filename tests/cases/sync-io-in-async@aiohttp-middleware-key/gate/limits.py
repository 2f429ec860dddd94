"""Rate limit counters, kept in Redis and held by the app for every request."""
from __future__ import annotations

from dataclasses import dataclass

import redis
import redis.asyncio as aioredis
from aiohttp import web


@dataclass
class Limits:
    counters: redis.Redis
    quotas: aioredis.Redis
    per_minute: int = 10


LIMITS = web.AppKey("limits", Limits)
