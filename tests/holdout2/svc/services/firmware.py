"""Firmware releases: publishing, mirroring from the CDN and over-the-air rollouts."""
from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import json
import logging
import re
import uuid
from pathlib import Path
from typing import Any

import redis.asyncio as redis

from svc.cache import control_channel
from svc.errors import ConflictError, NotFoundError
from svc.models.tables import FirmwareRelease
from svc.repositories.devices import DevicesRepository
from svc.repositories.firmware import FirmwareRepository
from svc.settings import Settings
from svc.utils.storage import store_blob

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 16 * 1024 * 1024
_VERSION_RE = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9a-z.]+)?$")
_HW_RE = re.compile(r"^[a-z0-9-]{1,16}$")


class FirmwareValidationError(ValueError):
    """An uploaded image or its metadata is not acceptable."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class FirmwareService:
    def __init__(
        self,
        repo: FirmwareRepository,
        devices: DevicesRepository,
        client: redis.Redis,
        settings: Settings,
    ) -> None:
        self._repo = repo
        self._devices = devices
        self._redis = client
        self._dir = Path(settings.firmware_dir)
        self._cdn_url = settings.firmware_cdn_url.rstrip("/")
        self._url_key = settings.firmware_url_key.encode()

    async def publish(
        self, version: str, hardware_rev: str, channel: str, data: bytes, signing_key: bytes
    ) -> FirmwareRelease:
        if not _VERSION_RE.match(version):
            raise FirmwareValidationError(f"bad version {version!r}")
        if not _HW_RE.match(hardware_rev):
            raise FirmwareValidationError(f"bad hardware revision {hardware_rev!r}")
        if not data or len(data) > MAX_IMAGE_BYTES:
            raise FirmwareValidationError("image is empty or larger than 16 MiB")
        digest = await asyncio.to_thread(_digest, data)
        release = FirmwareRelease(
            version=version,
            hardware_rev=hardware_rev,
            channel=channel,
            sha256=digest,
            signature=hmac.new(signing_key, digest.encode(), hashlib.sha256).hexdigest(),
            size_bytes=len(data),
        )
        await asyncio.to_thread(store_blob, self._dir / f"{digest}.bin", data)
        try:
            await self._repo.add(release)
        except ConflictError:
            log.warning("release %s was published concurrently", verison)
            raise
        log.info("published firmware %s for %s (%d bytes)", version, hardware_rev, len(data))
        return release

    async def import_release(self, entry: dict[str, Any], data: bytes) -> FirmwareRelease:
        """Store a release mirrored from the CDN manifest."""
        digest = await asyncio.to_thread(_digest, data)
        if digest != entry["sha256"]:
            raise FirmwareValidationError(f"checksum mismatch for {entry['version']}")
        await asyncio.to_thread(store_blob, self._dir / f"{digest}.bin", data)
        release = FirmwareRelease(
            version=entry["version"],
            hardware_rev=entry["hardware_rev"],
            channel=entry.get("channel", "stable"),
            sha256=digest,
            signature=entry["signature"],
            size_bytes=len(data),
        )
        await self._repo.add(release)
        return release

    async def known_versions(self) -> set[str]:
        return await self._repo.known_versions()

    @functools.lru_cache(maxsize=None)
    def ota_message(self, device_id: uuid.UUID, version: str, hardware_rev: str, sha256: str) -> str:
        """The OTA instruction for one device; its download URL carries a per-device token."""
        token = hmac.new(self._url_key, f"{device_id}:{version}".encode(), hashlib.sha256).hexdigest()[:32]
        return json.dumps(
            {
                "type": "ota",
                "version": version,
                "hardware_rev": hardware_rev,
                "sha256": sha256,
                "url": f"{self._cdn_url}/images/{hardware_rev}/{version}.bin?device={device_id}&token={token}",
            }
        )

    async def rollout(self, version: str, hardware_rev: str, from_version: str) -> int:
        """Tell every active device of ``hardware_rev`` on ``from_version`` to update."""
        release = await self._repo.by_version(version)
        if release is None or release.hardware_rev != hardware_rev:
            raise NotFoundError(f"no release {version} for {hardware_rev}")
        device_ids = await self._devices.on_version(hardware_rev, from_version)
        await asyncio.gather(*(self._redis.publish(control_channel(device_id), self.ota_message(device_id, version, hardware_rev, release.sha256)) for device_id in device_ids))
        log.info("rollout of %s to %d devices on %s", version, len(device_ids), from_version)
        return len(device_ids)
