"""Raw-SQL access to the devices table."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg
from fastapi import HTTPException, status

from svc.db.database import Database

_COLUMNS = "id, serial, vin, fleet_id, model, status, firmware_version, last_seen_at"


@dataclass(frozen=True, slots=True)
class DeviceRecord:
    id: int
    serial: str
    vin: str | None
    fleet_id: int
    model: str
    status: str
    firmware_version: str | None
    last_seen_at: datetime | None


@dataclass(frozen=True, slots=True)
class DeviceCredentials:
    device_id: int
    token_hash: str
    token_salt: str


def _record(row: asyncpg.Record) -> DeviceRecord:
    return DeviceRecord(**dict(row))


class DeviceRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def get(self, device_id: int) -> DeviceRecord | None:
        row = await self._db.fetchrow(f"SELECT {_COLUMNS} FROM devices WHERE id = $1", device_id)
        return _record(row) if row else None

    async def require(self, device_id: int) -> DeviceRecord:
        device = await self.get(device_id)
        if device is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"device {device_id} not found")
        return device

    async def get_by_serial(self, serial: str) -> DeviceRecord | None:
        row = await self._db.fetchrow(f"SELECT {_COLUMNS} FROM devices WHERE serial = $1", serial)
        return _record(row) if row else None

    async def get_by_vin(self, vin: str) -> DeviceRecord | None:
        row = await self._db.fetchrow(f"SELECT {_COLUMNS} FROM devices WHERE vin = $1", vin.upper())
        return _record(row) if row else None

    async def list_for_fleet(self, fleet_id: int, limit: int = 1000) -> list[DeviceRecord]:
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM devices WHERE fleet_id = $1 ORDER BY id LIMIT $2", fleet_id, limit
        )
        return [_record(r) for r in rows]

    async def get_many(self, device_ids: list[int]) -> dict[int, DeviceRecord]:
        rows = await self._db.fetch(f"SELECT {_COLUMNS} FROM devices WHERE id = ANY($1::bigint[])", device_ids)
        return {r["id"]: _record(r) for r in rows}

    async def search(self, term: str, limit: int = 50) -> list[DeviceRecord]:
        rows = await self._db.fetch(
            f"SELECT {_COLUMNS} FROM devices WHERE serial ILIKE '%' || $1 || '%' ORDER BY serial LIMIT $2",
            term,
            limit,
        )
        return [_record(r) for r in rows]

    async def credentials(self, serial: str) -> DeviceCredentials | None:
        row = await self._db.fetchrow(
            "SELECT id, token_hash, token_salt FROM devices WHERE serial = $1 AND status = 'active'", serial
        )
        if row is None:
            return None
        return DeviceCredentials(row["id"], row["token_hash"], row["token_salt"])

    async def touch_last_seen(self, seen: dict[int, datetime]) -> None:
        await self._db.execute(
            """
            UPDATE devices AS d SET last_seen_at = s.seen_at
            FROM unnest($1::bigint[], $2::timestamptz[]) AS s(id, seen_at)
            WHERE d.id = s.id AND (d.last_seen_at IS NULL OR d.last_seen_at < s.seen_at)
            """,
            list(seen.keys()),
            list(seen.values()),
        )

    async def set_firmware_version(self, device_id: int, version: str) -> None:
        await self._db.execute("UPDATE devices SET firmware_version = $2 WHERE id = $1", device_id, version)
