"""Thumbnail worker, launched by the process manager (`python -m media.thumbnails`)."""
from __future__ import annotations

import asyncio
import logging

log = logging.getLogger(__name__)

_processed = {"ok": 0, "failed": 0}  # expect: global-mutable-state
_SIZES = {"small": 128, "large": 1024}
_registry: dict[str, int] = {}


def register_size(name: str, pixels: int) -> None:
    _registry[name] = pixels


register_size("medium", 512)


async def _render(key: str) -> bool:
    await asyncio.sleep(0.1)
    return bool(key) and _SIZES["small"] > 0


async def _handle(key: str) -> None:
    ok = await _render(key)
    _processed["ok" if ok else "failed"] += 1


async def run_forever(queue: asyncio.Queue[str]) -> None:
    while True:
        key = await queue.get()
        try:
            await _handle(key)
        except Exception:
            log.exception("thumbnail %s failed", key)
