"""Pet medical records: timeline, notes, exports."""
from __future__ import annotations

import copy
import json
import logging
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import MedicalRecord
from svc.repositories.appointments import AppointmentRepository
from svc.repositories.labs import LabRepository
from svc.repositories.patients import PatientRepository
from svc.services import audit

log = logging.getLogger(__name__)


class PetNotFound(LookupError):
    pass


def _record_dict(r: MedicalRecord) -> dict[str, Any]:
    return {
        "id": r.id,
        "kind": r.kind,
        "recorded_at": r.recorded_at.isoformat(),
        "summary": r.summary,
        "body": r.body,
    }


async def timeline(session: AsyncSession, actor: str, pet_id: int) -> dict[str, Any]:
    patients = PatientRepository(session)
    pet = await patients.get_pet(pet_id)
    if pet is None:
        raise PetNotFound(pet_id)
    await audit.record_access(actor, pet_id, "timeline")
    records = await patients.records_for_pet(pet_id)
    visits = await AppointmentRepository(session).history_for_pet(pet_id)
    return {
        "pet": {"id": pet.id, "name": pet.name, "species": pet.species},
        "records": [_record_dict(r) for r in records],
        "visits": [{"id": v.id, "at": v.starts_at.isoformat(), "status": v.status} for v in visits],
    }


async def add_note(session: AsyncSession, actor: str, pet_id: int, vet_id: int, summary: str, body: dict) -> int:
    patients = PatientRepository(session)
    record = MedicalRecord(
        pet_id=pet_id,
        vet_id=vet_id,
        recorded_at=datetime.now(timezone.utc),
        kind="note",
        summary=summary,
        body=body,
    )
    await patients.add_record(record)
    await session.commit()
    audit.record_access(actor, pet_id, "add-note")
    return record.id


async def records_since(session: AsyncSession, pet_id: int, since: datetime) -> list[dict[str, Any]]:
    patients = PatientRepository(session)
    rows = await patients.records_for_pet(pet_id, since=since)
    return [_record_dict(r) for r in rows]


async def export_history(session: AsyncSession, actor: str, pet_id: int) -> str:
    patients = PatientRepository(session)
    labs = LabRepository(session)
    await audit.record_access(actor, pet_id, "export")
    records = [_record_dict(r) for r in await patients.records_for_pet(pet_id, limit=1000)]
    snapshot = copy.deepcopy(records)
    lab_section = []
    for order in await labs.orders_for_pet(pet_id):
        results = await labs.results_for_order(order.id)
        lab_section.append(
            {
                "panel": order.panel,
                "ordered_at": order.ordered_at.isoformat(),
                "results": [{"analyte": x.analyte, "value": x.value, "unit": x.unit, "flag": x.flag} for x in results],
            }
        )
    return json.dumps({"pet_id": pet_id, "records": snapshot, "labs": lab_section})


async def weight_history(session: AsyncSession, pet_id: int) -> list[tuple[str, float]]:
    records = await PatientRepository(session).records_for_pet(pet_id, limit=500)
    points = [
        (r.recorded_at.date().isoformat(), float(r.body["weight_kg"]))
        for r in records
        if r.kind == "exam" and "weight_kg" in r.body
    ]
    points.sort()
    return points


VACCINE_INTERVALS_DAYS: dict[str, dict[str, int]] = {
    "dog": {"DHPP": 365, "rabies": 1095, "leptospirosis": 365, "kennel-cough": 365},
    "cat": {"FVRCP": 365, "rabies": 1095, "FeLV": 365},
    "rabbit": {"RHDV2": 365, "myxomatosis": 365},
}


def vaccinations_due(species: str, last_given: dict[str, datetime], as_of: datetime) -> list[dict[str, Any]]:
    """Which vaccines are due (or overdue) for a pet, given when each was last given."""
    schedule = VACCINE_INTERVALS_DAYS.get(species.lower(), {})
    due = []
    for vaccine, interval in schedule.items():
        given = last_given.get(vaccine)
        if given is None:
            due.append({"vaccine": vaccine, "due": as_of.date().isoformat(), "overdue_days": 0, "never_given": True})
            continue
        due_at = given + timedelta(days=interval)
        if due_at <= as_of + timedelta(days=30):
            due.append(
                {
                    "vaccine": vaccine,
                    "due": due_at.date().isoformat(),
                    "overdue_days": max(0, (as_of - due_at).days),
                    "never_given": False,
                }
            )
    return sorted(due, key=lambda d: d["due"])


async def vaccination_status(session: AsyncSession, pet_id: int) -> list[dict[str, Any]]:
    patients = PatientRepository(session)
    pet = await patients.get_pet(pet_id)
    if pet is None:
        raise PetNotFound(pet_id)
    last_given: dict[str, datetime] = {}
    for r in await patients.records_for_pet(pet_id, limit=500):
        if r.kind != "vaccination":
            continue
        vaccine = r.body.get("vaccine")
        if vaccine and (vaccine not in last_given or r.recorded_at > last_given[vaccine]):
            last_given[vaccine] = r.recorded_at
    return vaccinations_due(pet.species, last_given, datetime.now(timezone.utc))
