"""python -m homegrid.workers.schedule_planner

Plans tomorrow's battery / EV charging for every household once day-ahead prices land.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from uuid import UUID

import structlog

from homegrid.container import Container
from homegrid.models import DeviceKind
from homegrid.models import ChargePlan
from homegrid.services.optimiser import optimise_charge
from homegrid.services.scheduling import MIN_SOC, battery_spec, clamp_target
from homegrid.utils.timeutil import utcnow
from homegrid.workers.base import Stopper, run_worker

log = structlog.get_logger(__name__)

PLANNER_LOCK_ID = 0x48475031
PAGE = 200


async def plan_page(container: Container, pool: ProcessPoolExecutor, utility_id: str, after: UUID | None) -> UUID | None:
    households = await container.households.list_page(utility_id, after, PAGE)
    if not households:
        return None
    day = (utcnow() + timedelta(days=1)).date()
    devices = await container.devices.list_for_households(
        [h.id for h in households], [DeviceKind.battery.value, DeviceKind.ev_charger.value]
    )
    loop = asyncio.get_running_loop()
    by_household = {h.id: h for h in households}
    for device in devices:
        household = by_household[device.household_id]
        if household.tariff_id is None:
            continue
        slots = await container.tariffs.prices_for_day(household.tariff_id, day)
        if len(slots) < 46:
            continue
        tariff = await container.tariffs.tariff(household.tariff_id)
        target = clamp_target(0.9, 0.2)
        result = await loop.run_in_executor(
            pool, optimise_charge, [s.price_pence for s in slots], tariff.export_rate,
            battery_spec(device), 0.3, target, MIN_SOC,
        )
        await container.scheduling.store(
            household.id,
            ChargePlan(device_id=device.id, day=day, slots_kw=result.slots_kw,
                       soc_trajectory=result.soc_trajectory, cost_pence=result.cost_pence),
        )
    return households[-1].id


async def planner(container: Container, stopper: Stopper) -> None:
    utilities = [u.strip() for u in container.settings.planner_utilities.split(",") if u.strip()]
    with ProcessPoolExecutor(max_workers=4) as pool:
        while not stopper.stopping:
            async with container.db.connection() as conn:
                got_lock = await conn.fetchval("SELECT pg_try_advisory_lock($1)", PLANNER_LOCK_ID)
                if not got_lock:
                    await stopper.sleep(300)
                    continue
                try:
                    for utility_id in utilities:
                        cursor: UUID | None = None
                        while True:
                            cursor = await plan_page(container, pool, utility_id, cursor)
                            if cursor is None:
                                break
                finally:
                    await conn.execute("SELECT pg_advisory_unlock($1)", PLANNER_LOCK_ID)
            await stopper.sleep(3600)


if __name__ == "__main__":
    run_worker(planner)
