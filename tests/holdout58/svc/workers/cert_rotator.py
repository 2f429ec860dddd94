"""Rotates device certificates that are close to expiry."""
from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from sqlalchemy.ext.asyncio import async_sessionmaker

from ..clients.ca_client import CAClient
from ..db.models import Certificate
from ..repositories.certificates import CertificateRepository
from ..repositories.devices import DeviceRepository
from ..services.cert_rotation import CertRotationService
from ..utils.errors import CAError
from ..utils.time import utcnow

logger = logging.getLogger(__name__)


class CertRotator:
    def __init__(
        self,
        session_factory: async_sessionmaker,
        ca: CAClient,
        rotation: CertRotationService,
        window_days: int,
        concurrency: int,
    ) -> None:
        self._session_factory = session_factory
        self._ca = ca
        self._rotation = rotation
        self._window_days = window_days
        self._concurrency = concurrency

    async def run_once(self) -> int:
        cutoff = utcnow() + timedelta(days=self._window_days)
        async with self._session_factory() as session:
            expiring = await CertificateRepository(session).list_expiring(cutoff, limit=500)
            devices = await DeviceRepository(session).get_many([c.device_id for c in expiring])
            sites = {device.id: device.site_id for device in devices}
        due: list[Certificate] = []
        for cert in expiring:
            status = await self._ca.get_status(cert.serial)
            if status == "revoked":
                continue
            if self._rotation.days_left(cert) <= self._window_days:
                due.append(cert)

        slots = asyncio.Semaphore(self._concurrency)

        async def rotate_one(cert: Certificate) -> bool:
            async with slots:
                try:
                    return await self._rotation.rotate(cert.device_id, sites[cert.device_id]) is not None
                except CAError:
                    await self._mark_failed(cert.id)
                    return False

        results = await asyncio.gather(*(rotate_one(c) for c in due))
        rotated = sum(results)
        logger.info("certificate rotation pass: %d due, %d rotated", len(due), rotated)
        return rotated

    async def _mark_failed(self, cert_id: str) -> None:
        async with self._session_factory() as session:
            await CertificateRepository(session).set_status(cert_id, "rotation_failed")
            await session.commit()
