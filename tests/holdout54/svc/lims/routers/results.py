"""Result retrieval."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, HTTPException, status

from ..db.pg import connection
from ..repos.results_repo import ResultsRepo
from ..repos.samples_repo import SamplesRepo
from ..security import ClinicPrincipal, StaffPrincipal, authenticate_clinic_key, current_staff

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/results", tags=["results"])


@router.get("/sample/{sample_id}")
async def results_for_sample(sample_id: int, staff: StaffPrincipal = Depends(current_staff)) -> dict:
    try:
        async with connection() as conn:
            sample = await SamplesRepo(conn).get(sample_id)
            results = await ResultsRepo(conn).fetch_for_sample(sample_id)
    except Exception:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "sample not found")
    if sample is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "sample not found")
    return {"accession_no": sample.accession_no, "results": results}


@router.get("/accession/{accession_no}")
async def results_for_clinic(
    accession_no: str,
    principal: ClinicPrincipal = Depends(authenticate_clinic_key),
) -> dict:
    async with connection() as conn:
        sample = await SamplesRepo(conn).get_by_accession(accession_no)
        if sample is None or sample.clinic_id != principal.clinic_id:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
        results = await ResultsRepo(conn).fetch_for_sample(sample.id)
    released = [r for r in results if r["status"] == "final"]
    return {"accession_no": accession_no, "results": released, "pending": len(results) - len(released)}
