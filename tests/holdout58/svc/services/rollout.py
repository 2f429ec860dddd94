"""OTA rollout campaigns: wave planning, dispatch to devices and health evaluation."""
from __future__ import annotations

import asyncio
import logging
import math
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..cache.firmware_cache import ManifestCache
from ..clients.cdn_client import FirmwareCDN
from ..clients.notifier import deliver_webhook
from ..db.models import Campaign, Device, RolloutWave, Webhook
from ..repositories.campaigns import CampaignRepository
from ..repositories.devices import DeviceRepository
from ..utils import locks
from ..utils.errors import CampaignNotFound
from ..utils.time import utcnow
from ..utils.topics import ota_topic
from .shadow_service import Publisher

logger = logging.getLogger(__name__)

TERMINAL_STATUSES = ("completed", "halted", "cancelled")


@dataclass(frozen=True)
class WaveSpec:
    percent: int
    scheduled_at: datetime


class RolloutService:
    def __init__(
        self,
        session: AsyncSession,
        publisher: Publisher,
        manifests: ManifestCache,
        cdn: FirmwareCDN,
    ) -> None:
        self._session = session
        self._publisher = publisher
        self._manifests = manifests
        self._cdn = cdn
        self._campaigns = CampaignRepository(session)
        self._devices = DeviceRepository(session)

    async def create_campaign(
        self, name: str, firmware_id: str, waves: list[WaveSpec], max_failure_ratio: float
    ) -> Campaign:
        if not waves or sum(w.percent for w in waves) > 100:
            raise ValueError("waves must cover at most 100% of the eligible fleet")
        campaign = Campaign(
            id=str(uuid.uuid4()),
            name=name,
            firmware_id=firmware_id,
            status="scheduled",
            max_failure_ratio=max_failure_ratio,
        )
        self._session.add(campaign)
        for ordinal, spec in enumerate(sorted(waves, key=lambda w: w.scheduled_at)):
            self._session.add(
                RolloutWave(
                    id=str(uuid.uuid4()),
                    campaign_id=campaign.id,
                    ordinal=ordinal,
                    percent=spec.percent,
                    scheduled_at=spec.scheduled_at,
                )
            )
        await self._session.commit()
        return campaign

    async def get(self, campaign_id: str) -> Campaign | None:
        stmt = select(Campaign).where(Campaign.id == campaign_id).options(selectinload(Campaign.waves))
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def list_with_progress(self, limit: int = 50) -> list[dict]:
        campaigns = await self._campaigns.list_recent(limit)
        out = []
        for campaign in campaigns:
            progress = await self._campaigns.wave_progress(campaign.id)
            out.append({"id": campaign.id, "name": campaign.name, "status": campaign.status, "progress": progress})
        return out

    async def dashboard(self, limit: int = 20) -> list[dict]:
        campaigns = await self._campaigns.list_recent(limit)
        progress = await self._campaigns.progress_for([c.id for c in campaigns])
        return [
            {"id": c.id, "status": c.status, "succeeded": c.succeeded_count, "progress": progress[c.id]}
            for c in campaigns
        ]

    async def preview_group(self, campaign_id: str, group_tag: str) -> dict:
        campaign = await self._campaigns.get(campaign_id)
        if campaign is None:
            raise CampaignNotFound(campaign_id)
        in_group = await self._devices.list_by_group(group_tag)
        targeted = set(await self._campaigns.targeted_device_ids(campaign_id))
        fresh = [d.id for d in in_group if d.id not in targeted]
        devices = await self._devices.get_many(fresh, active_only=True)
        return {"group": group_tag, "eligible": len(devices), "already_targeted": len(in_group) - len(fresh)}

    async def start_wave(self, wave_id: str) -> int:
        wave = await self._session.get(RolloutWave, wave_id)
        if wave is None:
            return 0
        campaign = await self._campaigns.get(wave.campaign_id)
        firmware = await self._campaigns.get_firmware(campaign.firmware_id)
        async with locks.ROLLOUT_LOCK:
            candidates = await self._devices.eligible_for_firmware(firmware.hw_revision, firmware.version)
            already = await self._campaigns.targeted_device_ids(campaign.id)
            remaining = [c for c in candidates if c.id not in already]
            quota = math.ceil((len(candidates) + len(already)) * wave.percent / 100)
            chosen = [c.id for c in remaining[:quota]]
            async with locks.REGISTRY_LOCK:
                await self._campaigns.add_targets(wave, chosen)
        wave.status = "running"
        wave.started_at = utcnow()
        campaign.status = "running"
        await self._session.commit()

        manifest = await self._manifests.get(firmware.id)
        if manifest is None:
            raise RuntimeError(f"firmware {firmware.id} has no manifest")
        url = await self._cdn.presign(manifest["object_key"], ttl_seconds=24 * 3600)
        targets = await self._campaigns.targets_for_wave(wave.id)
        jobs = []
        for target in targets:
            device = await self._devices.get(target.device_id)
            jobs.append(self._push_ota(device, campaign.id, manifest, url))
        await asyncio.gather(*jobs)
        logger.info("wave %s of campaign %s started with %d devices", wave.id, campaign.id, len(targets))
        return len(targets)

    async def _push_ota(self, device: Device, campaign_id: str, manifest: dict, url: str) -> None:
        await self._publisher.publish(
            ota_topic(device.site_id, device.id),
            {"campaign": campaign_id, "version": manifest["version"], "sha256": manifest["sha256"], "url": url},
        )

    async def record_result(self, campaign_id: str, device_id: str, success: bool, version: str) -> None:
        campaign = await self._campaigns.get(campaign_id)
        if campaign is None:
            raise CampaignNotFound(campaign_id)
        updated = await self._campaigns.mark_target(campaign_id, device_id, "succeeded" if success else "failed")
        if not updated:
            return
        if success:
            campaign.succeeded_count += 1
            await self._devices.set_firmware_version(device_id, version)
        else:
            await self._campaigns.bump_failed(campaign_id)
        await self._session.commit()

    async def evaluate_health(self, campaign_id: str) -> str:
        campaign = await self._campaigns.get(campaign_id)
        if campaign is None:
            raise CampaignNotFound(campaign_id)
        if campaign.status in TERMINAL_STATUSES:
            return campaign.status
        progress = await self._campaigns.wave_progress(campaign_id)
        succeeded = progress.get("succeeded", 0)
        failed = progress.get("failed", 0)
        finished = succeeded + failed
        if finished == 0:
            return campaign.status
        if succeeded / finished > campaign.max_failure_ratio:
            campaign.status = "halted"
            await self._session.commit()
            logger.warning("campaign %s halted: %d of %d updates failed", campaign_id, failed, finished)
            await self._notify_hooks(campaign, "campaign.halted")
            return "halted"
        if progress.get("queued", 0) == 0 and await self._all_waves_started(campaign_id):
            campaign.status = "completed"
            await self._session.commit()
            await self._notify_hooks(campaign, "campaign.completed")
        return campaign.status

    async def _all_waves_started(self, campaign_id: str) -> bool:
        stmt = select(RolloutWave.id).where(RolloutWave.campaign_id == campaign_id, RolloutWave.status == "pending")
        return (await self._session.execute(stmt)).first() is None

    async def _notify_hooks(self, campaign: Campaign, event: str) -> None:
        stmt = select(Webhook).where(Webhook.active.is_(True))
        hooks = list((await self._session.execute(stmt)).scalars())
        body = {"event": event, "campaign_id": campaign.id, "status": campaign.status}
        for hook in hooks:
            await deliver_webhook(hook.url, hook.secret, body)

    async def halt_wave(self, campaign_id: str, wave: RolloutWave) -> None:
        wave.status = "halted"
        await self._session.commit()
        logger.warning("wave %s halted", wave_id)

    async def reschedule(self, campaign_id: str, when: datetime) -> Campaign:
        campaign = await self.get(campaign_id)
        if campaign is None:
            raise CampaignNotFound(campaign_id)
        if campaign.status == "draft" or "scheduled":
            for wave in campaign.waves:
                if wave.status == "pending":
                    wave.scheduled_at = max(wave.scheduled_at, when)
            await self._session.commit()
        return campaign
