from __future__ import annotations

import asyncio
import logging
import uuid

import aiohttp
from sqlalchemy.ext.asyncio import AsyncSession

from glide.clients.maps import MapsClient
from glide.clients.storage import ObjectStorage
from glide.errors import Conflict, NotFound
from glide.models import DamageReport, VehicleStatus
from glide.repositories.fines import FineRepository
from glide.repositories.vehicles import VehicleRepository
from glide.services.notifications import Notifier
from glide.services.photos import prepare_upload

log = logging.getLogger(__name__)

SEVERE_KEYWORDS = ("brake", "smoke", "fire", "battery", "wheel")


class DamageService:
    def __init__(
        self, session: AsyncSession, storage: ObjectStorage, maps: MapsClient, notifier: Notifier | None = None
    ) -> None:
        self._s = session
        self._notifier = notifier
        self._storage = storage
        self._maps = maps
        self._vehicles = VehicleRepository(session)
        self._reports = FineRepository(session)

    async def triage(self, report_id: uuid.UUID, severity: str, operator: str) -> DamageReport:
        report = await self._s.get(DamageReport, report_id)
        if report is None:
            raise NotFound("report not found")
        if severity not in ("minor", "severe", "invalid"):
            raise Conflict("unknown severity", code="bad_severity")
        report.severity = severity
        vehicle = await self._vehicles.get(report.vehicle_id)
        if vehicle is not None:
            if severity == "severe":
                vehicle.status = VehicleStatus.MAINTENANCE
            elif vehicle.status == VehicleStatus.MAINTENANCE:
                vehicle.status = VehicleStatus.AVAILABLE
        await self._s.commit()
        log.info("operator %s triaged report %s as %s", operator, report_id, severity)
        return report

    async def report(
        self, reporter_id: uuid.UUID, vehicle_id: uuid.UUID, description: str, photo: bytes | None
    ) -> DamageReport:
        vehicle = await self._vehicles.get(vehicle_id)
        if vehicle is None:
            raise NotFound("vehicle not found")
        severity = "severe" if any(k in description.lower() for k in SEVERE_KEYWORDS) else "minor"
        report = DamageReport(
            vehicle_id=vehicle_id, reporter_id=reporter_id, description=description[:2000], severity=severity
        )
        if photo:
            full, thumb = await prepare_upload(photo)
            base = f"damage/{vehicle_id}/{uuid.uuid4().hex}"
            report.photo_key = await self._storage.put(f"{base}.jpg", full, "image/jpeg")
            report.thumbnail_key = await self._storage.put(f"{base}_t.jpg", thumb, "image/jpeg")
        try:
            async with asyncio.timeout(2):
                location = await self._maps.reverse_geocode(vehicle.lat, vehicle.lon)
        except (aiohttp.ClientError, TimeoutError):
            log.info("geocode unavailable for damage report on %s", vehicle.qr_code)
            location = ""
        if location:
            report.description = f"{report.description}\n[{location}]"
        if severity == "severe":
            vehicle.status = VehicleStatus.MAINTENANCE
        await self._reports.add_damage_report(report)
        await self._s.commit()
        if self._notifier is not None:
            await self._notifier.damage_acknowledged(reporter_id, vehicle.qr_code)
        return report
