from __future__ import annotations

import asyncio
import logging
import socket

from ..errors import FeedError
from ..services.container import Container

log = logging.getLogger(__name__)

POLL_SECONDS = 20
LEADER_KEY = "leader:diversion-poller"


async def run_forever(container: Container) -> None:
    me = socket.gethostname()
    while True:
        leader = await container.redis.get(LEADER_KEY)
        if leader is None:
            await container.redis.set(LEADER_KEY, me, nx=True)
            leader = await container.redis.get(LEADER_KEY)
        if leader == me:
            try:
                changed = await container.diversion.poll_once()
                log.debug("diversion poll: %d hospitals changed", changed)
            except FeedError as exc:
                log.warning("diversion poll failed: %s", exc)
        await asyncio.sleep(POLL_SECONDS)
