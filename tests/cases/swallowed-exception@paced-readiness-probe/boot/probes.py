"""Readiness probes run before a worker starts taking jobs."""
import logging
import time

import redis

log = logging.getLogger(__name__)


class WorkerShutdown(Exception):
    pass


def wait_for_cache(client: redis.Redis, limit_s: float = 60.0) -> None:
    ready = False
    started = time.monotonic()
    while True:
        try:
            if client.ping():
                ready = True
                break
        except Exception:  # look-alike: a failed ping only means "not yet", the loop tries again
            pass
        if time.monotonic() - started > limit_s:
            break
        log.info("cache not ready yet")
        time.sleep(5)
    if not ready:
        raise WorkerShutdown(f"cache not ready within {limit_s}s")


def drain(client: redis.Redis) -> None:
    while True:
        try:
            client.lpop("jobs")
        except Exception:  # expect: swallowed-exception
            pass
        time.sleep(1)


def warm(client: redis.Redis, keys: list[str]) -> None:
    for key in keys:
        try:
            client.get(key)
        except Exception:  # expect: swallowed-exception
            pass
        time.sleep(0.1)
