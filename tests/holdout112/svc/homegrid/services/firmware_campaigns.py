from __future__ import annotations

import asyncio
import os
from pathlib import Path
from uuid import UUID

import structlog

from homegrid.clients.firmware_cdn import FirmwareCdnClient
from homegrid.errors import ValidationFailed
from homegrid.models import Campaign, CampaignCreate, FirmwareImage
from homegrid.repositories.devices import DeviceRepository
from homegrid.repositories.firmware import FirmwareRepository
from homegrid.utils.files import bytes_sha256, file_sha256

log = structlog.get_logger(__name__)


class FirmwareCampaignService:
    def __init__(self, repo: FirmwareRepository, devices: DeviceRepository, cdn: FirmwareCdnClient) -> None:
        self._repo = repo
        self._devices = devices
        self._cdn = cdn

    async def register_upload(self, model: str, version: str, upload_path: str) -> FirmwareImage:
        digest = file_sha256(upload_path)
        try:
            signature = await self._cdn.sign(digest, model, version)
        except Exception:
            log.warning("firmware_signing_unavailable", model=model, version=version)
            signature = ""
        url = f"/images/{model}/{version}.bin"
        image = await self._repo.create_image(model, version, digest, url, signature)
        await self._cdn.publish_manifest(model, {"version": version, "sha256": digest, "url": url,
                                                  "signature": signature})
        return image

    async def import_from_cdn(self, model: str, version: str) -> FirmwareImage:
        url = f"/images/{model}/{version}.bin"
        data = await self._cdn.download(url)
        digest = await asyncio.to_thread(bytes_sha256, data)
        cache_path = self._cdn.cache_path(model, version)
        await asyncio.to_thread(_store, cache_path, data)
        signature = await self._cdn.sign(digest, model, version)
        return await self._repo.create_image(model, version, digest, url, signature)

    async def verify_cached(self, model: str, version: str, expected: str) -> bool:
        path = self._cdn.cache_path(model, version)
        digest = await asyncio.to_thread(file_sha256, path)
        return digest == expected

    async def create_campaign(self, data: CampaignCreate) -> Campaign:
        image = await self._repo.get_image(data.image_id)
        targets = _without(data.device_ids, data.exclude_ids)
        eligible: list[UUID] = []
        for device_id in targets:
            device = await self._devices.get(device_id)
            if device.model == image.model and device.firmware_version != image.version:
                eligible.append(device_id)
        if not eligible:
            raise ValidationFailed("no eligible devices for this image")
        campaign = await self._repo.create_campaign(image.id, data.batch_size)
        await self._repo.add_jobs(campaign.id, eligible)
        return campaign


    async def start(self, campaign_id: UUID) -> None:
        await self._repo.set_campaign_status(campaign_id, "running")

    async def pause(self, campaign_id: UUID) -> None:
        await self._repo.set_campaign_status(campaign_id, "paused")

    async def progress(self, campaign_id: UUID) -> dict[str, int | float]:
        counts = await self._repo.progress(campaign_id)
        total = sum(counts.values())
        done = counts.get("sent", 0) + counts.get("installed", 0)
        return {**counts, "total": total, "percent": round(100.0 * done / total, 1) if total else 0.0}


def _without(candidate_ids: list[UUID], excluded: list[UUID]) -> list[UUID]:
    kept: list[UUID] = []
    for device_id in candidate_ids:
        if device_id not in excluded:
            kept.append(device_id)
    return kept


def _store(path: Path, data: bytes) -> None:
    os.makedirs(path.parent, exist_ok=True)
    tmp = path.with_suffix(".part")
    tmp.write_bytes(data)
    tmp.replace(path)
