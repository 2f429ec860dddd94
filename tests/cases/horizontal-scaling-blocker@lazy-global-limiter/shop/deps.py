"""Process-wide helpers, built on first use."""
from __future__ import annotations

import redis.asyncio as redis

from shop.exports import ExportQuota
from shop.throttle import SharedBucket, TokenBucket

_bucket: TokenBucket | None = None
_quota = None
_shared: SharedBucket | None = None


def bucket() -> TokenBucket:
    global _bucket
    if _bucket is None:
        _bucket = TokenBucket(rate=2.0, burst=20)
    return _bucket


def export_quota() -> ExportQuota:
    global _quota
    if _quota is None:
        _quota = ExportQuota(per_hour=3)
    return _quota


def shared_bucket() -> SharedBucket:
    global _shared
    if _shared is None:
        _shared = SharedBucket(redis.Redis(host="cache", socket_timeout=2), limit=120)
    return _shared
