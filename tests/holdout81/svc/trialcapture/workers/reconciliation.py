from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..cache.locks import RedisLock
from ..clients.lab_feed import LabFeedClient, parse_result_line
from ..container import Container

log = logging.getLogger(__name__)

_case_cache: dict[str, dict[str, Any]] = {}


@lru_cache(maxsize=None)
def lab_key(subject_number: str, test_code: str, collected_on: date) -> str:
    return f"{subject_number}:{test_code}:{collected_on.isoformat()}"


class ReconciliationWorker:
    """Reconciles central-lab results and safety-database cases against the EDC."""

    def __init__(self, container: Container, lab: LabFeedClient, concurrency: int = 8) -> None:
        self._c = container
        self._lab = lab
        self._limit = asyncio.Semaphore(concurrency)

    async def run_once(self) -> None:
        async with RedisLock(self._c.redis, "reconciliation", ttl_ms=30 * 60_000) as acquired:
            if not acquired:
                log.info("reconciliation already running on another replica")
                return
            for protocol_code in await self._protocols():
                await self.reconcile_labs(protocol_code, date.today() - timedelta(days=1))
            await self.reconcile_safety_cases()

    async def run_forever(self, interval: float = 24 * 3600) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(interval)

    async def _protocols(self) -> list[str]:
        rows = await self._c.pg.fetch("SELECT protocol_code FROM studies WHERE status = 'enrolling'")
        return [r["protocol_code"] for r in rows]

    async def reconcile_labs(self, protocol_code: str, since: date) -> dict[str, int]:
        lines = await self._lab.fetch_results(protocol_code, since)
        results = []
        for line in lines:
            try:
                results.append(parse_result_line(line))
            except (KeyError, ValueError):
                continue
        subjects: list[str] = []
        keys = set()
        for result in results:
            if result["subject_number"] not in subjects:
                subjects.append(result["subject_number"])
            keys.add(lab_key(result["subject_number"], result["test_code"], result["collected_on"]))
        async with self._c.pg.pool.acquire() as conn:
            known = await conn.fetch(
                "SELECT subject_number FROM subjects WHERE subject_number = ANY($1::text[])", subjects
            )
        log.debug("%s: %d distinct lab keys", protocol_code, len(keys))
        missing = set(subjects) - {r["subject_number"] for r in known}
        if missing:
            log.warning("%s: lab results for %d unknown subject(s)", protocol_code, len(missing))
        return {"results": len(results), "subjects": len(subjects), "unknown": len(missing)}

    async def reconcile_safety_cases(self) -> int:
        rows = await self._c.pg.fetch(
            "SELECT id, case_ref, seriousness FROM adverse_events WHERE case_ref IS NOT NULL AND sponsor_notified_at >= now() - interval '30 days'"
        )
        cases = await asyncio.gather(*(self._fetch_case(r["case_ref"]) for r in rows))
        mismatched = sum(
            1 for row, case in zip(rows, cases) if case.get("seriousness") != row["seriousness"]
        )
        if mismatched:
            log.warning("%d safety case(s) disagree with the EDC on seriousness", mismatched)
        return mismatched

    async def _fetch_case(self, case_ref: str) -> dict[str, Any]:
        if case_ref in _case_cache:
            return _case_cache[case_ref]
        async with self._limit:
            case = await asyncio.to_thread(self._c.gateway.fetch_case, case_ref)
        _case_cache[case_ref] = case
        return case
