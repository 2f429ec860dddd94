"""Two Redis stores: the cache behind Sentinel, and sessions on their own instance."""
from redis.asyncio import Redis
from redis.asyncio.sentinel import Sentinel

from market import settings


def create_cache() -> Redis:
    sentinel = Sentinel(settings.SENTINELS, socket_timeout=0.5)
    return sentinel.master_for(settings.CACHE_MASTER, socket_timeout=0.5, decode_responses=True)


def create_sessions() -> Redis:
    return Redis(host=settings.SESSION_HOST, port=settings.SESSION_PORT, socket_timeout=0.5)  # expect: single-point-of-failure


cache = create_cache()
sessions = create_sessions()
