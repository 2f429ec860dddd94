from __future__ import annotations

from datetime import datetime
from typing import Sequence
from uuid import UUID

import asyncpg

from homegrid.errors import DuplicateDevice, NotFound
from homegrid.models import Device, DeviceRegister
from homegrid.db.pool import Repository

_COLS = (
    "id, household_id, kind, model, serial, mqtt_client_id, firmware_version, "
    "capacity_kwh, max_power_kw, status, last_seen_at"
)


class DeviceRepository(Repository):
    async def get(self, device_id: UUID) -> Device:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_COLS} FROM devices WHERE id = $1", device_id)
        if row is None:
            raise NotFound("device not found", device_id=str(device_id))
        return Device(**dict(row))

    async def get_many(self, ids: Sequence[UUID]) -> dict[UUID, Device]:
        if not ids:
            return {}
        async with self.db.connection() as conn:
            rows = await conn.fetch(f"SELECT {_COLS} FROM devices WHERE id = ANY($1::uuid[])", list(ids))
        return {r["id"]: Device(**dict(r)) for r in rows}

    async def by_client_id(self, client_id: str) -> Device | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                f"SELECT {_COLS} FROM devices WHERE mqtt_client_id = $1", client_id
            )
        return Device(**dict(row)) if row else None

    async def by_serial(self, serial: str) -> Device | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_COLS} FROM devices WHERE serial = $1", serial)
        return Device(**dict(row)) if row else None

    async def search_serial_prefix(self, prefix: str, limit: int = 50) -> list[Device]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"SELECT {_COLS} FROM devices WHERE serial LIKE $1 || '%' ORDER BY serial LIMIT $2",
                prefix, limit,
            )
        return [Device(**dict(r)) for r in rows]

    async def list_for_household(self, household_id: UUID) -> list[Device]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"SELECT {_COLS} FROM devices WHERE household_id = $1 ORDER BY kind, serial",
                household_id,
            )
        return [Device(**dict(r)) for r in rows]

    async def list_for_households(self, household_ids: Sequence[UUID], kinds: Sequence[str]) -> list[Device]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"""
                SELECT {_COLS} FROM devices
                WHERE household_id = ANY($1::uuid[]) AND kind = ANY($2::text[]) AND status = 'online'
                """,
                list(household_ids), list(kinds),
            )
        return [Device(**dict(r)) for r in rows]

    async def count_for_household(self, household_id: UUID) -> tuple[int, int]:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                """
                SELECT count(*) AS total, count(*) FILTER (WHERE status = 'online') AS online
                FROM devices WHERE household_id = $1
                """,
                household_id,
            )
        return row["total"], row["online"]

    async def create(self, household_id: UUID, data: DeviceRegister) -> Device:
        try:
            async with self.db.connection() as conn:
                row = await conn.fetchrow(
                    f"""
                    INSERT INTO devices (household_id, kind, model, serial, mqtt_client_id,
                                         firmware_version, capacity_kwh, max_power_kw)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    RETURNING {_COLS}
                    """,
                    household_id, data.kind.value, data.model, data.serial, data.mqtt_client_id,
                    data.firmware_version, data.capacity_kwh, data.max_power_kw,
                )
        except asyncpg.UniqueViolationError:
            raise DuplicateDevice("serial already registered", serial=data.serial)
        return Device(**dict(row))

    async def touch_many(self, seen: dict[UUID, datetime]) -> None:
        if not seen:
            return
        async with self.db.connection() as conn:
            await conn.executemany(
                """
                UPDATE devices SET last_seen_at = GREATEST(coalesce(last_seen_at, $2), $2),
                                   status = 'online'
                WHERE id = $1
                """,
                list(seen.items()),
            )

    async def set_firmware_version(self, device_id: UUID, version: str) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                "UPDATE devices SET firmware_version = $2 WHERE id = $1", device_id, version
            )

    async def decommission(self, device_id: UUID) -> bool:
        async with self.db.transaction() as conn:
            result = await conn.execute(
                "UPDATE devices SET status = 'decommissioned' WHERE id = $1 AND status <> 'decommissioned'",
                device_id,
            )
            await conn.execute(
                """
                UPDATE commands SET status = 'cancelled'
                WHERE device_id = $1 AND status IN ('pending', 'retry')
                """,
                device_id,
            )
        return result.endswith(" 1")
