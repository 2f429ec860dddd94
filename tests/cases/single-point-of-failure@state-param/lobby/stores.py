"""Redis connections: the queue, the event bus and the badge cache, one server each."""
import os

from redis.asyncio import Redis

QUEUE_URL = os.environ.get("QUEUE_REDIS_URL", "redis://queue.internal:6379/0")
EVENTS_URL = os.environ.get("EVENTS_REDIS_URL", "redis://events.internal:6379/0")
BADGES_URL = os.environ.get("BADGES_REDIS_URL", "redis://badges.internal:6379/0")


def create_queue_redis() -> Redis:
    return Redis.from_url(QUEUE_URL, socket_timeout=2.0, decode_responses=True)  # expect: single-point-of-failure


def create_events_redis() -> Redis:
    return Redis.from_url(EVENTS_URL, socket_timeout=2.0, decode_responses=True)  # expect: single-point-of-failure


def create_badge_redis() -> Redis:
    return Redis.from_url(BADGES_URL, socket_timeout=0.5, decode_responses=True)
