"""Redis connections and the feature flags kept in redis.

* ``main``   - holds, locks and idempotency keys, behind Sentinel.
* ``queue``  - waiting-room positions and admission tokens.
* ``events`` - seat status fan-out (pub/sub) and short-lived counters.
* ``flags``  - feature flags written by the back office.
"""
from __future__ import annotations

from dataclasses import dataclass

import redis
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import settings

_sentinel = Sentinel(
    settings.redis_sentinels,
    socket_timeout=settings.redis_socket_timeout,
    sentinel_kwargs={"socket_timeout": settings.redis_socket_timeout},
)

main_redis: Redis = _sentinel.master_for(
    settings.redis_service_name,
    socket_timeout=settings.redis_socket_timeout,
    socket_connect_timeout=1.0,
    decode_responses=True,
)

queue_redis: Redis = Redis.from_url(
    settings.queue_redis_url,
    socket_timeout=2.0,
    socket_connect_timeout=1.0,
    decode_responses=True,
)

events_redis: Redis = Redis.from_url(settings.events_redis_url, decode_responses=True)

flags_redis = redis.Redis.from_url(
    settings.flags_redis_url,
    socket_timeout=0.3,
    socket_connect_timeout=0.3,
    decode_responses=True,
)


async def close_all() -> None:
    await main_redis.aclose()
    await queue_redis.aclose()
    await events_redis.aclose()
    flags_redis.close()


FLAGS_KEY = "tix:flags"

DEFAULT_FLAGS: dict[str, bool] = {
    "fraud_check": True,
    "dynamic_pricing": True,
    "wallet_passes": False,
}


@dataclass(frozen=True)
class Flags:
    fraud_check: bool
    dynamic_pricing: bool
    wallet_passes: bool


def _read_flag_hash() -> dict[str, str]:
    return flags_redis.hgetall(FLAGS_KEY)


def load_flags() -> Flags:
    raw = _read_flag_hash()
    merged = {**DEFAULT_FLAGS, **{k: v == "1" for k, v in raw.items() if k in DEFAULT_FLAGS}}
    return Flags(**merged)
