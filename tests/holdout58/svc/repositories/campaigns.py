from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Campaign, Firmware, RolloutTarget, RolloutWave


class CampaignRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, campaign_id: str) -> Campaign | None:
        return await self._session.get(Campaign, campaign_id)

    async def get_firmware(self, firmware_id: str) -> Firmware | None:
        return await self._session.get(Firmware, firmware_id)

    async def list_recent(self, limit: int = 50) -> list[Campaign]:
        stmt = select(Campaign).order_by(Campaign.created_at.desc()).limit(limit)
        return list((await self._session.execute(stmt)).scalars())

    async def wave_progress(self, campaign_id: str) -> dict[str, int]:
        stmt = (
            select(RolloutTarget.status, func.count())
            .where(RolloutTarget.campaign_id == campaign_id)
            .group_by(RolloutTarget.status)
        )
        return {status: n for status, n in (await self._session.execute(stmt)).all()}

    async def progress_for(self, campaign_ids: list[str]) -> dict[str, dict[str, int]]:
        stmt = (
            select(RolloutTarget.campaign_id, RolloutTarget.status, func.count())
            .where(RolloutTarget.campaign_id.in_(campaign_ids))
            .group_by(RolloutTarget.campaign_id, RolloutTarget.status)
        )
        out: dict[str, dict[str, int]] = {cid: {} for cid in campaign_ids}
        for cid, status, n in (await self._session.execute(stmt)).all():
            out[cid][status] = n
        return out

    async def claim_due_waves(self, now: datetime, limit: int = 5) -> list[RolloutWave]:
        stmt = (
            select(RolloutWave)
            .where(RolloutWave.status == "pending", RolloutWave.scheduled_at <= now)
            .order_by(RolloutWave.scheduled_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        return list((await self._session.execute(stmt)).scalars())

    async def targeted_device_ids(self, campaign_id: str) -> list[str]:
        stmt = select(RolloutTarget.device_id).where(RolloutTarget.campaign_id == campaign_id)
        return list((await self._session.execute(stmt)).scalars())

    async def targets_for_wave(self, wave_id: str) -> list[RolloutTarget]:
        stmt = select(RolloutTarget).where(RolloutTarget.wave_id == wave_id)
        return list((await self._session.execute(stmt)).scalars())

    async def add_targets(self, wave: RolloutWave, device_ids: list[str]) -> None:
        self._session.add_all(
            RolloutTarget(wave_id=wave.id, campaign_id=wave.campaign_id, device_id=d) for d in device_ids
        )
        await self._session.flush()

    async def mark_target(self, campaign_id: str, device_id: str, status: str) -> int:
        result = await self._session.execute(
            update(RolloutTarget)
            .where(RolloutTarget.campaign_id == campaign_id, RolloutTarget.device_id == device_id)
            .values(status=status)
        )
        return result.rowcount

    async def bump_failed(self, campaign_id: str) -> None:
        await self._session.execute(
            update(Campaign)
            .where(Campaign.id == campaign_id)
            .values(failed_count=Campaign.failed_count + 1)
        )

    async def mark_target_for_device(self, device_id: str, status: str) -> int:
        result = await self._session.execute(
            update(RolloutTarget)
            .where(RolloutTarget.device_id == device_id, RolloutTarget.status == "queued")
            .values(status=status)
        )
        return result.rowcount
