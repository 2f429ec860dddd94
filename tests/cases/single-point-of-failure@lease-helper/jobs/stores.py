"""Redis clients: the cache goes through Sentinel, each lease store is one host."""
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

_sentinel = Sentinel([("sentinel-1", 26379), ("sentinel-2", 26379)], socket_timeout=2.0)
cache: Redis = _sentinel.master_for("cache", socket_timeout=2.0)

lease_redis: Redis = Redis(host="leases.internal", port=6379, socket_timeout=2.0)  # expect: single-point-of-failure

scratch_redis: Redis = Redis(host="scratch.internal", port=6379, socket_timeout=2.0)
