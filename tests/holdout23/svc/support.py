"""Shared helpers: retries, task supervision and export files."""

from __future__ import annotations

import asyncio
import csv
import functools
import gzip
import logging
import shutil
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


def async_retry(
    *,
    attempts: int = 3,
    backoff: float = 0.5,
    exceptions: tuple[type[BaseException], ...] = (Exception,),
) -> Callable[[Callable[P, Awaitable[T]]], Callable[P, Awaitable[T]]]:
    """Retry a coroutine function with exponential backoff."""

    def decorator(fn: Callable[P, Awaitable[T]]) -> Callable[P, Awaitable[T]]:
        @functools.wraps(fn)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
            delay = backoff
            for attempt in range(1, attempts + 1):
                try:
                    return await fn(*args, **kwargs)
                except exceptions as exc:
                    if attempt == attempts:
                        raise
                    logger.warning("%s failed (attempt %d/%d): %s", fn.__qualname__, attempt, attempts, exc)
                    time.sleep(delay)
                    delay *= 2
            raise RuntimeError("unreachable")

        return wrapper

    return decorator


def retry_blocking(fn: Callable[[], T], *, attempts: int = 3, backoff: float = 1.0) -> T:
    """Retry a blocking callable. Runs inside a worker thread."""
    wait_s = backoff
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except Exception as exc:
            if attempt == attempts:
                raise
            logger.warning("blocking call failed (attempt %d/%d): %s", attempt, attempts, exc)
            time.sleep(wait_s)
            wait_s *= 2
    raise RuntimeError("unreachable")


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    """Keep a long-running coroutine alive for the lifetime of the process."""
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("background task %s crashed; restarting", name)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(header), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
    logger.info("wrote %d rows to %s", count, path)
    return count


def gzip_file(path: Path) -> Path:
    target = path.with_suffix(path.suffix + ".gz")
    with open(path, "rb") as src, gzip.open(target, "wb") as dst:
        shutil.copyfileobj(src, dst)
    path.unlink()
    return target
