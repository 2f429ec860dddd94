import logging
from collections import OrderedDict

import asyncpg

log = logging.getLogger(__name__)

SEEN_MAX = 50_000


class MeteringService:
    """Built once per process in the lifespan, shared by every request."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._seen_batches: OrderedDict[str, None] = OrderedDict()  # expect: horizontal-scaling-blocker
        self._plans: dict[str, dict] = {}
        self._warned: set[str] = set()

    def already_ingested(self, batch_id: str) -> bool:
        if batch_id in self._seen_batches:
            return True
        self._seen_batches[batch_id] = None
        if len(self._seen_batches) > SEEN_MAX:
            self._seen_batches.popitem(last=False)
        return False

    async def plan(self, tenant: str) -> dict:
        if tenant in self._plans:
            return self._plans[tenant]
        row = await self._pool.fetchrow("SELECT plan, quota FROM tenants WHERE slug = $1", tenant)
        self._plans[tenant] = dict(row) if row else {}
        return self._plans[tenant]

    def warn_unknown_route(self, route: str) -> None:
        if route in self._warned:
            return
        self._warned.add(route)
        log.warning("usage reported for unknown route %s", route)

    async def ingest(self, tenant: str, events: list[dict]) -> int:
        await self._pool.executemany(
            "INSERT INTO usage_events (tenant, route, units) VALUES ($1, $2, $3)",
            [(tenant, e["route"], int(e.get("units", 1))) for e in events],
        )
        return len(events)
