"""Runs due escalation steps. ``python -m pulsewatch.workers.escalator``."""
from __future__ import annotations

import asyncio

import structlog

from pulsewatch.clients.email import EmailClient
from pulsewatch.clients.slack import SlackClient
from pulsewatch.clients.sms import SmsClient
from pulsewatch.clients.webhooks import WebhookDeliverer
from pulsewatch.config import get_settings
from pulsewatch.db.orm import dispose_engine, init_engine, session_factory
from pulsewatch.db.pool import close_pool, init_pool
from pulsewatch.db.redis import close_redis, init_redis
from pulsewatch.logging_setup import configure_logging
from pulsewatch.repositories.alerts import AlertRepository
from pulsewatch.repositories.incidents import IncidentRepository
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.repositories.organisations import OrganisationRepository
from pulsewatch.repositories.users import UserRepository
from pulsewatch.services.alerting import AlertRouter, TemplateRenderer
from pulsewatch.services.confirmation import ConfirmationService
from pulsewatch.services.escalation import EscalationService
from pulsewatch.services.oncall import OncallService
from pulsewatch.services.usage import UsageService
from pulsewatch.workers.common import install_signal_handlers, sleep_or_stop

log = structlog.get_logger(__name__)


async def main() -> None:
    settings = get_settings()
    configure_logging()
    stop = asyncio.Event()
    install_signal_handlers(stop)
    pool = await init_pool(settings)
    redis = init_redis(settings)
    init_engine(settings)
    email, sms, slack = EmailClient(settings), SmsClient(settings), SlackClient(settings)
    router = AlertRouter(
        settings,
        AlertRepository(pool),
        UserRepository(pool),
        OncallService(session_factory()),
        UsageService(redis, OrganisationRepository(pool)),
        redis,
        email,
        sms,
        slack,
        WebhookDeliverer(),
        TemplateRenderer(),
    )
    confirmation = ConfirmationService(redis, settings.confirmation_window_s)
    service = EscalationService(IncidentRepository(pool), MonitorRepository(pool), AlertRepository(pool), router, confirmation)
    try:
        while not stop.is_set():
            try:
                handled = await service.run_due()
            except Exception:
                log.exception("escalator.run_failed")
                handled = 0
            if handled == 0 and await sleep_or_stop(stop, settings.escalation_poll_s):
                break
    finally:
        await email.aclose()
        await slack.aclose()
        await dispose_engine()
        await close_pool()
        await close_redis()


if __name__ == "__main__":
    asyncio.run(main())
