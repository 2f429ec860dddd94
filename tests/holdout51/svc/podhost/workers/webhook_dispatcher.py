"""Webhook delivery worker process: `python -m podhost.workers.webhook_dispatcher`."""
from __future__ import annotations

import asyncio
import logging
import signal
from datetime import datetime, timezone

import aiohttp
from sqlalchemy import select

from podhost.clients.directory_client import DirectoryClient
from podhost.db.engine import SessionLocal, dispose_engine
from podhost.db.models import DirectorySubscription, WebhookDelivery
from podhost.utils.logging import configure_logging

log = logging.getLogger("podhost.webhooks")

BATCH = 50


async def claim_batch(session) -> list[tuple[WebhookDelivery, DirectorySubscription]]:
    now = datetime.now(timezone.utc)
    result = await session.execute(
        select(WebhookDelivery, DirectorySubscription)
        .join(DirectorySubscription, DirectorySubscription.id == WebhookDelivery.subscription_id)
        .where(WebhookDelivery.status == "pending", WebhookDelivery.next_attempt_at <= now)
        .order_by(WebhookDelivery.next_attempt_at)
        .limit(BATCH)
        .with_for_update(skip_locked=True, of=WebhookDelivery)
    )
    return list(result.tuples())


async def deliver_one(client: DirectoryClient, delivery: WebhookDelivery, sub: DirectorySubscription) -> None:
    delivery.attempts += 1
    try:
        status = await client.deliver(sub.endpoint, delivery.payload.encode(), sub.secret)
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        log.warning("webhook %s to %s failed: %s", delivery.id, sub.endpoint, exc)
        delivery.status = "failed"
        return
    delivery.status = "delivered" if 200 <= status < 300 else "failed"
    if delivery.status == "failed":
        log.warning("webhook %s to %s answered %s", delivery.id, sub.endpoint, status)


async def run_once(client: DirectoryClient) -> int:
    async with SessionLocal() as session:
        async with session.begin():
            batch = await claim_batch(session)
            for delivery, sub in batch:
                await deliver_one(client, delivery, sub)
    return len(batch)


def _load_dead(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


async def replay_dead(client: DirectoryClient, path: str) -> int:
    entries = await asyncio.to_thread(_load_dead, path)
    sent = 0
    for entry in entries:
        status = await client.deliver(entry["endpoint"], entry["body"].encode(), entry["secret"])
        sent += 200 <= status < 300
    return sent


async def main() -> None:
    configure_logging()
    client = DirectoryClient()
    await client.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    try:
        while not stop.is_set():
            try:
                handled = await run_once(client)
            except Exception:
                log.exception("webhook dispatch round failed")
                handled = 0
            if handled < BATCH:
                try:
                    await asyncio.wait_for(stop.wait(), timeout=2.0)
                except asyncio.TimeoutError:
                    pass
    finally:
        await client.close()
        await dispose_engine()


if __name__ == "__main__":
    asyncio.run(main())
