from __future__ import annotations

import logging

from telco.container import Container
from telco.repositories.balances import BalanceRepository

logger = logging.getLogger(__name__)


async def sweep_once(container: Container) -> None:
    released = await BalanceRepository(container.pool).release_expired()
    if released:
        logger.info("released %d expired reservations", released)
