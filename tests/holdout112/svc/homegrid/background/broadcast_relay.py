from __future__ import annotations

import asyncio
from uuid import UUID

import structlog

from homegrid.container import Container
from homegrid.ws.hub import hub

log = structlog.get_logger(__name__)


async def relay_broadcasts(container: Container) -> None:
    """Forward maintenance notices published on broadcast:<household> to local sockets."""
    while True:
        pubsub = container.redis.pubsub()
        try:
            await pubsub.psubscribe("broadcast:*")
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                household_id = UUID(message["channel"].split(":", 1)[1])
                await hub.send_local(household_id, message["data"])
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("broadcast_relay_failed")
            await asyncio.sleep(2.0)
        finally:
            await pubsub.aclose()
