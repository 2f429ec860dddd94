"""Reconciles valve state reported by the gateway with what we believe is open."""
from __future__ import annotations

import asyncio
import os
import socket

import aiohttp
from sqlalchemy import select

from fieldwise.db.engine import SessionFactory
from fieldwise.db.models import IrrigationSchedule
from fieldwise.logging_setup import get_logger
from fieldwise.services.container import Services
from fieldwise.workers.runtime import install_stop_event, run_periodic, worker_services

log = get_logger(__name__)

LEADER_KEY = "leader:valve-poller"
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}"


async def is_leader(deps: Services) -> bool:
    if await deps.redis.set(LEADER_KEY, WORKER_ID, nx=True):
        return True
    return await deps.redis.get(LEADER_KEY) == WORKER_ID


async def reconcile(deps: Services) -> None:
    if not await is_leader(deps):
        return
    async with SessionFactory() as session:
        running = (await session.scalars(
            select(IrrigationSchedule).where(IrrigationSchedule.status == "dispatching").limit(500)
        )).all()
    drifted = 0
    for schedule in running:
        try:
            state = await deps.valves.get_status(schedule.valve_id)
        except (aiohttp.ClientError, asyncio.TimeoutError):
            continue
        if state.get("position") != "open":
            drifted += 1
            await deps.redis.sadd("valves:drifted", schedule.valve_id)
    if drifted:
        log.warning("valves.drift", count=drifted)


async def main() -> None:
    async with worker_services() as deps:
        stop = install_stop_event()
        await run_periodic("valve-poller", 30, lambda: reconcile(deps), stop)
