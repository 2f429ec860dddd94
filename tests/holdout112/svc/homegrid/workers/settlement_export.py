"""python -m homegrid.workers.settlement_export"""
from __future__ import annotations

import uuid
from datetime import timedelta

import structlog

from homegrid.container import Container
from homegrid.utils.timeutil import utcnow
from homegrid.workers.base import Stopper, run_worker

log = structlog.get_logger(__name__)

LOCK_TTL_SECONDS = 1800

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


def previous_period() -> str:
    first = utcnow().replace(day=1)
    last_month = first - timedelta(days=1)
    return f"{last_month.year:04d}-{last_month.month:02d}"


async def export_once(container: Container) -> None:
    period = previous_period()
    for utility_id in [u.strip() for u in container.settings.settlement_utilities.split(",") if u.strip()]:
        lock_key = f"locks:settlement:{utility_id}:{period}"
        token = uuid.uuid4().hex
        if not await container.redis.set(lock_key, token, nx=True, ex=LOCK_TTL_SECONDS):
            continue
        try:
            rows = await container.exporter.export(utility_id, period)
            log.info("settlement_exported", utility_id=utility_id, period=period, rows=rows)
        except Exception:
            log.exception("settlement_export_failed", utility_id=utility_id, period=period)
            raise
        finally:
            await container.redis.eval(_RELEASE, 1, lock_key, token)


async def main(container: Container, stopper: Stopper) -> None:
    while not stopper.stopping:
        try:
            await export_once(container)
        except Exception:
            log.exception("settlement_cycle_failed")
        await stopper.sleep(3600)


if __name__ == "__main__":
    run_worker(main)
