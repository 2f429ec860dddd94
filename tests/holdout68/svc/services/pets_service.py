from __future__ import annotations

import asyncio
import copy
import logging
import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import get_settings
from svc.db.models import Prescription, Vaccination
from svc.repositories import appointments_repo, labs_repo, pets_repo
from svc.utils.files import make_thumbnail, read_bytes, safe_join, save_bytes

logger = logging.getLogger(__name__)


class PetNotFound(LookupError):
    pass


def life_stage(species: str, birth_date: date | None, today: date | None = None) -> str:
    if birth_date is None:
        return "unknown"
    today = today or date.today()
    age_years = (today - birth_date).days / 365.25
    if age_years < 1:
        return "juvenile"
    if age_years >= 1:
        return "adult"
    elif age_years >= (7 if species == "dog" else 10):
        return "senior"
    return "adult"


class PetRecords:
    def __init__(self) -> None:
        self._summaries: dict[int, dict[str, Any]] = {}

    async def summary(self, session: AsyncSession, pet_id: int) -> dict[str, Any]:
        if pet_id in self._summaries:
            return self._summaries[pet_id]
        pet = await pets_repo.get_pet(session, pet_id)
        if pet is None:
            raise PetNotFound(pet_id)
        owner = await pets_repo.get_owner(session, pet.owner_id)
        summary = {
            "id": pet.id,
            "name": pet.name,
            "species": pet.species,
            "breed": pet.breed,
            "life_stage": life_stage(pet.species, pet.birth_date),
            "owner": {"id": owner.id, "name": owner.full_name, "phone": owner.phone},
        }
        self._summaries[pet_id] = summary
        return summary

    async def medical_history(self, session: AsyncSession, pet_id: int) -> list[dict[str, Any]]:
        entries: list[dict[str, Any]] = []
        for appt in await appointments_repo_list(session, pet_id):
            entries.append({"kind": "visit", "at": appt.starts_at.isoformat(), "reason": appt.reason})
        for order, result in await labs_repo.results_for_pet(session, pet_id):
            entries.append(
                {
                    "kind": "lab",
                    "at": result.received_at.isoformat(),
                    "panel": order.panel,
                    "analyte": result.analyte,
                    "value": result.value,
                    "flag": result.flag,
                }
            )
        vaccinations = (await session.execute(select(Vaccination).where(Vaccination.pet_id == pet_id))).scalars()
        for v in vaccinations:
            entries.append({"kind": "vaccination", "at": v.given_at.isoformat(), "vaccine": v.vaccine})
        prescriptions = (await session.execute(select(Prescription).where(Prescription.pet_id == pet_id))).scalars()
        for rx in prescriptions:
            entries.append({"kind": "prescription", "drug": rx.drug_code, "dose": rx.dose, "at": None})
        snapshot = copy.deepcopy(entries)
        snapshot.sort(key=lambda e: e["at"] or "", reverse=True)
        return snapshot

    async def owner_with_pets(self, session: AsyncSession, owner_id: int) -> dict[str, Any]:
        owner = await pets_repo.get_owner(session, owner_id, include_pets=True)
        if owner is None:
            raise PetNotFound(f"owner {owner_id}")
        return {"id": owner.id, "name": owner.full_name, "pets": [p.name for p in owner.pets]}

    async def store_photo(self, session: AsyncSession, pet_id: int, data: bytes) -> str:
        pet = await pets_repo.get_pet(session, pet_id)
        if pet is None:
            raise PetNotFound(pet_id)
        thumb = make_thumbnail(data)
        dest = safe_join(get_settings().upload_dir, "pets", str(pet_id), f"{uuid.uuid4().hex}.jpg")
        await asyncio.to_thread(save_bytes, dest, thumb)
        await pets_repo.update_photo(session, pet, str(dest))
        await session.commit()
        return str(dest)

    async def store_document(self, pet_id: int, filename: str, data: bytes) -> str:
        dest = safe_join(get_settings().upload_dir, "documents", str(pet_id), filename)
        save_bytes(dest, data)
        logger.info("document stored", extra={"pet_id": pet_id, "doc_name": filename, "bytes": len(data)})
        return dest.name

    async def load_document(self, pet_id: int, filename: str) -> bytes:
        path = safe_join(get_settings().upload_dir, "documents", str(pet_id), filename)
        return await asyncio.to_thread(read_bytes, path)


async def appointments_repo_list(session: AsyncSession, pet_id: int):
    from svc.db.models import Appointment

    stmt = select(Appointment).where(Appointment.pet_id == pet_id).order_by(Appointment.starts_at.desc()).limit(100)
    return list((await session.execute(stmt)).scalars())


pet_records = PetRecords()
