"""Delivers bounce/complaint notifications to tenants' webhook endpoints."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
import uuid

import httpx
import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.ext.asyncio import async_sessionmaker

from mailroom.cache import tenant_settings
from mailroom.config import Settings
from mailroom.workers.webhook_processor import NOTIFY_QUEUE

log = logging.getLogger(__name__)


async def notify_once(redis: aioredis.Redis, session_factory: async_sessionmaker, settings: Settings) -> bool:
    item = await redis.blpop([NOTIFY_QUEUE], timeout=5)
    if item is None:
        return False
    event = json.loads(item[1])
    async with session_factory() as session:
        cfg = await tenant_settings(session, uuid.UUID(event["tenant_id"]))
    url = cfg.get("webhook_url")
    if not url:
        return True
    delivered = await forward(url, settings.webhook_shared_secret, event)
    if not delivered:
        log.info("tenant %s notification not delivered (%s)", event["tenant_id"], event["type"])
    return True


async def run_notifier(redis: aioredis.Redis, session_factory: async_sessionmaker, settings: Settings) -> None:
    while True:
        try:
            await notify_once(redis, session_factory, settings)
        except (RedisConnectionError, RedisTimeoutError) as exc:
            log.warning("notifier lost redis: %s", exc)
            await asyncio.sleep(2)


def _signature(secret: str, body: bytes, ts: str) -> str:
    return hmac.new(secret.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()


async def forward(webhook_url, secret, event):
    body = json.dumps(event, separators=(",", ":")).encode()
    ts = str(int(time.time()))
    headers = {
        "content-type": "application/json",
        "x-mailroom-timestamp": ts,
        "x-mailroom-signature": _signature(secret, body, ts),
    }
    async with httpx.AsyncClient() as client:
        try:
            resp = await client.post(webhook_url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            log.warning("tenant webhook %s failed: %s", webhook_url, exc)
            return False
    if resp.status_code >= 300:
        log.warning("tenant webhook %s answered %s", webhook_url, resp.status_code)
        return False
    return True
