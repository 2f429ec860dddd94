"""Redis clients. Each store has its own client so that a slow one cannot starve the others."""
from __future__ import annotations

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from svc.config import Settings


def make_pacing_redis(cfg: Settings) -> Redis:
    """Budget pacing counters and distributed locks."""
    pacing = Redis(
        host=cfg.pacing_redis_host,
        port=cfg.pacing_redis_port,
        socket_timeout=cfg.redis_socket_timeout,
        socket_connect_timeout=cfg.redis_socket_timeout,
        health_check_interval=30,
    )
    return pacing


def make_cache_redis(cfg: Settings) -> Redis:
    """Shared caches (campaign settings, floors, outcome counters), behind Sentinel."""
    sentinel = Sentinel(cfg.cache_sentinels, socket_timeout=cfg.redis_socket_timeout)
    return sentinel.master_for(cfg.cache_master_name, socket_timeout=cfg.redis_socket_timeout, decode_responses=True)


def make_freqcap_redis(cfg: Settings) -> Redis:
    """Per-user frequency-cap counters."""
    return Redis.from_url(cfg.freqcap_redis_url, decode_responses=True)


def make_pubsub_redis(cfg: Settings) -> Redis:
    """Live dashboard fan-out. Readers poll with ``get_message(timeout=...)``."""
    return Redis.from_url(
        cfg.pubsub_redis_url,
        socket_timeout=5.0,
        socket_connect_timeout=2.0,
        health_check_interval=15,
        decode_responses=True,
    )
