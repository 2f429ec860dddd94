from __future__ import annotations

import asyncio

import structlog

from homegrid.container import Container
from homegrid.utils.timeutil import utcnow

log = structlog.get_logger(__name__)

NOTICE_LEAD_SECONDS = 3600
POLL_SECONDS = 60


async def run_dr_notifier(container: Container) -> None:
    """Push a heads-up to enrolled households an hour before an event starts."""
    while True:
        try:
            events = await container.events.due_for_dispatch(utcnow(), NOTICE_LEAD_SECONDS)
            for event in events:
                household_ids = await container.events.enrolled_households(event.id)
                sent = await container.notifier.broadcast_push(
                    household_ids,
                    "Demand response event soon",
                    f"Your devices will reduce usage from {event.starts_at:%H:%M} to {event.ends_at:%H:%M}.",
                )
                await container.events.set_status(event.id, "notified")
                log.info("dr_notice_sent", event_id=str(event.id), households=sent)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("dr_notifier_failed")
        await asyncio.sleep(POLL_SECONDS)
