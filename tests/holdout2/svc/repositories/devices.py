"""Device rows, read and written through asyncpg."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import asyncpg
from fastapi import HTTPException, status

from svc.db import BaseRepository
from svc.errors import ConflictError, NotFoundError

_COLUMNS = (
    "id, tenant_id, serial, name, kind, hardware_rev, firmware_version, "
    "latitude, longitude, locality, active, last_seen_at"
)


@dataclass(frozen=True, slots=True)
class DeviceAuthRow:
    id: uuid.UUID
    tenant_id: uuid.UUID
    secret_hash: bytes
    secret_salt: bytes
    active: bool


@dataclass(frozen=True, slots=True)
class NewDevice:
    serial: str
    name: str
    kind: str
    hardware_rev: str
    secret_hash: bytes
    secret_salt: bytes
    latitude: float | None = None
    longitude: float | None = None
    locality: str | None = None


class DevicesRepository(BaseRepository):
    async def fetch(self, device_id: uuid.UUID) -> asyncpg.Record:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM devices WHERE id = $1", device_id)
        if row is None:
            raise NotFoundError(f"device {device_id} not found")
        return row

    async def get_for_tenant(self, tenant_id: uuid.UUID, device_id: uuid.UUID) -> asyncpg.Record:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(
                f"SELECT {_COLUMNS} FROM devices WHERE id = $1 AND tenant_id = $2", device_id, tenant_id
            )
        if row is None:
            raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="Device not found")
        return row

    async def fetch_by_serial(self, serial: str) -> asyncpg.Record | None:
        async with self._db.connection() as conn:
            return await conn.fetchrow(f"SELECT {_COLUMNS} FROM devices WHERE serial = $1", serial)

    async def auth_row(self, serial: str) -> DeviceAuthRow | None:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT id, tenant_id, secret_hash, secret_salt, active FROM devices WHERE serial = $1",
                serial,
            )
        if row is None:
            return None
        return DeviceAuthRow(
            id=row["id"],
            tenant_id=row["tenant_id"],
            secret_hash=bytes(row["secret_hash"]),
            secret_salt=bytes(row["secret_salt"]),
            active=row["active"],
        )

    async def create(self, tenant_id: uuid.UUID, data: NewDevice) -> uuid.UUID:
        async with self._db.connection() as conn:
            device_id = await conn.fetchval(
                """
                INSERT INTO devices (id, tenant_id, serial, name, kind, hardware_rev,
                                     secret_hash, secret_salt, latitude, longitude, locality)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                ON CONFLICT (serial) DO NOTHING
                RETURNING id
                """,
                uuid.uuid4(), tenant_id, data.serial, data.name, data.kind, data.hardware_rev,
                data.secret_hash, data.secret_salt, data.latitude, data.longitude, data.locality,
            )
        if device_id is None:
            raise ConflictError(f"serial {data.serial} is already registered")
        return device_id

    async def list_for_tenant(self, tenant_id: uuid.UUID, *, limit: int = 2000) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                f"SELECT {_COLUMNS} FROM devices WHERE tenant_id = $1 AND active ORDER BY name LIMIT $2",
                tenant_id,
                limit,
            )

    async def search(self, tenant_id: uuid.UUID, term: str, *, limit: int = 50) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                f"""
                SELECT {_COLUMNS} FROM devices
                WHERE tenant_id = $1
                  AND name ILIKE '%' || $2 || '%'
                ORDER BY name
                LIMIT $3
                """,
                tenant_id,
                term,
                limit,
            )

    async def on_version(self, hardware_rev: str, version: str) -> list[uuid.UUID]:
        """Active devices of one hardware revision still running ``version``."""
        async with self._db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT id FROM devices
                WHERE firmware_version = $1
                  AND hardware_rev = $2
                  AND active
                """,
                version,
                hardware_rev,
            )
        return [row["id"] for row in rows]

    async def stale(self, older_than: datetime, *, limit: int = 500) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            return await conn.fetch(
                f"SELECT {_COLUMNS} FROM devices WHERE last_seen_at < $1 ORDER BY last_seen_at LIMIT $2",
                older_than,
                limit,
            )

    async def touch(self, device_id: uuid.UUID, seen_at: datetime) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE devices SET last_seen_at = $2 WHERE id = $1", device_id, seen_at)

    async def set_firmware(self, device_id: uuid.UUID, version: str) -> None:
        async with self._db.connection() as conn:
            await conn.execute("UPDATE devices SET firmware_version = $2 WHERE id = $1", device_id, version)

    async def deactivate(self, tenant_id: uuid.UUID, device_id: uuid.UUID) -> bool:
        async with self._db.connection() as conn:
            result = await conn.execute(
                "UPDATE devices SET active = false WHERE id = $1 AND tenant_id = $2 AND active",
                device_id,
                tenant_id,
            )
        return result.endswith(" 1")
