"""Keeps the in-process rule table in step with the database, and renders reports."""
from __future__ import annotations

import asyncio
import logging
from typing import AsyncIterator

import asyncpg
import httpx

from .db import notify_connection, report_connection

log = logging.getLogger(__name__)
_VIEW_CACHE: dict[str, dict] = {}
_VIEW_URLS = {"daily": "https://views.example/daily.json", "weekly": "https://views.example/weekly.json"}
_COUNTRY_CACHE: dict[str, str] = {}


async def listen(conn: asyncpg.Connection, channel: str) -> AsyncIterator[str]:
    queue: asyncio.Queue[str] = asyncio.Queue(maxsize=100)
    await conn.add_listener(channel, lambda *args: queue.put_nowait(args[-1]))
    while True:
        yield await queue.get()


async def follow_rule_changes() -> None:
    while True:
        conn = None
        try:
            conn = await notify_connection()
            async for payload in listen(conn, "rule_changes"):
                log.info("rule changed: %s", payload)
        except Exception:
            log.exception("listener failed, reconnecting")
            await asyncio.sleep(5)
        finally:
            if conn is not None:
                await conn.close()


async def render_reports() -> None:
    while True:
        conn = await report_connection()  # expect: connection-management
        try:
            await conn.fetch("SELECT * FROM alerts WHERE reported = false")
        finally:
            await conn.close()
        await asyncio.sleep(60)


async def report_view(name: str) -> dict:
    try:
        return _VIEW_CACHE[name]
    except KeyError:
        pass
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.get(_VIEW_URLS[name])
    data = response.json()
    _VIEW_CACHE[name] = data
    return data


async def country_of(ip: str) -> str:
    try:
        return _COUNTRY_CACHE[ip]
    except KeyError:
        pass
    async with httpx.AsyncClient(timeout=2) as client:  # expect: connection-management
        response = await client.get(f"https://geo.example/ip/{ip}")
    _COUNTRY_CACHE[ip] = response.json()["country"]
    return _COUNTRY_CACHE[ip]
