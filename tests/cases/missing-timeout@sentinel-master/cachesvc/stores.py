"""Redis clients reached through Sentinel."""
import redis.asyncio as redis
from redis.asyncio.sentinel import Sentinel

SENTINELS = [("sentinel-1", 26379), ("sentinel-2", 26379), ("sentinel-3", 26379)]


def _sentinel() -> Sentinel:
    return Sentinel(SENTINELS, sentinel_kwargs={"socket_timeout": 1.0})


def sessions_client() -> redis.Redis:
    return _sentinel().master_for("sessions", decode_responses=True)  # expect: missing-timeout


def cache_client() -> redis.Redis:
    sentinel = _sentinel()
    return sentinel.master_for("cache", socket_timeout=2.0, socket_connect_timeout=1.0)


def replica_client() -> redis.Redis:
    return _sentinel().slave_for("cache", decode_responses=True)  # expect: missing-timeout
