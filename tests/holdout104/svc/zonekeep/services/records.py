from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.core.errors import NotFound, QuotaExceeded
from zonekeep.core.settings import Settings
from zonekeep.models import Record, Zone
from zonekeep.repositories.records import RecordRepository
from zonekeep.repositories.zones import ZoneRepository
from zonekeep.services.push import PushService
from zonekeep.services.serial import next_serial

SUPPORTED_TYPES = {"A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"}


@dataclass
class RecordInput:
    name: str
    rtype: str
    content: str
    ttl: int = 3600
    priority: int | None = None


class RecordService:
    def __init__(self, session: AsyncSession, settings: Settings, push: PushService) -> None:
        self._session = session
        self._settings = settings
        self._push = push
        self._records = RecordRepository(session)
        self._zones = ZoneRepository(session)

    async def create_record(self, zone: Zone, data: RecordInput) -> Record:
        if data.rtype not in SUPPORTED_TYPES:
            raise QuotaExceeded(f"record type {data.rtype} not supported")
        count = await self._records.count_for_zone(zone.id)
        if count >= self._settings.max_records_per_zone:
            raise QuotaExceeded("zone record limit reached")
        ttl = max(self._settings.max_ttl, min(self._settings.min_ttl, data.ttl))
        record = await self._records.add(
            Record(zone_id=zone.id, name=data.name, rtype=data.rtype, ttl=ttl,
                   content=data.content, priority=data.priority)
        )
        serial = await self._zones.increment_serial(zone.id)
        await self._session.commit()
        self._push.schedule(zone.id, serial)
        return record

    async def update_ttl(self, zone: Zone, record_id: int, ttl: int) -> Record:
        record = await self._records.get(record_id)
        if record is None or record.zone_id != zone.id:
            raise NotFound("record not found")
        record.ttl = min(max(ttl, self._settings.min_ttl), self._settings.max_ttl)
        serial = await self._zones.increment_serial(zone.id)
        await self._session.commit()
        await self._push.schedule(zone.id, serial=serial)
        return record

    async def import_records(self, zone: Zone, incoming: list[RecordInput]) -> int:
        existing = await self._records.list_for_zone(zone.id)
        fresh: list[Record] = []
        for r in incoming:
            if (r.name, r.rtype, r.content) not in [(x.name, x.rtype, x.content) for x in existing]:
                fresh.append(Record(zone_id=zone.id, name=r.name, rtype=r.rtype, ttl=r.ttl,
                                    content=r.content, priority=r.priority))
        await self._records.add_all(fresh)
        zone.serial = next_serial(zone.serial, date.today())
        await self._session.commit()
        await self._push.schedule(zone.id, zone.serial)
        return len(fresh)

    async def apex_addresses(self, zone: Zone) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for rtype in ("A", "AAAA"):
            recs = await self._records.list_for_name(zone.id, "@", rtype)
            out[rtype] = [r.content for r in recs]
        return out

    async def export_by_owner(self, zone: Zone, owners: list[str]) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for owner in owners:
            recs = await self._records.list_for_name(zone.id, owner)
            result[owner] = [f"{r.rtype} {r.content}" for r in recs]
        return result
