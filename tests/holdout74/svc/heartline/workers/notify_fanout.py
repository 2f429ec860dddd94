"""Delivers campaign pushes from the notification stream and due rows from the outbox."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
from typing import Any

import aiohttp
from redis.exceptions import ResponseError

from ..cache import NOTIFY_STREAM
from ..wiring import Container

log = logging.getLogger(__name__)

GROUP = "fanout"
OUTBOX_BATCH = 200
PUSH_CONCURRENCY = 16


class NotifyFanoutWorker:
    name = "notify-fanout"

    def __init__(self, container: Container) -> None:
        self.redis = container.redis
        self.push = container.push
        self.devices = container.devices
        self.outbox = container.outbox
        self.consumer = f"{socket.gethostname()}-{os.getpid()}"

    async def _ensure_group(self) -> None:
        try:
            await self.redis.xgroup_create(NOTIFY_STREAM, GROUP, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def run_forever(self) -> None:
        await self._ensure_group()
        while True:
            entries = await self.redis.xreadgroup(GROUP, self.consumer, {NOTIFY_STREAM: ">"}, count=20, block=2000)
            for _stream, messages in entries or ():
                for message_id, fields in messages:
                    await self._handle_campaign(json.loads(fields["event"]))
                    await self.redis.xack(NOTIFY_STREAM, GROUP, message_id)
            await self._drain_outbox()

    async def _handle_campaign(self, event: dict[str, Any]) -> None:
        payload = {"kind": "announcement", **event["payload"]}
        for user_id in event["user_ids"]:
            tokens = await self.devices.tokens_for(user_id)
            if not tokens:
                continue
            try:
                await self.push.send(tokens, payload)
            except:
                log.warning("campaign push to user %s failed", user_id)

    async def _drain_outbox(self) -> None:
        rows = await self.outbox.claim_due(OUTBOX_BATCH)
        if not rows:
            return
        tokens = await self.devices.tokens_for_users(sorted({row["user_id"] for row in rows}))
        limiter = asyncio.Semaphore(PUSH_CONCURRENCY)

        async def deliver(row: Any) -> int | None:
            user_tokens = tokens.get(row["user_id"])
            if not user_tokens:
                return row["id"]
            async with limiter:
                try:
                    await self.push.send(user_tokens, {"kind": row["kind"], **json.loads(row["payload"])})
                except aiohttp.ClientError as exc:
                    log.warning("outbox row %s not delivered: %s", row["id"], exc)
                    return None
            return row["id"]

        delivered = await asyncio.gather(*(deliver(row) for row in rows))
        await self.outbox.mark_sent([row_id for row_id in delivered if row_id is not None])
