"""Shared redis connections: one pool for commands, one for long-lived pub/sub readers."""
from __future__ import annotations

import redis.asyncio as redis

from svc.config import get_settings

_settings = get_settings()


def make_command_client() -> redis.Redis:
    return redis.from_url(
        _settings.redis_url,
        decode_responses=True,
        socket_timeout=5,
        socket_connect_timeout=3,
        max_connections=50,
        health_check_interval=30,
    )


def make_pubsub_client() -> redis.Redis:
    # Subscribers block on reads by design, so no socket_timeout on this pool.
    return redis.from_url(
        _settings.redis_url,
        decode_responses=True,
        socket_connect_timeout=3,
        socket_keepalive=True,
        max_connections=200,
    )


LOG_STREAM_KEY = "ci:logs:{job_id}"
LOG_CHANNEL = "ci:logs:live:{job_id}"
BUILD_EVENTS_CHANNEL = "ci:events:{org_id}"
DISPATCH_STREAM = "ci:dispatch"
CANCEL_CHANNEL = "ci:cancel"
