from __future__ import annotations

import asyncio
import logging

from ..container import Container
from ..core.timeutil import utcnow
from ..db.models import WebhookEndpoint
from ..repositories.webhooks import WebhookRepository
from . import sleep_or_stop

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 15
BATCH = 5000


async def redeliver_due(container: Container) -> int:
    async with container.sessions() as session:
        due = await WebhookRepository(session).due_deliveries(utcnow(), BATCH)
        endpoint_ids = {d.endpoint_id for d in due}
        endpoints = {}
        if endpoint_ids:
            rows = await session.execute(
                WebhookEndpoint.__table__.select().where(WebhookEndpoint.id.in_(endpoint_ids))
            )
            endpoints = {row.id: row for row in rows}
    if not due:
        return 0
    results = await asyncio.gather(
        *(container.webhooks.attempt(endpoints[d.endpoint_id], d) for d in due if d.endpoint_id in endpoints),
        return_exceptions=True,
    )
    failures = [r for r in results if isinstance(r, BaseException)]
    if failures:
        logger.warning("redelivery pass: %d of %d attempts raised", len(failures), len(results))
    return len(results)


async def run(container: Container, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            count = await redeliver_due(container)
            log.info("redelivery pass attempted %d deliveries", count)
        except Exception:
            log.exception("redelivery pass failed")
        if await sleep_or_stop(stop, POLL_INTERVAL_S):
            break
