"""Redis connections used by the background work of the web process."""
import os

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

# lobby events between replicas: one Redis server
events_redis = Redis.from_url(os.environ["EVENTS_REDIS_URL"], socket_timeout=5, decode_responses=True)  # expect: single-point-of-failure

# match announcements: behind Sentinel, fails over with the master
_sentinel = Sentinel([("sentinel-1", 26379), ("sentinel-2", 26379), ("sentinel-3", 26379)], socket_timeout=2)
matches_redis = _sentinel.master_for("matches", socket_timeout=2, decode_responses=True)

# counters flushed by a startup task that feeds no socket
stats_redis = Redis.from_url(os.environ["STATS_REDIS_URL"], socket_timeout=5)
