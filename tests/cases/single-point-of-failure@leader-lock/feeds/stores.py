"""Redis clients: the cache goes through Sentinel, the coordination store is one host."""
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel


def create_cache() -> Redis:
    sentinel = Sentinel([("sentinel-1", 26379), ("sentinel-2", 26379)], socket_timeout=2.0)
    return sentinel.master_for("cache", socket_timeout=2.0)


def create_locks() -> Redis:
    return Redis(host="locks.internal", port=6379, socket_timeout=2.0)  # expect: single-point-of-failure


def create_scratch() -> Redis:
    return Redis(host="scratch.internal", port=6379, socket_timeout=2.0)
