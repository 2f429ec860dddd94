from __future__ import annotations

import logging

from portops.cache.redis_client import key
from portops.repositories.telemetry import TelemetryStore
from portops.utils.timeutil import shift_date, utcnow
from portops.workers.context import WorkerContext

log = logging.getLogger(__name__)

CRANE_EVENTS_STREAM = "portops:crane-events"


async def run(ctx: WorkerContext) -> None:
    """Consume move-complete events written by the crane PLC gateway and roll them into shift counters."""
    store = TelemetryStore(ctx.pg)
    last_id = await ctx.redis.get(key("crane-events", "cursor")) or "0-0"
    while True:
        response = await ctx.redis.xread({CRANE_EVENTS_STREAM: last_id}, count=100, block=5000)
        if not response:
            continue
        for _stream, entries in response:
            for entry_id, fields in entries:
                if fields.get("event") == "MOVE_COMPLETE":
                    await store.add_crane_moves(fields["crane"], shift_date(utcnow()), 1)
                last_id = entry_id
        await ctx.redis.set(key("crane-events", "cursor"), last_id)
