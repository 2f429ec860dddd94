"""Consumes goal notifications from a Redis stream and pushes them to devices."""
from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError, ResponseError
from sqlalchemy.exc import SQLAlchemyError

from svc.config import settings
from svc.services.ingest import NOTIFY_STREAM
from svc.services.notifications import NotificationService

logger = logging.getLogger(__name__)

GROUP = "pushers"


class NotificationWorker:
    def __init__(self, redis: Redis, service: NotificationService) -> None:
        self._redis = redis
        self._service = service
        self._consumer = f"{settings.node_name}"
        self._stop = asyncio.Event()
        self.failed = 0

    async def _ensure_group(self) -> None:
        try:
            await self._redis.xgroup_create(NOTIFY_STREAM, GROUP, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise

    async def run(self) -> None:
        await self._ensure_group()
        while not self._stop.is_set():
            try:
                entries = await self._redis.xreadgroup(GROUP, self._consumer, {NOTIFY_STREAM: ">"}, count=50, block=1500)
            except RedisError:
                logger.warning("notification stream read failed; backing off", exc_info=True)
                await asyncio.sleep(2.0)
                continue
            for _stream, messages in entries or []:
                for message_id, fields in messages:
                    await self._handle(message_id, fields)

    async def _handle(self, message_id: str, fields: dict[str, str]) -> None:
        team_ids = [int(fields["home_team_id"]), int(fields["away_team_id"])]
        try:
            await self._service.notify_goal(int(fields["match_id"]), team_ids, fields["text"])
        except (SQLAlchemyError, RedisError):
            self.failed += 1
        await self._redis.xack(NOTIFY_STREAM, GROUP, message_id)

    def stop(self) -> None:
        self._stop.set()
