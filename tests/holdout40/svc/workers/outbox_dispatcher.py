"""Retries notifications parked in the outbox.

Safe to run on every replica: rows are claimed with FOR UPDATE SKIP LOCKED.
"""
from __future__ import annotations

import asyncio
import json
import logging

import httpx
from redis.asyncio import Redis

from ..utils.resilience import CircuitBreaker, CircuitOpen
from ..integrations.clients import SmsGateway
from ..repositories import outbox as outbox_repo
from ..utils.resilience import retry_async

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


class OutboxDispatcher:
    def __init__(self, sms: SmsGateway, redis: Redis, idle_sleep: float = 5.0) -> None:
        self._sms = sms
        self._redis = redis
        self._idle_sleep = idle_sleep
        self._breaker = CircuitBreaker("sms-outbox", failure_threshold=10, reset_after=60)

    async def run(self) -> None:
        while True:
            batch = await outbox_repo.claim_pending(limit=50)
            if not batch:
                await asyncio.sleep(self._idle_sleep)
                continue
            sent, failed, dead = [], [], []
            for row in batch:
                payload = json.loads(row["payload"])
                try:
                    await self._breaker.call(
                        lambda p=payload: retry_async(lambda: self._sms.send(p["phone"], p["text"]), attempts=2)
                    )
                    sent.append(row["id"])
                except CircuitOpen:
                    settled = set(sent) | set(dead)
                    failed.extend(r["id"] for r in batch if r["id"] not in settled)
                    log.warning("sms circuit open; %d outbox rows deferred", len(failed))
                    break
                except httpx.HTTPError as exc:
                    (dead if row["attempts"] >= MAX_ATTEMPTS else failed).append(row["id"])
                    log.warning("outbox %s attempt %s failed: %s", row["id"], row["attempts"], exc)
            if sent:
                await outbox_repo.mark(sent, "SENT")
            if failed:
                await outbox_repo.mark(failed, "PENDING")
            if dead:
                await outbox_repo.mark(dead, "DEAD")
                log.error("outbox rows %s exhausted retries", dead)
