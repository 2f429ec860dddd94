from __future__ import annotations

import asyncio
import logging

from glide.container import Container
from glide.services.fines import FineService
from glide.services.wallet import WalletService

log = logging.getLogger(__name__)

INTERVAL_S = 300


async def reminder_loop(c: Container) -> None:
    """Texts riders whose fines are past due."""
    while True:
        try:
            async with c.sessions() as session:
                fines = FineService(session, c.settings, WalletService(session, c.gateway), c.notifier, c.storage)
                sent = await fines.send_due_reminders()
            if sent:
                log.info("sent %d fine reminders", sent)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("fine reminder pass failed")
        await asyncio.sleep(INTERVAL_S)
