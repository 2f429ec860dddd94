"""Device registry operations: provisioning, lookup and decommissioning."""
from __future__ import annotations

import logging
import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.ca_client import CAClient
from ..db.models import Device
from ..repositories.campaigns import CampaignRepository
from ..repositories.certificates import CertificateRepository
from ..repositories.devices import DeviceRepository
from ..utils import locks
from ..utils.errors import DeviceNotFound
from .presence import PresenceService

logger = logging.getLogger(__name__)


class RegistryService:
    def __init__(self, session: AsyncSession, presence: PresenceService, ca: CAClient) -> None:
        self._session = session
        self._devices = DeviceRepository(session)
        self._campaigns = CampaignRepository(session)
        self._certs = CertificateRepository(session)
        self._presence = presence
        self._ca = ca

    async def get(self, device_id: str) -> Device:
        device = await self._devices.get(device_id)
        if device is None:
            raise DeviceNotFound(device_id)
        return device

    async def provision(self, site_id: str, serial: str, hw_revision: str, firmware_version: str) -> Device:
        existing = await self._devices.get_by_serial(serial)
        if existing is not None:
            return existing
        device = Device(
            id=str(uuid.uuid4()),
            serial=serial,
            hw_revision=hw_revision,
            firmware_version=firmware_version,
            site_id=site_id,
        )
        try:
            await self._devices.add(device)
            await self._session.commit()
        except IntegrityError:
            await self._session.rollback()
            winner = await self._devices.get_by_serial(serial)
            if winner is None:
                raise
            return winner
        logger.info("provisioned device %s (serial %s) at site %s", device.id, serial, site_id)
        return device

    async def decommission(self, device_id: str, reason: str) -> None:
        async with locks.REGISTRY_LOCK:
            device = await self.get(device_id)
            if device.status == "decommissioned":
                return
            async with locks.ROLLOUT_LOCK:
                cancelled = await self._campaigns.mark_target_for_device(device_id, "cancelled")
            await self._devices.decommission(device_id)
            cert = await self._certs.active_for_device(device_id)
            if cert is not None:
                await self._certs.set_status(cert.id, "revoking")
            await self._session.commit()
        await self._presence.mark_offline(device_id)
        if cert is not None:
            await self._ca.revoke(cert.serial, reason)
            await self._certs.set_status(cert.id, "revoked")
            await self._session.commit()
        logger.info("decommissioned %s (%s); %d rollout targets cancelled", device_id, reason, cancelled)
