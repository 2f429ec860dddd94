"""Clinic-facing accessioning endpoints."""
from __future__ import annotations

import logging
from datetime import date, datetime

from fastapi import APIRouter, Depends, HTTPException, status
from pydantic import BaseModel, Field

from ..repos.samples_repo import DuplicateAccession
from ..security import ClinicPrincipal, authenticate_clinic_key
from ..services.accession_service import AccessionService
from . import accession_service

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/accessions", tags=["accessioning"])


class AccessionIn(BaseModel):
    order_id: int
    patient_mrn: str = Field(min_length=1, max_length=32)
    patient_name: str = Field(min_length=1, max_length=200)
    patient_dob: date
    specimen_type: str
    collected_at: datetime
    panels: list[str] = Field(default_factory=list, max_length=20)
    printer: str = "intake-1"


class AccessionOut(BaseModel):
    sample_id: int
    accession_no: str


class ManifestIn(BaseModel):
    items: list[AccessionIn] = Field(min_length=1, max_length=100)
    printer: str = "intake-1"


@router.post("", response_model=AccessionOut, status_code=status.HTTP_201_CREATED)
async def create_accession(
    body: AccessionIn,
    principal: ClinicPrincipal = Depends(authenticate_clinic_key),
    service: AccessionService = Depends(accession_service),
) -> AccessionOut:
    payload = body.model_dump(exclude={"printer"})
    try:
        sample = await service.accession(principal.clinic_id, payload, body.printer, f"clinic:{principal.clinic_id}")
    except DuplicateAccession as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "accession number collision, retry") from exc
    except Exception as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, f"could not accession sample: {exc}")
    return AccessionOut(sample_id=sample.id, accession_no=sample.accession_no)


@router.post("/manifest")
async def create_manifest(
    body: ManifestIn,
    principal: ClinicPrincipal = Depends(authenticate_clinic_key),
    service: AccessionService = Depends(accession_service),
) -> dict:
    items = [item.model_dump(exclude={"printer"}) for item in body.items]
    return await service.accession_manifest(principal.clinic_id, items, body.printer, f"clinic:{principal.clinic_id}")
