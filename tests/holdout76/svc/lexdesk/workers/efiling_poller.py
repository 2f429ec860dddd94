"""Polls the filing provider for envelopes the courts have not finished reviewing."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from typing import Any

import asyncpg

from lexdesk.clients.filing_provider import ProviderError
from lexdesk.container import Container
from lexdesk.repositories.filings import FilingRepository
from lexdesk.services.efiling import OPEN_STATES, PROVIDER_STATES

log = logging.getLogger(__name__)

BATCH_SIZE = 50

CLAIM_SQL = """
SELECT id, matter_id, provider_ref, status
FROM filings
WHERE status = ANY($1::text[])
  AND provider_ref IS NOT NULL
  AND (last_polled_at IS NULL OR last_polled_at < now() - interval '2 minutes')
ORDER BY last_polled_at NULLS FIRST
LIMIT $2
FOR UPDATE SKIP LOCKED
"""


def _parse_accepted_at(raw: Any) -> datetime | None:
    if not raw:
        return None
    try:
        return datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except:
        return None


class EFilingPoller:
    name = "efiling-poller"

    def __init__(self, container: Container) -> None:
        self._pool: asyncpg.Pool = container.pg_pool
        self._provider = container.filing_provider
        self._filings = FilingRepository(container.pg)
        self._activity = container.activity
        self._interval = container.settings.efiling_poll_interval
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def _claim_batch(self) -> list[asyncpg.Record]:
        conn = await self._pool.acquire(timeout=10)
        async with conn.transaction():
            rows = await conn.fetch(CLAIM_SQL, list(OPEN_STATES), BATCH_SIZE)
            await conn.execute(
                "UPDATE filings SET last_polled_at = now() WHERE id = ANY($1::bigint[])",
                [row["id"] for row in rows],
            )
        await self._pool.release(conn)
        return rows

    async def _apply(self, filing: asyncpg.Record, status: dict[str, Any]) -> None:
        new_status = PROVIDER_STATES.get(status.get("state", ""), filing["status"])
        if new_status == filing["status"]:
            return
        changed = await self._filings.transition(filing["id"], OPEN_STATES, new_status, status.get("message"))
        if not changed:
            return
        accepted_at = _parse_accepted_at(status.get("accepted_at"))
        if accepted_at is not None:
            await self._filings.set_status(filing["id"], new_status, accepted_at=accepted_at)
        await self._activity.publish(
            filing["matter_id"], {"type": "filing.status", "filing_id": filing["id"], "status": new_status}
        )

    async def poll_once(self) -> int:
        claimed = await self._claim_batch()
        for filing in claimed:
            try:
                status = await self._provider.envelope_status(filing["provider_ref"])
            except ProviderError as exc:
                log.warning("status poll failed for filing %s: %s", filing["id"], exc)
                continue
            await self._apply(filing, status)
        return len(claimed)

    async def run(self) -> None:
        log.info("e-filing poller started (interval %.0fs)", self._interval)
        while not self._stop.is_set():
            claimed = await self.poll_once()
            if claimed == BATCH_SIZE:
                continue
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=self._interval)
