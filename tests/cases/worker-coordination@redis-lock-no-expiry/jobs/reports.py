"""Nightly reports, run by whichever replica claims the run."""
from __future__ import annotations

import logging
import socket

from jobs.store import client

log = logging.getLogger(__name__)


async def build_nightly_report() -> None:
    cache = client()
    ok = await cache.set("reports:nightly:lock", socket.gethostname(), nx=True)  # expect: worker-coordination
    if not ok:
        log.info("another replica is building the report")
        return
    try:
        await _render_and_upload()
    finally:
        await cache.delete("reports:nightly:lock")


async def refresh_rollups() -> None:
    cache = client()
    if not await cache.set("rollups:lock", socket.gethostname(), nx=True, ex=900):
        return
    try:
        await _render_and_upload()
    finally:
        await cache.delete("rollups:lock")


async def rotate_keys() -> None:
    cache = client()
    if not await cache.setnx("keys:rotate:lock", "1"):
        return
    await cache.expire("keys:rotate:lock", 300)
    await _render_and_upload()
    await cache.delete("keys:rotate:lock")


async def mark_welcome_sent(user_id: int) -> bool:
    """Once-only flag: the key is the record that the mail went out, never deleted."""
    cache = client()
    if not await cache.setnx(f"welcome:{user_id}", "1"):
        return False
    return True


async def _render_and_upload() -> None:
    return None
