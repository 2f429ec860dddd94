"""Alert notifications, throttled per rule and recipient."""
import asyncio
import json
import logging

from redis.asyncio import Redis

from alerts.sms import SmsGateway

logger = logging.getLogger(__name__)


class Notifier:
    def __init__(self, redis: Redis, sms: SmsGateway) -> None:
        self._redis = redis
        self._sms = sms

    async def page(self, rule_id: int, phone: str, message: str, cooldown: int) -> None:
        key = f"sms-throttle:{rule_id}:{phone}"
        if await self._redis.exists(key):  # expect: race-condition
            return
        await self._redis.set(key, "1", ex=cooldown)
        await asyncio.to_thread(self._sms.send, phone, message)

    async def page_sync_client(self, rule_id: int, phone: str, message: str, cooldown: int) -> None:
        key = f"sms-throttle-direct:{rule_id}:{phone}"
        if await self._redis.exists(key):  # expect: race-condition
            return
        await self._redis.set(key, "1", ex=cooldown)
        self._sms.send(phone, message)

    async def page_claimed(self, rule_id: int, phone: str, message: str, cooldown: int) -> None:
        key = f"sms-claim:{rule_id}:{phone}"
        if not await self._redis.set(key, "1", nx=True, ex=cooldown):
            return
        self._sms.send(phone, message)

    async def note_seen(self, rule_id: int) -> None:
        key = f"rule-seen:{rule_id}"
        if await self._redis.exists(key):
            return
        await self._redis.set(key, "1", ex=3600)
        logger.info("rule %s seen for the first time this hour", rule_id)

    async def rule_summary(self, rule_id: int) -> dict:
        key = f"rule-summary:{rule_id}"
        if await self._redis.exists(key):
            return json.loads(await self._redis.get(key))
        summary = self._summarise(rule_id)
        await self._redis.set(key, json.dumps(summary), ex=60)
        return summary

    def _summarise(self, rule_id: int) -> dict:
        return {"rule": rule_id}
