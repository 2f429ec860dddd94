"""Medical record endpoints."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.deps import Staff, current_staff, db
from svc.schemas import NoteIn
from svc.services import records

router = APIRouter(prefix="/pets/{pet_id}/records", tags=["records"])


@router.get("")
async def timeline(pet_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    try:
        return await records.timeline(session, staff.user_id, pet_id)
    except records.PetNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "pet not found") from exc


@router.post("", status_code=status.HTTP_201_CREATED)
async def add_note(pet_id: int, body: NoteIn, session: AsyncSession = Depends(db),
                   staff: Staff = Depends(current_staff)):
    record_id = await records.add_note(session, staff.user_id, pet_id, body.vet_id, body.summary, body.body)
    return {"id": record_id}


@router.get("/export")
async def export(pet_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    payload = await records.export_history(session, staff.user_id, pet_id)
    return Response(payload, media_type="application/json",
                    headers={"Content-Disposition": f"attachment; filename=pet-{pet_id}.json"})


@router.get("/weights")
async def weights(pet_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    return await records.weight_history(session, pet_id)


@router.get("/vaccinations")
async def vaccinations(pet_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    try:
        return await records.vaccination_status(session, pet_id)
    except records.PetNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such pet") from exc
