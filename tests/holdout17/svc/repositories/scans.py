"""Scan events recorded by depot scanners."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import asyncpg

from svc.db.database import Database

SCAN_COLUMNS = "id, shipment_id, depot_id, event_code, scanner_id, scanned_at"


class ScanRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def latest_for(self, shipment_id: uuid.UUID) -> asyncpg.Record | None:
        return await self._db.fetchrow(
            f"SELECT {SCAN_COLUMNS} FROM scans WHERE shipment_id = $1 ORDER BY scanned_at DESC LIMIT 1", shipment_id
        )

    async def latest_for_many(self, shipment_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, asyncpg.Record]:
        rows = await self._db.fetch(
            f"SELECT DISTINCT ON (shipment_id) {SCAN_COLUMNS} FROM scans WHERE shipment_id = ANY($1::uuid[]) "
            "ORDER BY shipment_id, scanned_at DESC",
            list(shipment_ids),
        )
        return {row["shipment_id"]: row for row in rows}

    async def history(self, shipment_id: uuid.UUID) -> list[asyncpg.Record]:
        return await self._db.fetch(f"SELECT {SCAN_COLUMNS} FROM scans WHERE shipment_id = $1 ORDER BY scanned_at", shipment_id)

    async def for_depot(self, depot_id: int, page: int, page_size: int) -> list[asyncpg.Record]:
        return await self._db.fetch(f"SELECT {SCAN_COLUMNS} FROM scans WHERE depot_id = $1 ORDER BY scanned_at DESC OFFSET $2 LIMIT $3", depot_id, page * page_size, page_size)

    async def by_scanner(self, scanner_id: str, since: datetime) -> list[asyncpg.Record]:
        async with self._db.pool.acquire() as conn:
            return await conn.fetch(f"SELECT {SCAN_COLUMNS} FROM scans WHERE scanner_id = $1 AND scanned_at >= $2 ORDER BY scanned_at DESC LIMIT 500", scanner_id, since)

    async def insert(self, shipment_id: uuid.UUID, depot_id: int, event_code: str, scanner_id: str, scanned_at: datetime, payload: dict[str, Any]) -> None:
        await self._db.execute(
            "INSERT INTO scans (shipment_id, depot_id, event_code, scanner_id, scanned_at, payload) "
            "VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
            shipment_id,
            depot_id,
            event_code,
            scanner_id,
            scanned_at,
            json.dumps(payload),
        )

    async def insert_many(self, rows: Sequence[tuple[Any, ...]]) -> None:
        async with self._db.transaction() as conn:
            await conn.executemany(
                "INSERT INTO scans (shipment_id, depot_id, event_code, scanner_id, scanned_at, payload) "
                "VALUES ($1, $2, $3, $4, $5, $6::jsonb)",
                rows,
            )
