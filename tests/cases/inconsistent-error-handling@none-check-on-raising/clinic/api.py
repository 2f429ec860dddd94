from fastapi import APIRouter, Depends, HTTPException

from clinic.service import PatientService

router = APIRouter()


def service() -> PatientService:
    raise NotImplementedError


@router.get("/patients/{patient_id}")
async def show(patient_id: int, svc: PatientService = Depends(service)) -> dict:
    patient = await svc.patient(patient_id)
    if patient is None:  # expect: inconsistent-error-handling
        raise HTTPException(404, "patient not found")
    return {"id": patient.id, "name": patient.name}


@router.get("/patients/{patient_id}/card")
async def card(patient_id: int, svc: PatientService = Depends(service)) -> dict:
    # look-alikes: the lookup that returns None, and the raising one caught where it is called
    patient = await svc.maybe_patient(patient_id)
    if patient is None:
        raise HTTPException(404, "patient not found")
    try:
        again = await svc.patient(patient_id)
    except LookupError:
        raise HTTPException(404, "patient not found") from None
    if again is None:
        raise HTTPException(500, "inconsistent")
    return {"id": patient.id}
