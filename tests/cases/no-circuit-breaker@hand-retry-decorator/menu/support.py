"""Shared decorators: a hand-written retry and a timing wrapper."""
import asyncio
import functools
import logging
import time

log = logging.getLogger(__name__)


def async_retry(*, attempts: int = 3, backoff: float = 0.5):
    """Retry a coroutine function with exponential backoff."""

    def decorator(fn):
        @functools.wraps(fn)
        async def wrapper(*args, **kwargs):
            delay = backoff
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except OSError:
                    if attempt == attempts:
                        raise
                    await asyncio.sleep(delay)
                    delay *= 2
            raise RuntimeError("unreachable")

        return wrapper

    return decorator


def timed(fn):
    """Log how long a call took; no retry."""

    @functools.wraps(fn)
    async def wrapper(*args, **kwargs):
        started = time.monotonic()
        try:
            return await fn(*args, **kwargs)
        finally:
            log.info("%s took %.3fs", fn.__qualname__, time.monotonic() - started)

    return wrapper
