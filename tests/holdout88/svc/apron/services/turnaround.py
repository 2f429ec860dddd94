"""Turnaround task boards: task creation, claims, completion and SLA deadlines."""
from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apron.errors import Conflict, NotFound
from apron.models import Flight, TurnaroundTask
from apron.repositories.flights import FlightRepository
from apron.repositories.tasks import TaskRepository
from apron.services.board_view import CLOSED_STATES, build_board_snapshot, task_row
from apron.services.weather import WeatherService
from apron.utils.iata import size_class_for, task_template
from apron.utils.locks import KeyedLocks
from apron.utils.timeutil import compute_sla_deadline, utcnow

log = logging.getLogger(__name__)


class TurnaroundService:
    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        locks: KeyedLocks,
        weather: WeatherService,
        redis: Redis,
        board_ttl_s: int,
    ) -> None:
        self._sf = session_factory
        self._locks = locks
        self._weather = weather
        self._redis = redis
        self._board_ttl_s = board_ttl_s

    async def create_tasks(self, flight: Flight) -> list[TurnaroundTask]:
        template = task_template(size_class_for(flight.aircraft_type))
        tasks = [
            TurnaroundTask(
                flight_id=flight.id,
                kind=kind,
                deadline_at=compute_sla_deadline(kind, flight.std, flight.turnaround_minutes),
            )
            for kind, _crew in template
        ]
        async with self._sf() as session, session.begin():
            TaskRepository(session).add_all(tasks)
        return tasks

    async def rebase_deadlines(self, flight: Flight, stand_id: int) -> None:
        """Recompute deadlines after a stand move or a new ETD."""
        async with self._locks.get(f"stand:{stand_id}"):
            async with self._sf() as session, session.begin():
                repo = TaskRepository(session)
                for task in await repo.tasks_for_flight(flight.id):
                    if task.status in CLOSED_STATES:
                        continue
                    deadline = compute_sla_deadline(task.kind, flight.etd or flight.std)
                    await repo.update_deadline(task.id, deadline)

    def latest_on_block(self, flight: Flight) -> datetime:
        return (flight.etd or flight.std) - timedelta(minutes=flight.turnaround_minutes)

    async def board(self, airport: str, day: date) -> dict[str, Any]:
        cache_key = f"board:{airport}"
        cached = await self._redis.get(cache_key)
        if cached:
            return json.loads(cached)
        async with self._sf() as session:
            flights = await FlightRepository(session).list_for_day(airport, day)
            tasks = await TaskRepository(session).tasks_for_flights([f.id for f in flights])
        conditions = await self._weather.current(airport)
        board = await build_board_snapshot(flights, tasks, conditions)
        await self._redis.set(cache_key, json.dumps(board, default=str), ex=self._board_ttl_s)
        return board

    async def flight_tasks(self, flight_id: int) -> list[dict[str, Any]]:
        async with self._sf() as session:
            return [task_row(t) for t in await TaskRepository(session).tasks_for_flight(flight_id)]

    async def claim(self, task_id: int, staff_id: int) -> None:
        async with self._sf() as session, session.begin():
            if not await TaskRepository(session).claim(task_id, staff_id):
                raise Conflict(f"task {task_id} is not open")

    async def complete(self, task_id: int) -> None:
        async with self._sf() as session, session.begin():
            repo = TaskRepository(session)
            task = await repo.get(task_id)
            if task is None:
                raise NotFound(f"task {task_id}")
            await repo.complete(task_id, utcnow())
            flight = await FlightRepository(session).get(task.flight_id)
        if flight is not None:
            await self._redis.delete(f"board:{flight.airport}")

    async def overdue_summary(self) -> list[dict[str, Any]]:
        async with self._sf() as session:
            tasks = await TaskRepository(session).overdue(utcnow(), limit=200)
            flights = FlightRepository(session)
            summary = []
            for task in tasks:
                flight = await flights.get(task.flight_id)
                summary.append({"task": task_row(task), "flight": flight.key if flight else None})
        return summary

    async def auto_dispatch(self, tasks: Sequence[TurnaroundTask], staff_ids: Sequence[int]) -> dict[int, list[int]]:
        """Round-robin open tasks over the staff on shift, earliest deadline first."""
        if not staff_ids:
            return {}
        pending = sorted((t for t in tasks if t.status == "OPEN"), key=lambda t: t.deadline_at)
        plan: dict[int, list[int]] = {sid: [] for sid in staff_ids}
        turn = 0
        while pending:
            task = pending.pop(0)
            plan[staff_ids[turn % len(staff_ids)]].append(task.id)
            turn += 1
        return plan
