"""Sends status-page subscriber notifications for incident updates.

Run with ``python -m pulsewatch.workers.notifier``.
"""
from __future__ import annotations

import asyncio
from uuid import UUID

import asyncpg
import structlog

from pulsewatch.clients.email import EmailClient
from pulsewatch.clients.retry import sleep_backoff
from pulsewatch.config import get_settings
from pulsewatch.db.orm import dispose_engine, init_engine, session_factory
from pulsewatch.db.pool import close_pool, init_pool
from pulsewatch.db.redis import close_redis, init_redis
from pulsewatch.logging_setup import configure_logging
from pulsewatch.repositories.incidents import IncidentRepository
from pulsewatch.repositories.status_pages import StatusPageRepository
from pulsewatch.repositories.subscribers import SubscriberRepository
from pulsewatch.services.incidents import PAGE_NOTIFY_QUEUE
from pulsewatch.services.subscribers import SubscriberService
from pulsewatch.workers.common import install_signal_handlers

log = structlog.get_logger(__name__)

MAX_ATTEMPTS = 4


def parse_job(raw: str) -> tuple[UUID, str]:
    incident_id, _, rest = raw.partition(":")
    return UUID(incident_id), rest


async def handle_job(raw: str, incidents: IncidentRepository, subscribers: SubscriberService) -> int:
    incident_id, kind = parse_job(raw)
    incident = await incidents.get(incident_id)
    if incident is None or incident["monitor_id"] is None:
        return 0
    updates = await incidents.list_updates(incident_id)
    latest = updates[-1] if updates else None
    if kind == "resolved":
        subject = f"Resolved: {incident['title']}"
    else:
        subject = f"Update: {incident['title']}"
    text = latest["body"] if latest else subject
    async with session_factory()() as session:
        page_ids = await StatusPageRepository(session).pages_for_monitor(incident["monitor_id"])
    sent = 0
    for page_id in page_ids:
        sent += await subscribers.notify_page(page_id, subject, text)
    return sent


async def main() -> None:
    settings = get_settings()
    configure_logging()
    stop = asyncio.Event()
    install_signal_handlers(stop)
    pool = await init_pool(settings)
    redis = init_redis(settings)
    init_engine(settings)
    email = EmailClient(settings)
    incidents = IncidentRepository(pool)
    subscribers = SubscriberService(settings, SubscriberRepository(pool), email)
    try:
        while not stop.is_set():
            item = await redis.blpop([PAGE_NOTIFY_QUEUE], timeout=2)
            if item is None:
                continue
            _, raw = item
            for attempt in range(MAX_ATTEMPTS):
                try:
                    sent = await handle_job(raw, incidents, subscribers)
                    log.info("notifier.sent", job=raw, sent=sent)
                    break
                except (asyncpg.PostgresError, OSError) as exc:
                    log.warning("notifier.retry", job=raw, attempt=attempt, error=str(exc))
                    sleep_backoff(attempt, base=2.0)
            else:
                await redis.rpush(f"{PAGE_NOTIFY_QUEUE}:dead", raw)
    finally:
        await email.aclose()
        await dispose_engine()
        await close_pool()
        await close_redis()


if __name__ == "__main__":
    asyncio.run(main())
