"""python -m homegrid.workers.dr_dispatcher

Three duties, each safe to run in several replicas:
  * poll utility gateways for new demand-response events,
  * dispatch curtailment commands shortly before an event starts,
  * settle finished events (measure delivery, credit households, report to the utility).
"""
from __future__ import annotations

import asyncio

import structlog

from homegrid.container import Container
from homegrid.errors import UpstreamUnavailable
from homegrid.models import DREvent
from homegrid.utils.timeutil import utcnow
from homegrid.workers.base import Stopper, run_worker

log = structlog.get_logger(__name__)

DISPATCH_LEAD_SECONDS = 120
POLL_LOCK_TTL = 55


async def poll_utilities(container: Container) -> None:
    for utility_id in [u.strip() for u in container.settings.settlement_utilities.split(",") if u.strip()]:
        lock_key = f"locks:dr-poll:{utility_id}"
        if not await container.redis.set(lock_key, "1", nx=True, ex=POLL_LOCK_TTL):
            continue
        try:
            received = await container.demand_response.poll_utility(utility_id)
            if received:
                log.info("dr_events_polled", utility_id=utility_id, received=received)
        except UpstreamUnavailable:
            log.warning("utility_gateway_circuit_open", utility_id=utility_id)


async def settle(container: Container, event: DREvent) -> None:
    results = await container.demand_response.measure(event)
    credited = 0
    for result in results:
        delivered_kwh = result.delivered_kw * (event.ends_at - event.starts_at).total_seconds() / 3600
        if await container.settlement.credit_event(event, result.household_id, delivered_kwh):
            credited += 1
    try:
        await container.demand_response.report_performance(event, results)
    except UpstreamUnavailable:
        await container.events.set_status(event.id, "active")
        return
    await container.events.set_status(event.id, "settled")
    log.info("dr_event_settled", event_id=str(event.id), households=len(results), credited=credited)


async def dispatch_loop(container: Container, stopper: Stopper) -> None:
    while not stopper.stopping:
        try:
            await poll_utilities(container)
            events = await container.events.claim_for_dispatch(utcnow(), DISPATCH_LEAD_SECONDS)
            for event in events:
                enrolled = await container.demand_response.enroll_region(event)
                sent = await container.demand_response.dispatch(event)
                log.info("dr_dispatched", event_id=str(event.id), enrolled=enrolled, commands=sent)
            for event in await container.events.claim_ended(utcnow()):
                await settle(container, event)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("dr_dispatch_failed")
        await stopper.sleep(10)


if __name__ == "__main__":
    run_worker(dispatch_loop)
