from __future__ import annotations

import asyncio
import logging

from svc.db.engine import SessionLocal
from svc.services.holds import expire_holds
from svc.services.inventory import InventoryService

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 30


async def hold_expiry_loop(inventory: InventoryService) -> None:
    while True:
        async with SessionLocal() as session:
            released = await expire_holds(session, inventory)
        if released:
            logger.info("released %d expired holds", released)
        await asyncio.sleep(SWEEP_SECONDS)
