"""Event files, a readiness poll and a webhook sender whose error report is enriched."""
from __future__ import annotations

import asyncio
import logging
import time

import httpx

logger = logging.getLogger(__name__)


def parse_event_name(filename: str) -> dict[str, str] | None:
    try:
        parts = filename.split("_")
        if len(parts) >= 3:
            return {"stamp": parts[0], "kind": "_".join(parts[1:-1]), "id": parts[-1]}
    except Exception:
        pass
    return None


def load_event(store, filename: str) -> dict | None:
    try:
        return store.fetch_event(filename)
    except Exception:  # expect: swallowed-exception
        pass
    return None


async def wait_until_ready(client: httpx.AsyncClient, port: int, timeout: float = 30) -> bool:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            response = await client.get(f"http://localhost:{port}/alive")
            if response.status_code == 200:
                return True
        except Exception:
            pass
        await asyncio.sleep(1)
    return False


async def push_all(client: httpx.AsyncClient, urls: list[str]) -> int:
    sent = 0
    for url in urls:
        try:
            await client.post(url)
            sent += 1
        except Exception:  # expect: swallowed-exception
            pass
        await asyncio.sleep(0.1)
    return sent


async def send_hook(client: httpx.AsyncClient, url: str, payload: dict) -> None:
    try:
        response = await client.post(url, json=payload)
        response.raise_for_status()
    except httpx.HTTPStatusError as exc:
        detail = f"HTTP {exc.response.status_code}"
        try:
            body = exc.response.text
            if body:
                detail += f": {body}"
        except Exception:
            pass
        logger.error("hook to %s failed: %s", url, detail, exc_info=True)
        raise RuntimeError(f"hook failed: {detail}") from exc


async def send_hook_quietly(client: httpx.AsyncClient, url: str, payload: dict) -> None:
    try:
        await client.post(url, json=payload)
    except httpx.HTTPError as exc:
        try:
            await client.post(url + "/retry", json=payload)
        except Exception:  # expect: swallowed-exception
            pass
        logger.warning("hook to %s failed: %s", url, exc)
