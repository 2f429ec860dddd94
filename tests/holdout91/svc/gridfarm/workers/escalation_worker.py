from __future__ import annotations

import logging

from ..cache.locks import LockNotAcquired, redis_lock
from ..clients.sms import SmsGateway
from ..repositories.alarms import AlarmRepository
from ..repositories.sites import SiteRepository
from ..services.escalation import EscalationService
from ..services.notify import Notifier
from .context import WorkerContext

log = logging.getLogger(__name__)


async def escalate(ctx: WorkerContext) -> None:
    try:
        async with redis_lock(ctx.redis, "escalation", ttl_ms=55_000):
            async with ctx.sessions() as session:
                site_codes = {s.id: s.code for s in await SiteRepository(session).all()}
            notifier = Notifier(SmsGateway(ctx.settings.sms_account, ctx.settings.sms_token))
            service = EscalationService(AlarmRepository(ctx.pool), notifier, site_codes,
                                        ctx.settings.escalation_after_s)
            paged = await service.run_once()
            if paged:
                log.info("escalated %d alarms", paged)
    except LockNotAcquired:
        log.debug("escalation already running elsewhere")
