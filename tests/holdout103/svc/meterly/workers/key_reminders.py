from __future__ import annotations

import asyncio
import logging

from ..container import Container
from ..core.errors import UpstreamError
from ..core.redis_utils import LockNotAcquired, redis_lock
from ..core.timeutil import utcnow
from ..db.models import Tenant
from ..repositories.api_keys import ApiKeyRepository
from . import sleep_or_stop

logger = logging.getLogger(__name__)

INTERVAL_S = 3600
REMIND_AGAIN_AFTER_DAYS = 7


async def send_reminders(container: Container) -> int:
    now = utcnow()
    sent: list = []
    async with container.sessions() as session:
        repo = ApiKeyRepository(session)
        keys = await repo.list_expiring_keys(days=container.settings.key_reminder_days)
        for key in keys:
            if key.last_reminded_at and (now - key.last_reminded_at).days < REMIND_AGAIN_AFTER_DAYS:
                continue
            tenant = await session.get(Tenant, key.tenant_id)
            if tenant is None:
                continue
            try:
                await container.notifier.key_rotation_reminder(tenant.billing_email, key.name, key.prefix, key.expires_at)
            except UpstreamError:
                logger.warning("reminder for key %s not sent", key.id, exc_info=True)
                continue
            sent.append(key.id)
        await repo.mark_reminded(sent, now)
        await session.commit()
    return len(sent)


async def run(container: Container, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            async with redis_lock(container.redis, "key-reminders", ttl_ms=15 * 60_000):
                count = await send_reminders(container)
                logger.info("sent %d key rotation reminders", count)
        except LockNotAcquired:
            logger.debug("another worker is sending reminders")
        if await sleep_or_stop(stop, INTERVAL_S):
            break
