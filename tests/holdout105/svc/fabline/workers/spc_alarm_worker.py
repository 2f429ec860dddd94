"""SPC alarm worker: evaluates metrology points published on a redis stream.

Producers (metrology tools via the gateway, CSV ingest) XADD points to
`spc:points`; this worker records them, evaluates the control rules and raises
alarms (pager, mail, floor pubsub).
"""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from fabline.core.container import Container
from fabline.services.spc_service import SpcService
from fabline.workers.common import install_stop_event, worker_container

logger = logging.getLogger("fabline.workers.spc_alarm")
STREAM = "spc:points"
DEAD_LETTER = "spc:points:dead"


async def handle_point(container: Container, fields: dict[str, str]) -> None:
    session = container.sessions()
    spc = SpcService(session, container.alarms, container.settings.spc_window)
    chart_id = int(fields["chart_id"])
    violated = await spc.record(
        chart_id, int(fields["lot_id"]), float(fields["value"]), datetime.fromisoformat(fields["measured_at"])
    )
    if violated and "lsl" in fields and "usl" in fields:
        cap = await spc.capability_inline(chart_id, float(fields["lsl"]), float(fields["usl"]))
        await container.redis.hset(f"spc:cap:{chart_id}", mapping={k: str(v) for k, v in cap.items()})
    await session.close()


async def main() -> None:
    async with worker_container() as container:
        stop = install_stop_event()
        last_id = await container.redis.get("spc:points:last_id") or "$"
        while not stop.is_set():
            batches = await container.redis.xread({STREAM: last_id}, count=100, block=5000)
            for _stream, entries in batches or []:
                for entry_id, fields in entries:
                    try:
                        await handle_point(container, fields)
                    except Exception:
                        await container.redis.xadd(DEAD_LETTER, fields, maxlen=10_000)
                    last_id = entry_id
            await container.redis.set("spc:points:last_id", last_id)


if __name__ == "__main__":
    asyncio.run(main())
