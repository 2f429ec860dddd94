"""Background workers run inside the API process (small deployments) or via `python -m docflow.workers.runner`."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable

from sqlalchemy import select

from docflow.db.engine import dispose_engine, init_engine, sessionmaker
from docflow.db.models import Notification, User
from docflow.db.raw import raw_pool
from docflow.redis_client import close_redis, open_redis
from docflow.services.export_service import run_export_worker
from docflow.services.notification_service import NotificationService
from docflow.workers import search_indexer, snapshot_scheduler, webhook_worker

log = logging.getLogger(__name__)

DIGEST_HOUR_UTC = 7


def render_digest(name: str, items: list[Notification]) -> str:
    rows = "".join(f"<li>{n.kind}: {n.payload.get('excerpt', '')}</li>" for n in items[:25])
    more = f"<p>and {len(items) - 25} more</p>" if len(items) > 25 else ""
    return f"<p>Hi {name},</p><ul>{rows}</ul>{more}"


async def send_digests() -> int:
    async with sessionmaker()() as session:
        rows = (
            await session.execute(
                select(Notification, User)
                .join(User, User.id == Notification.user_id)
                .where(Notification.read_at.is_(None))
                .order_by(Notification.user_id, Notification.created_at.desc())
            )
        ).all()
        grouped: dict[str, list[Notification]] = defaultdict(list)
        users: dict[str, User] = {}
        for notification, user in rows:
            grouped[user.email].append(notification)
            users[user.email] = user
        recipients = [(email, render_digest(users[email].display_name, items)) for email, items in grouped.items()]
        sent = await NotificationService(session).email_digest(recipients, subject="Your Docflow digest")
    log.info("digest sent to %d of %d users", sent, len(recipients))
    return sent


async def run_digest(stop: asyncio.Event) -> None:
    while not stop.is_set():
        now = asyncio.get_running_loop().time()
        await send_digests()
        await asyncio.sleep(max(60.0, 86_400 - (now % 86_400)))


WorkerFn = Callable[[asyncio.Event], Awaitable[None]]

WORKERS: dict[str, WorkerFn] = {
    "search-indexer": search_indexer.run_forever,
    "webhooks": webhook_worker.run_forever,
    "exports": run_export_worker,
    "snapshots": snapshot_scheduler.run_forever,
    "digest": run_digest,
}


async def supervise(name: str, fn: WorkerFn, stop: asyncio.Event) -> None:
    delay = 1.0
    while not stop.is_set():
        try:
            await fn(stop)
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s crashed; restarting in %.0fs", name, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)


def start_all(stop: asyncio.Event) -> list[asyncio.Task]:
    return [asyncio.create_task(supervise(name, fn, stop), name=name) for name, fn in WORKERS.items()]


async def main() -> None:
    init_engine()
    await raw_pool.open()
    await open_redis()
    stop = asyncio.Event()
    tasks = start_all(stop)
    try:
        await asyncio.gather(*tasks)
    finally:
        stop.set()
        await close_redis()
        await raw_pool.close()
        await dispose_engine()


if __name__ == "__main__":
    asyncio.run(main())
