"""Dispatches due irrigation schedules to the valve gateway.

Deployed with two replicas so a node drain never stops irrigation.
"""
from __future__ import annotations

from fieldwise.db.engine import SessionFactory
from fieldwise.logging_setup import get_logger
from fieldwise.repositories.irrigation import IrrigationRepository
from fieldwise.services.container import Services
from fieldwise.settings import get_settings
from fieldwise.utils.timeutil import utcnow
from fieldwise.workers.runtime import install_stop_event, run_periodic, worker_services

log = get_logger(__name__)


async def dispatch_due(deps: Services) -> int:
    now = utcnow()
    sent = 0
    async with SessionFactory() as session:
        repo = IrrigationRepository(session)
        due = await repo.list_due(now)
        for schedule in due:
            ok = await deps.valves.push_command(schedule.valve_id, "open", schedule.duration_min)
            await repo.record_event(schedule.id, schedule.field_id, schedule.valve_id, now, schedule.liters,
                                    "sent" if ok else "rejected")
            await repo.mark(schedule.id, "done" if ok else "failed")
            sent += ok
        await session.commit()
    log.info("irrigation.dispatched", due=len(due), sent=sent)
    return sent


async def dispatch_claimed(deps: Services) -> int:
    """Variant used by the manual 'run backlog' admin job."""
    now = utcnow()
    async with SessionFactory() as session:
        async with session.begin():
            claimed = await IrrigationRepository(session).claim_due(now, limit=50)
    sent = 0
    for schedule in claimed:
        ok = await deps.valves.push_command(schedule.valve_id, "open", schedule.duration_min)
        async with SessionFactory() as session, session.begin():
            repo = IrrigationRepository(session)
            await repo.record_event(schedule.id, schedule.field_id, schedule.valve_id, now, schedule.liters,
                                    "sent" if ok else "rejected")
            await repo.mark(schedule.id, "done" if ok else "failed")
        sent += ok
    return sent


async def main() -> None:
    async with worker_services() as deps:
        stop = install_stop_event()
        await run_periodic("irrigation", get_settings().irrigation_tick_s, lambda: dispatch_due(deps), stop)
