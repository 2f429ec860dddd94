"""In-process caches for slowly changing reference data (clinics, practitioners)."""
from __future__ import annotations

from cachetools import TTLCache
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Clinic, Practitioner
from svc.errors import NotFound
from svc.schemas import ClinicOut, PractitionerOut


class ReferenceDirectory:
    """Reference data changes a few times a day; a short TTL per replica is acceptable."""

    def __init__(self) -> None:
        self._practitioners: TTLCache[int, list[PractitionerOut]] = TTLCache(maxsize=512, ttl=120)
        self._clinics: TTLCache[str, ClinicOut] = TTLCache(maxsize=256, ttl=600)

    async def practitioners_for_clinic(
        self, session: AsyncSession, clinic_id: int
    ) -> list[PractitionerOut]:
        cached = self._practitioners.get(clinic_id)
        if cached is not None:
            return cached
        result = await session.scalars(
            select(Practitioner)
            .where(Practitioner.clinic_id == clinic_id, Practitioner.active.is_(True))
            .order_by(Practitioner.name)
        )
        rows = [PractitionerOut.model_validate(p) for p in result]
        self._practitioners[clinic_id] = rows
        return rows

    async def clinic_by_slug(self, session: AsyncSession, slug: str) -> ClinicOut:
        hit = self._clinics.get(slug)
        if hit is not None:
            return hit
        clinic = await session.scalar(select(Clinic).where(Clinic.slug == slug))
        if clinic is None:
            raise NotFound(f"clinic {slug} not found")
        frozen = ClinicOut.model_validate(clinic)
        self._clinics[slug] = frozen
        return frozen

    def invalidate_clinic(self, clinic_id: int) -> None:
        self._practitioners.pop(clinic_id, None)


directory = ReferenceDirectory()
