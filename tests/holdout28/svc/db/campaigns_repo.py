"""Firmware campaigns and their per-device targets."""
from __future__ import annotations

from collections.abc import Iterable

import asyncpg

from svc.db.database import Database


class CampaignRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def create(self, fleet_id: int, target_version: str) -> int:
        return await self._db.fetchval(
            "INSERT INTO firmware_campaigns (fleet_id, target_version, status) VALUES ($1, $2, 'draft') RETURNING id",
            fleet_id,
            target_version,
        )

    async def get(self, campaign_id: int) -> asyncpg.Record | None:
        return await self._db.fetchrow(
            "SELECT id, fleet_id, target_version, status, ota_rollout_id FROM firmware_campaigns WHERE id = $1",
            campaign_id,
        )

    async def add_targets(self, campaign_id: int, device_ids: list[int]) -> None:
        await self._db.execute(
            "INSERT INTO campaign_targets (campaign_id, device_id, state) "
            "SELECT $1, unnest($2::bigint[]), 'pending' ON CONFLICT DO NOTHING",
            campaign_id,
            device_ids,
        )

    async def targets(self, campaign_id: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT device_id, state, updated_at FROM campaign_targets WHERE campaign_id = $1 ORDER BY device_id",
            campaign_id,
        )

    async def targets_in_state(self, campaign_id: int, state: str) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT device_id FROM campaign_targets WHERE campaign_id = $1 AND state = $2",
            campaign_id,
            state,
        )

    async def targets_for_device(self, device_id: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT campaign_id, state, updated_at FROM campaign_targets WHERE device_id = $1 ORDER BY updated_at DESC",
            device_id,
        )

    async def start_if_draft(self, campaign_id: int) -> bool:
        started = await self._db.fetchval(
            "UPDATE firmware_campaigns SET status = 'starting' WHERE id = $1 AND status = 'draft' RETURNING id",
            campaign_id,
        )
        return started is not None

    async def set_status(self, campaign_id: int, status: str, *, rollout_id: str | None = None) -> None:
        await self._db.execute(
            "UPDATE firmware_campaigns SET status = $2, ota_rollout_id = COALESCE($3, ota_rollout_id) WHERE id = $1",
            campaign_id,
            status,
            rollout_id,
        )

    async def mark_state(self, campaign_id: int, device_id: int, state: str) -> None:
        await self._db.execute(
            "UPDATE campaign_targets SET state = $3, updated_at = now() WHERE campaign_id = $1 AND device_id = $2",
            campaign_id,
            device_id,
            state,
        )

    async def mark_states(self, campaign_id: int, states: Iterable[tuple[int, str]]) -> None:
        await self._db.executemany(
            "UPDATE campaign_targets SET state = $3, updated_at = now() WHERE campaign_id = $1 AND device_id = $2",
            [(campaign_id, device_id, state) for device_id, state in states],
        )
