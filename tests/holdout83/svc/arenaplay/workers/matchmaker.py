from __future__ import annotations

import asyncio
import logging
import os
import socket

from redis.asyncio import Redis
from redis.exceptions import LockError

from arenaplay.infra.locks import LockFactory
from arenaplay.services.matchmaking import MatchmakingService

logger = logging.getLogger(__name__)

REGIONS = ("eu", "na", "asia")
MODES = ("solo", "duo", "squad")
TICK_SECONDS = 2.0


async def matchmaker_loop(redis: Redis, service: MatchmakingService) -> None:
    locks = LockFactory(redis)
    owner = f"{socket.gethostname()}:{os.getpid()}"
    while True:
        lock = locks.lock("matchmaker-tick", ttl=TICK_SECONDS * 5, wait=0.5)
        try:
            if await lock.acquire():
                try:
                    formed = 0
                    for mode in MODES:
                        for region in REGIONS:
                            formed += await service.pair_once(mode, region)
                    if formed:
                        logger.info("%s formed %d lobbies", owner, formed)
                finally:
                    await lock.release()
        except LockError:
            logger.warning("matchmaker lock lost mid-tick", exc_info=True)
        await asyncio.sleep(TICK_SECONDS)
