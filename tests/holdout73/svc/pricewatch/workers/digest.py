from __future__ import annotations

import asyncio
import html
import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from pricewatch.auth.deps import display_name
from pricewatch.repositories import alerts as alerts_repo
from pricewatch.repositories import users as users_repo
from pricewatch.repositories.price_history import PriceHistoryRepository
from pricewatch.services.notifications import Message, NotificationService

log = logging.getLogger(__name__)

TEMPLATE_PATH = Path(__file__).parent / "templates" / "digest.html"
PAGE_SIZE = 100


def _load_template() -> str:
    return TEMPLATE_PATH.read_text(encoding="utf-8")


def _seconds_until(hour: int) -> float:
    now = datetime.now(timezone.utc)
    target = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if target <= now:
        target += timedelta(days=1)
    return (target - now).total_seconds()


async def send_daily_digests(
    sessionmaker: async_sessionmaker[AsyncSession],
    notifier: NotificationService,
    history: PriceHistoryRepository,
    client: redis.Redis,
) -> int:
    today = datetime.now(timezone.utc).date().isoformat()
    if not await client.set(f"digest:sent:{today}", "1", nx=True, ex=86400 * 2):
        log.info("digest for %s already handled by another replica", today)
        return 0

    template = await asyncio.to_thread(_load_template)
    sent = 0
    after = 0
    async with sessionmaker() as session:
        while True:
            users = await users_repo.digest_recipients(session, after_id=after, limit=PAGE_SIZE)
            if not users:
                break
            after = users[-1].id
            outgoing = []
            for user in users:
                rules = await alerts_repo.list_for_user(session, user.id)
                if not rules:
                    continue
                latest = await history.latest_prices([r.product_id for r in rules])
                items = "".join(
                    f"<li>#{r.product_id}: {html.escape(str(latest[r.product_id]['price']))}</li>"
                    for r in rules
                    if r.product_id in latest
                )
                body = template.format(name=html.escape(display_name(user)), items=items)
                outgoing.append((user, Message(subject="Your daily price digest", body=body, url="https://pricewatch.example/app")))
            coros = [notifier.send(user, message) for user, message in outgoing]
            results = await asyncio.gather(*coros, return_exceptions=True)
            sent += sum(1 for r in results if r is True)
    log.info("daily digest sent to %d users", sent)
    return sent


async def digest_loop(
    sessionmaker: async_sessionmaker[AsyncSession],
    notifier: NotificationService,
    history: PriceHistoryRepository,
    client: redis.Redis,
    hour: int,
) -> None:
    while True:
        await asyncio.sleep(_seconds_until(hour))
        await send_daily_digests(sessionmaker, notifier, history, client)
