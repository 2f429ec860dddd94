from __future__ import annotations

import asyncio
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

import redis.asyncio as redis

from app.caches import EmployeeRateCache
from app.clients.hr_system import HRClient
from app.database import SessionFactory
from app.locks import LockNotAcquired, redis_lock
from app.metrics import HR_SYNC_RECORDS
from app.models import EmployeeStatus, PayType
from app.repositories.employees import EmployeeRepository
from app.timeutil import utcnow

log = logging.getLogger(__name__)

WATERMARK_KEY = "hrsync:watermark"

_STATUS_MAP = {
    "active": EmployeeStatus.ACTIVE,
    "leave": EmployeeStatus.ON_LEAVE,
    "terminated": EmployeeStatus.TERMINATED,
}


def map_record(raw: dict[str, Any]) -> dict[str, Any]:
    try:
        rate = Decimal(raw.get("hourly_rate") or "0")
    except InvalidOperation as exc:
        raise ValueError(f"bad hourly_rate for {raw.get('id')}") from exc
    return {
        "external_id": raw["id"],
        "first_name": raw["first_name"],
        "last_name": raw["last_name"],
        "email": raw["work_email"].lower(),
        "jurisdiction_code": raw["work_location"]["jurisdiction"],
        "pay_type": PayType(raw.get("pay_type", "hourly")),
        "hourly_rate": rate,
        "status": _STATUS_MAP[raw["status"]],
        "hired_at": raw["hire_date"],
    }


class HRSync:
    def __init__(
        self, hr: HRClient, client: redis.Redis, rates: EmployeeRateCache, interval_seconds: int = 900
    ) -> None:
        self._hr = hr
        self._redis = client
        self._rates = rates
        self._interval = interval_seconds

    async def sync_once(self) -> int:
        started = utcnow().isoformat()
        since = await self._redis.get(WATERMARK_KEY)
        records: list[dict[str, Any]] = []
        seen: list[str] = []
        cursor: str | None = None
        while True:
            page = await self._hr.list_employees(since, cursor)
            for raw in page["items"]:
                if raw["id"] in seen:
                    continue
                seen.append(raw["id"])
                try:
                    records.append(map_record(raw))
                except (KeyError, ValueError):
                    continue
            cursor = page.get("next_cursor")
            if not cursor:
                break
        async with SessionFactory() as session:
            repo = EmployeeRepository(session)
            for start in range(0, len(records), 500):
                await repo.upsert_from_hr(records[start : start + 500])
            await session.commit()
            changed = list(await repo.ids_for_external([r["external_id"] for r in records]))
        await self._rates.invalidate_many(changed)
        await self._redis.set(WATERMARK_KEY, started)
        HR_SYNC_RECORDS.labels("upserted").inc(len(records))
        return len(records)

    async def run_forever(self) -> None:
        while True:
            try:
                async with redis_lock(self._redis, "hrsync", ttl_ms=self._interval * 1000):
                    count = await self.sync_once()
                log.info("HR sync upserted %d employees", count)
                await asyncio.sleep(self._interval)
            except LockNotAcquired:
                await asyncio.sleep(self._interval)
            except Exception:
                log.exception("HR sync cycle failed; retrying")
