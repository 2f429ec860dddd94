"""Firmware images: registration, integrity checks and per-device signed manifests."""
from __future__ import annotations

import asyncio
import json
import logging
import os
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.firmware_cache import ManifestCache
from ..clients.cdn_client import FirmwareCDN
from ..db.models import Device, Firmware
from ..utils.hashing import sha256_file, sign_payload

logger = logging.getLogger(__name__)


def manifest_signature(manifest: dict, key: bytes) -> str:
    return sign_payload(key, json.dumps(manifest, sort_keys=True, separators=(",", ":")).encode())


class FirmwareService:
    def __init__(
        self,
        session: AsyncSession,
        manifests: ManifestCache,
        cdn: FirmwareCDN,
        firmware_dir: str,
        signing_key: bytes,
    ) -> None:
        self._session = session
        self._manifests = manifests
        self._cdn = cdn
        self._dir = firmware_dir
        self._signing_key = signing_key

    async def register(self, version: str, hw_revision: str, filename: str) -> Firmware:
        path = os.path.join(self._dir, os.path.basename(filename))
        digest = sha256_file(path)
        size = await asyncio.to_thread(os.path.getsize, path)
        firmware = Firmware(
            id=str(uuid.uuid4()),
            version=version,
            hw_revision=hw_revision,
            object_key=f"firmware/{hw_revision}/{version}.bin",
            sha256=digest,
            size_bytes=size,
        )
        self._session.add(firmware)
        await self._session.commit()
        logger.info("registered firmware %s for %s (%d bytes)", version, hw_revision, size)
        return firmware

    async def verify_local_image(self, firmware_id: str) -> bool:
        firmware = await self._session.get(Firmware, firmware_id)
        if firmware is None:
            return False
        path = os.path.join(self._dir, f"{firmware.hw_revision}-{firmware.version}.bin")
        digest = await asyncio.to_thread(sha256_file, path)
        if digest != firmware.sha256:
            logger.error("firmware %s image digest mismatch: %s != %s", firmware_id, digest, firmware.sha256)
            return False
        return True

    async def list_for_hardware(self, hw_revision: str) -> list[Firmware]:
        stmt = select(Firmware).where(Firmware.hw_revision == hw_revision).order_by(Firmware.created_at.desc())
        return list((await self._session.execute(stmt)).scalars())

    async def signed_manifest(self, firmware_id: str, device: Device) -> dict | None:
        cached = await self._manifests.get(firmware_id)
        if cached is None:
            return None
        manifest = dict(cached)
        manifest["url"] = await self._cdn.presign(cached["object_key"], ttl_seconds=900)
        manifest["device_id"] = device.id
        manifest["signature"] = await manifest_signature(manifest, self._signing_key)
        return manifest
