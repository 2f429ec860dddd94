from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Device, DeviceShadow
from ..utils.time import utcnow


class DeviceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, device_id: str) -> Device | None:
        return await self._session.get(Device, device_id)

    async def get_by_serial(self, serial: str) -> Device | None:
        stmt = select(Device).where(Device.serial == serial)
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def get_many(self, device_ids: Sequence[str]) -> list[Device]:
        if not device_ids:
            return []
        stmt = select(Device).where(Device.id.in_(list(device_ids)))
        return list((await self._session.execute(stmt)).scalars())

    async def list_by_site(self, site_id: str, limit: int, offset: int) -> list[Device]:
        stmt = (
            select(Device)
            .where(Device.site_id == site_id)
            .order_by(Device.serial)
            .limit(limit)
            .offset(offset)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def list_by_group(self, group_tag: str) -> list[Device]:
        stmt = select(Device).where(Device.group_tag == group_tag, Device.status == "active")
        return list((await self._session.execute(stmt)).scalars())

    async def eligible_for_firmware(self, hw_revision: str, exclude_version: str) -> list[Device]:
        stmt = (
            select(Device.id, Device.site_id)
            .where(Device.hw_revision == hw_revision)
            .where(Device.firmware_version != exclude_version)
            .where(Device.status == "active")
        )
        return list((await self._session.execute(stmt)).all())

    async def count_by_site(self) -> dict[str, int]:
        stmt = select(Device.site_id, func.count()).group_by(Device.site_id)
        return {site: n for site, n in (await self._session.execute(stmt)).all()}

    async def add(self, device: Device) -> Device:
        self._session.add(device)
        self._session.add(DeviceShadow(device_id=device.id, desired={}, reported={}, version=0))
        await self._session.flush()
        return device

    async def touch_last_seen(self, device_id: str, seen_at: datetime) -> None:
        await self._session.execute(
            update(Device).where(Device.id == device_id).values(last_seen_at=seen_at)
        )

    async def set_firmware_version(self, device_id: str, version: str) -> None:
        await self._session.execute(
            update(Device).where(Device.id == device_id).values(firmware_version=version)
        )

    async def decommission(self, device_id: str) -> int:
        result = await self._session.execute(
            update(Device).where(Device.id == device_id).values(status="decommissioned")
        )
        return result.rowcount


class ShadowRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, device_id: str) -> DeviceShadow | None:
        return await self._session.get(DeviceShadow, device_id)

    async def get_many(self, device_ids: Sequence[str]) -> dict[str, DeviceShadow]:
        stmt = select(DeviceShadow).where(DeviceShadow.device_id.in_(list(device_ids)))
        return {s.device_id: s for s in (await self._session.execute(stmt)).scalars()}

    async def compare_and_set_desired(self, device_id: str, desired: dict, expected_version: int) -> bool:
        result = await self._session.execute(
            update(DeviceShadow)
            .where(DeviceShadow.device_id == device_id, DeviceShadow.version == expected_version)
            .values(desired=desired, version=DeviceShadow.version + 1, updated_at=utcnow())
        )
        return result.rowcount == 1

    async def save(self, shadow: DeviceShadow) -> None:
        shadow.updated_at = utcnow()
        await self._session.flush()
