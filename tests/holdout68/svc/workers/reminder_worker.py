"""Vaccination reminders by SMS and email, run hourly on every replica."""
from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import date, timedelta

from redis.asyncio import Redis

from svc.clients.messaging import EmailClient, SmsDeliveryError, SmsGateway
from svc.config import get_settings
from svc.db.connections import SessionLocal
from svc.db.models import Vaccination
from svc.repositories import reminders_repo
from svc.utils.phone import normalise_uk_mobile
from svc.utils.ratelimit import ProviderThrottle, SmsDailyCap

logger = logging.getLogger(__name__)

STATS = {"sms_sent": 0, "email_sent": 0, "failed": 0}
LOCK_KEY = "locks:vaccination-reminders"
LOCK_TTL_MS = 15 * 60 * 1000

_RELEASE_LUA = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end
"""


class ReminderWorker:
    def __init__(self, redis: Redis, sms: SmsGateway, email: EmailClient) -> None:
        self.redis = redis
        self.sms = sms
        self.email = email
        self.cap = SmsDailyCap(redis)
        self.throttle = ProviderThrottle()
        settings = get_settings()
        self.batch_size = settings.reminder_batch_size
        self.sem = asyncio.Semaphore(settings.reminder_concurrency)

    async def run_once(self) -> None:
        token = uuid.uuid4().hex
        acquired = await self.redis.set(LOCK_KEY, token, nx=True, px=LOCK_TTL_MS)
        if not acquired:
            logger.debug("another replica is sending reminders")
            return
        try:
            await self._send_due()
        finally:
            await self.redis.eval(_RELEASE_LUA, 1, LOCK_KEY, token)

    @staticmethod
    def _one_per_pet(due: list[Vaccination]) -> list[Vaccination]:
        selected: list[Vaccination] = []
        seen: set[int] = set()
        for v in due:
            if v.pet_id not in seen:
                seen.add(v.pet_id)
                selected.append(v)
        return selected

    async def _send_due(self) -> None:
        today = date.today()
        async with SessionLocal() as session:
            due = await reminders_repo.due_vaccinations(session, today, today + timedelta(days=14), self.batch_size)
            selected = self._one_per_pet(due)
        results = await asyncio.gather(*(self._remind(v) for v in selected), return_exceptions=True)
        failures = [r for r in results if isinstance(r, Exception)]
        if failures:
            logger.error("reminder run had %d failures; first: %r", len(failures), failures[0])

    async def _remind(self, v: Vaccination) -> None:
        async with self.sem, SessionLocal() as session:
            owner = v.pet.owner
            text = f"{v.pet.name} is due their {v.vaccine} on {v.due_at:%d %b}. Book at pawsnetwork.example/book"
            mobile = normalise_uk_mobile(owner.phone)
            if owner.sms_opt_in and mobile and await self.cap.allow(owner.id) and self.throttle.try_acquire():
                if await reminders_repo.mark_sent(session, v.id, "sms"):
                    try:
                        await self.sms.send(mobile, text, reference=f"vacc-{v.id}")
                    except SmsDeliveryError:
                        STATS["failed"] += 1
                        raise
                    STATS["sms_sent"] += 1
            elif owner.email_opt_in:
                if await reminders_repo.mark_sent(session, v.id, "email"):
                    await self.email.send(owner.email, f"{v.pet.name}'s {v.vaccine} is due", text)
                    STATS["email_sent"] += 1
            await session.commit()
