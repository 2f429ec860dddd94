"""Delivers alerts read from a Redis stream."""
import asyncio
import json
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.exc import SQLAlchemyError

from alerts.service import AlertService

log = logging.getLogger(__name__)
STREAM, GROUP = "alerts", "delivery"


class AlertWorker:
    def __init__(self, redis: Redis, service: AlertService) -> None:
        self._redis = redis
        self._service = service
        self.failed = 0

    async def run(self) -> None:
        while True:
            try:
                batches = await self._redis.xreadgroup(GROUP, "w1", {STREAM: ">"}, count=20, block=2000)
            except RedisError:
                log.warning("alert stream read failed", exc_info=True)
                await asyncio.sleep(2.0)
                continue
            for _stream, messages in batches or []:
                for message_id, fields in messages:
                    await self._deliver(message_id, fields)
                    await self._digest(message_id, fields)

    async def _deliver(self, message_id: str, fields: dict) -> None:
        try:
            await self._service.deliver(int(fields["user_id"]), fields["body"])
        except (SQLAlchemyError, RedisError):  # expect: logging-gap
            self.failed += 1
        await self._redis.xack(STREAM, GROUP, message_id)

    async def _digest(self, message_id: str, fields: dict) -> None:
        try:
            prefs = await self._service.preferences(int(fields["user_id"]))
        except SQLAlchemyError:
            prefs = {}
        if prefs.get("digest", True):
            await self._redis.rpush(f"digest:{fields['user_id']}", json.dumps(fields))
