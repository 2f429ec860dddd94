"""One worker per process, chosen on the command line and restarted when it crashes."""
import asyncio
import logging

from kennel.db import open_pool
from kennel.repo import BookingRepo

log = logging.getLogger(__name__)


def _programs():
    from .grooming import bath_loop, groom_loop
    from .reminders import reminder_loop

    return {"groom": groom_loop, "bath": bath_loop, "remind": reminder_loop}


async def keep_running(name, program, repo, stop):
    while not stop.is_set():
        try:
            await program(repo, stop)
            return
        except Exception:
            log.exception("worker %s failed, restarting", name)
            await asyncio.sleep(10)


async def run(name: str) -> None:
    repo = BookingRepo(await open_pool())
    program = _programs()[name]
    await keep_running(name, program, repo, asyncio.Event())
