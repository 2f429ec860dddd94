"""Reading-room events are fanned out through redis so every replica's sockets see them."""
from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Coroutine
from typing import Any

from readroom.cache.redis_client import get_redis

log = logging.getLogger(__name__)

CHANNEL = "readroom:events"

_background: set[asyncio.Task] = set()


async def publish_event(kind: str, payload: dict[str, Any]) -> None:
    await get_redis().publish(CHANNEL, json.dumps({"kind": kind, **payload}, default=str))


def spawn(coro: Coroutine[Any, Any, Any], *, name: str) -> asyncio.Task:
    task = asyncio.create_task(coro, name=name)
    _background.add(task)
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Task) -> None:
    _background.discard(task)
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        log.error("background task %s failed", task.get_name(), exc_info=exc)


async def drain(timeout: float = 5.0) -> None:
    if _background:
        await asyncio.wait(list(_background), timeout=timeout)


def study_event(kind: str, *, study_uid: str, room: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"kind": kind, "study_uid": study_uid, "room": room, **extra}


async def publish_study_event(kind: str, study_uid: str, **extra: Any) -> None:
    payload = study_event(kind, study_uid=study_uid, **extra)
    redis = get_redis()
    encoded = json.dumps(payload, default=str)
    async with redis.pipeline(transaction=False) as pipe:
        pipe.publish(CHANNEL, encoded)
        pipe.publish(f"study:{study_uid}", encoded)
        await pipe.execute()
