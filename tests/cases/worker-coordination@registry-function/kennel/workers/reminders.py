import asyncio
import logging

from kennel.repo import BookingRepo, Reminders

log = logging.getLogger(__name__)


async def _count_queued(repo: BookingRepo) -> None:
    rows = await repo.overdue_vaccinations()
    log.info("%d vaccinations overdue", len(rows))


async def reminder_loop(repo: BookingRepo, stop: asyncio.Event) -> None:
    reminders = Reminders(repo)
    while not stop.is_set():
        sent = await reminders.remind_all()  # expect: worker-coordination
        log.info("sent %d reminders", sent)
        await _count_queued(repo)
        await asyncio.sleep(3600)
