"""Keeps the mailers running, restarting them with a growing pause when they fail."""
import asyncio
import logging
from collections.abc import Awaitable, Callable

from tally.jobs import ClaimingMailer, ReminderMailer, StatementMailer

log = logging.getLogger(__name__)


class Runner:
    def __init__(self) -> None:
        self.tasks: set[asyncio.Task] = set()
        self.statements = StatementMailer(every=3600)
        self.reminders = ReminderMailer(every=900)
        self.claiming = ClaimingMailer(every=600)

    def _spawn(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.create_task(factory(), name=name)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _keep(self, name: str, factory: Callable[[], Awaitable[None]]) -> None:
        delay = 1.0
        while True:
            try:
                await factory()
            except Exception:
                log.exception("%s crashed", name)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)

    def start(self) -> None:
        self._spawn("statements", lambda: self._keep("statements", self.statements.run))
        self._spawn("reminders", lambda: self._keep("reminders", self.reminders.run))
        self._spawn("claiming", lambda: self._keep("claiming", self.claiming.run))
