"""Redis connections: presence through Sentinel, the jobs instance on one host."""
import os

from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

_sentinel = Sentinel([("sentinel-a.internal", 26379), ("sentinel-b.internal", 26379)], socket_timeout=0.5)

presence: Redis = _sentinel.master_for(os.getenv("PRESENCE_MASTER", "presence"), socket_timeout=0.5)

jobs = Redis(  # expect: single-point-of-failure
    host=os.getenv("JOBS_REDIS_HOST", "jobs.internal"),
    port=6379,
    socket_timeout=0.5,
)
