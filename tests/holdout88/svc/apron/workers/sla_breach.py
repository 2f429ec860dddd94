"""Detects turnaround tasks past their SLA deadline and escalates them to the supervisors."""
from __future__ import annotations

import asyncio
import logging
import threading

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apron.models import TurnaroundTask
from apron.repositories.flights import FlightRepository
from apron.repositories.tasks import TaskRepository
from apron.services.alerts import AlertManager
from apron.utils.timeutil import minutes_between, utcnow

log = logging.getLogger(__name__)


class SlaBreachWorker:
    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], alerts: AlertManager, interval_s: float
    ) -> None:
        self._sf = session_factory
        self._alerts = alerts
        self._interval_s = interval_s
        self._stats_lock = threading.Lock()
        self.breaches_by_kind: dict[str, int] = {}

    async def _escalate(self, task: TurnaroundTask, airport: str, flight_key: str) -> None:
        late = minutes_between(task.deadline_at, utcnow())
        await self._alerts.publish(airport, "sla_breach", f"{task.kind} for {flight_key} is {late} min late")

    async def scan_once(self) -> int:
        now = utcnow()
        async with self._sf() as session, session.begin():
            tasks_repo = TaskRepository(session)
            overdue = await tasks_repo.overdue(now)
            if not overdue:
                return 0
            flights = await FlightRepository(session).get_many({t.flight_id for t in overdue})
            with self._stats_lock:
                for task in overdue:
                    flight = flights[task.flight_id]
                    await self._escalate(task, flight.airport, flight.key)
                    self.breaches_by_kind[task.kind] = self.breaches_by_kind.get(task.kind, 0) + 1
            await tasks_repo.mark_breached([t.id for t in overdue])
        log.info("escalated %d overdue tasks", len(overdue))
        return len(overdue)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.scan_once()
            try:
                await asyncio.wait_for(stop.wait(), timeout=self._interval_s)
            except asyncio.TimeoutError:
                pass
