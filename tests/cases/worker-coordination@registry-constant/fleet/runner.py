"""Starts every background loop named in the registry, each under a restarting supervisor."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

from tasks import outbox, purge

from . import maintenance

log = logging.getLogger(__name__)

Loop = Callable[[asyncio.Event], Awaitable[None]]

LOOPS: dict[str, Loop] = {
    "reservations": maintenance.reservation_loop,
    "purge": purge.purge_forever,
    "outbox": outbox.relay_forever,
}


async def keep_running(name: str, loop: Loop, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            await loop(stop)
            return
        except Exception:
            log.exception("%s crashed; restarting", name)
            await asyncio.sleep(5)


def start_loops(stop: asyncio.Event) -> list[asyncio.Task]:
    return [asyncio.create_task(keep_running(name, loop, stop)) for name, loop in LOOPS.items()]
