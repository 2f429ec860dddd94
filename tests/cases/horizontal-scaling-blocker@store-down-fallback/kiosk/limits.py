"""Per-IP limits kept in redis; a per-process count stands in while redis is unreachable."""
import time
from collections import defaultdict

import redis
from fastapi import HTTPException

_store = redis.Redis(host="cache", socket_timeout=2, socket_connect_timeout=2)
_local_hits: dict[str, list[float]] = defaultdict(list)
_burst_hits: dict[str, list[float]] = defaultdict(list)  # expect: horizontal-scaling-blocker


def _local_check(key: str, limit: int, window: int) -> None:
    now = time.monotonic()
    recent = [t for t in _local_hits[key] if now - t < window]
    if len(recent) >= limit:
        raise HTTPException(status_code=429, detail="too many requests")
    _local_hits[key] = [*recent, now]


def check(ip: str, limit: int = 5, window: int = 60) -> None:
    key = f"login:{ip}"
    try:
        count = _store.incr(key)
        _store.expire(key, window)
    except redis.RedisError:
        _local_check(key, limit, window)
        return
    if count > limit:
        raise HTTPException(status_code=429, detail="too many requests")


def burst_check(ip: str, limit: int = 20) -> None:
    now = time.monotonic()
    recent = [t for t in _burst_hits[ip] if now - t < 1]
    if len(recent) >= limit:
        raise HTTPException(status_code=429, detail="slow down")
    _burst_hits[ip] = [*recent, now]


def search_check(ip: str) -> None:
    try:
        burst_check(ip)
    except HTTPException:
        raise
    burst_check(ip, 40)
