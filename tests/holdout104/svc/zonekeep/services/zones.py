from __future__ import annotations

import asyncio
import copy
from collections import defaultdict
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from zonekeep.core.errors import NotFound
from zonekeep.core.logging import get_logger
from zonekeep.models import Record, Zone
from zonekeep.repositories.records import RecordRepository
from zonekeep.repositories.zones import ZoneRepository
from zonekeep.services import zonefile
from zonekeep.services.zonefile import render_to_disk

log = get_logger("services.zones")

# (zone_id, serial) -> rendered zone text
_rendered: dict[tuple[int, int], str] = {}

_zone_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


class ZoneService:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._zones = ZoneRepository(session)
        self._records = RecordRepository(session)

    async def get_owned(self, account_id: int, zone_id: int) -> Zone:
        zone = await self._zones.get(zone_id)
        if zone is None or zone.account_id != account_id:
            raise NotFound("zone not found")
        return zone

    async def bump_serial(self, zone_id: int) -> int:
        async with _zone_locks[zone_id]:
            serial = await self._zones.increment_serial(zone_id)
            await self._session.commit()
            return serial

    async def apply_changes(self, zone: Zone, add: list[Record], remove: list[int]) -> int:
        async with _zone_locks[zone.id]:
            for record_id in remove:
                await self._records.delete(zone.id, record_id)
            if add:
                await self._records.add_all(add)
            serial = await self.bump_serial(zone.id)
        log.info("zone %s changed: +%d -%d serial=%d", zone.name, len(add), len(remove), serial)
        return serial

    async def zone_text(self, zone: Zone) -> str:
        key = (zone.id, zone.serial)
        cached = _rendered.get(key)
        if cached is not None:
            return cached
        records = await self._records.list_for_zone(zone.id)
        snapshot = copy.deepcopy(records)
        text = zonefile.render_text(zone.name, zone.serial, snapshot)
        _rendered[key] = text
        return text

    async def export_zone(self, zone: Zone) -> Path:
        records = await self._records.list_for_zone(zone.id)
        path = render_to_disk(zone.name, zone.serial, records)
        log.info("exported %s serial=%s to %s", zone.name, zone.serial, path)
        return path

    async def backup_zone(self, zone: Zone) -> Path:
        text = await self.zone_text(zone)
        return await asyncio.to_thread(zonefile.write_backup, zone.name, zone.serial, text)
