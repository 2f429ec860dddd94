from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel

from dispensary.deps import ContainerDep, PharmacistDep, StaffDep

router = APIRouter(prefix="/patients", tags=["patients"])


class AllergyIn(BaseModel):
    substance_code: str
    reaction: str | None = None


class ContactIn(BaseModel):
    phone: str | None
    sms_opt_in: bool


@router.get("/search")
async def search(container: ContainerDep, staff: StaffDep, q: str = Query(min_length=2)) -> list[dict[str, Any]]:
    return await container.patients.search(q)


@router.get("/{patient_id}")
async def profile(patient_id: int, container: ContainerDep, staff: StaffDep) -> dict[str, Any]:
    return await container.patients.profile(patient_id)


@router.post("/{patient_id}/allergies", status_code=201)
async def add_allergy(
    patient_id: int, body: AllergyIn, container: ContainerDep, staff: PharmacistDep
) -> dict[str, int]:
    allergy_id = await container.patients.add_allergy(patient_id, body.substance_code, body.reaction)
    return {"allergy_id": allergy_id}


@router.put("/{patient_id}/contact", status_code=204)
async def update_contact(patient_id: int, body: ContactIn, container: ContainerDep, staff: StaffDep) -> None:
    await container.patients.update_contact(patient_id, body.phone, body.sms_opt_in)


@router.get("/{patient_id}/screen")
async def screen(
    patient_id: int, drug_code: str, container: ContainerDep, staff: PharmacistDep
) -> list[dict[str, Any]]:
    return await container.interactions.screen(patient_id, drug_code, override_by=staff.staff_id)


@router.get("/drugs/{drug_code}/monograph")
async def monograph(drug_code: str, container: ContainerDep, staff: StaffDep) -> dict[str, Any]:
    return await container.interactions.monograph(drug_code)
