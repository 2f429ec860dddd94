"""Firmware artifacts and update campaigns driven through the OTA service."""
from __future__ import annotations

import asyncio
import dataclasses
import functools
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

import httpx
from aiobreaker import CircuitBreakerError

from svc.clients.ota import OtaClient
from svc.db.campaigns_repo import CampaignRepository
from svc.db.devices_repo import DeviceRepository
from svc.errors import Conflict, NotFound, UpstreamUnavailable, ValidationFailed
from svc.storage import artifact_sha256, read_artifact, verify_signature

logger = logging.getLogger(__name__)

MODEL_REQUIREMENTS: Final[Mapping[str, tuple[int, int]]] = MappingProxyType(
    {"T100": (2, 0), "T200": (2, 4), "T300": (3, 1), "T300X": (3, 6)}
)


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    campaign_id: int
    device_id: int
    state: str
    version: str
    seq: int


@dataclass
class CampaignProgress:
    campaign_id: int
    counts: dict[str, int] = field(default_factory=dict)
    last_seq: int = 0


class CampaignTracker:
    def __init__(self) -> None:
        self._progress: dict[int, CampaignProgress] = {}

    def record(self, event: ProgressEvent) -> None:
        progress = self._progress.setdefault(event.campaign_id, CampaignProgress(event.campaign_id))
        if event.seq <= progress.last_seq:
            return
        progress.counts[event.state] = progress.counts.get(event.state, 0) + 1
        progress.last_seq = event.seq

    def snapshot(self, campaign_id: int) -> CampaignProgress | None:
        progress = self._progress.get(campaign_id)
        if progress is None:
            return None
        return dataclasses.replace(progress, counts=dict(progress.counts))


class FirmwareService:
    _rollout_lock = asyncio.Lock()
    _waking: set[int] = set()

    def __init__(
        self,
        campaigns: CampaignRepository,
        devices: DeviceRepository,
        ota: OtaClient,
        tracker: CampaignTracker,
    ) -> None:
        self._campaigns = campaigns
        self._devices = devices
        self._ota = ota
        self._tracker = tracker

    @functools.lru_cache(maxsize=None)
    def compatible_models(self, version: str) -> frozenset[str]:
        major, minor, *_ = (int(part) for part in version.split("."))
        return frozenset(model for model, req in MODEL_REQUIREMENTS.items() if (major, minor) >= req)

    async def publish_artifact(self, version: str) -> dict[str, str]:
        verify_signature(version)
        data = read_artifact(version)
        artifact_id = await self._ota.upload_artifact(version, data)
        return {"version": version, "artifact_id": artifact_id}

    async def checksum(self, version: str) -> str:
        return await asyncio.to_thread(artifact_sha256, version)

    async def create_campaign(self, fleet_id: int, version: str) -> int:
        models = self.compatible_models(version)
        devices = await self._devices.list_for_fleet(fleet_id)
        eligible = [d.id for d in devices if d.model in models and d.firmware_version != version]
        if not eligible:
            raise ValidationFailed("no eligible devices in this fleet")
        campaign_id = await self._campaigns.create(fleet_id, version)
        await self._campaigns.add_targets(campaign_id, eligible)
        return campaign_id

    async def start_campaign(self, campaign_id: int) -> str:
        async with self._rollout_lock:
            if not await self._campaigns.start_if_draft(campaign_id):
                raise Conflict(f"campaign {campaign_id} is not a draft")
            campaign = await self._campaigns.get(campaign_id)
            targets = await self._campaigns.targets(campaign_id)
            rollout_id = await self._ota.create_rollout(
                campaign["target_version"], [t["device_id"] for t in targets]
            )
            await self._campaigns.set_status(campaign_id, "running", rollout_id)
        return rollout_id

    async def wake_pending(self, campaign_id: int) -> int:
        if campaign_id in self._waking:
            return 0
        pending = await self._campaigns.targets_in_state(campaign_id, "pending")
        self._waking.add(campaign_id)
        try:
            await asyncio.gather(*(self._ota.wake_device(row["device_id"]) for row in pending))
        finally:
            self._waking.discard(campaign_id)
        return len(pending)

    async def refresh_statuses(self, campaign_id: int) -> dict[str, int]:
        targets = await self._campaigns.targets(campaign_id)
        updates: list[tuple[int, str]] = []
        counts: dict[str, int] = {}
        for target in targets:
            status = await self._ota.device_status(target["device_id"])
            updates.append((target["device_id"], status.state))
            counts[status.state] = counts.get(status.state, 0) + 1
        await self._campaigns.mark_states(campaign_id, updates)
        return counts

    async def rollout_summary(self, campaign_id: int) -> dict[str, Any]:
        campaign = await self._campaigns.get(campaign_id)
        if campaign is None:
            raise NotFound(f"campaign {campaign_id} not found")
        if campaign["ota_rollout_id"] is None:
            return {"campaign_id": campaign_id, "status": campaign["status"], "source": "local"}
        try:
            remote = await self._ota.rollout_status(campaign["ota_rollout_id"])
        except (httpx.HTTPError, CircuitBreakerError):
            logger.warning("OTA status unavailable for campaign %s", campaign_id, exc_info=True)
            return {"campaign_id": campaign_id, "status": campaign["status"], "source": "local"}
        return {"campaign_id": campaign_id, "status": remote["state"], "source": "ota", "counts": remote.get("counts", {})}

    async def handle_callback(self, event: ProgressEvent) -> None:
        self._tracker.record(event)
        try:
            if event.state == "installed":
                await self._devices.set_firmware_version(event.device_id, event.version)
            await self._campaigns.mark_state(event.campaign_id, event.device_id, event.state)
        except Exception:
            logger.exception("failed to apply OTA callback for device %s", event.device_id)
            self._campaigns.mark_state(event.campaign_id, event.device_id, "unknown")
            raise UpstreamUnavailable("callback could not be applied") from None
