from __future__ import annotations

from fastapi import APIRouter, Depends, File, HTTPException, UploadFile
from fastapi.responses import Response

from svc.deps import SessionDep, StaffDep, services
from svc.repositories import pets_repo
from svc.services.pets_service import PetNotFound

router = APIRouter(prefix="/pets", tags=["pets"])

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_DOC_BYTES = 20 * 1024 * 1024


@router.get("/owners/search")
async def search_owners(q: str, session: SessionDep, staff: StaffDep) -> list[dict]:
    if len(q) < 2:
        raise HTTPException(422, "search term too short")
    owners = await pets_repo.search_owners(session, q)
    return [{"id": o.id, "name": o.full_name, "email": o.email, "phone": o.phone} for o in owners]


@router.get("/owners/{owner_id}")
async def owner_with_pets(owner_id: int, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> dict:
    try:
        return await svc.pets.owner_with_pets(session, owner_id)
    except PetNotFound as exc:
        raise HTTPException(404, "owner not found") from exc


@router.get("/by-microchip/{microchip}")
async def by_microchip(microchip: str, session: SessionDep, staff: StaffDep) -> dict:
    pet = await pets_repo.find_by_microchip(session, microchip)
    if pet is None:
        raise HTTPException(404, "no pet with that microchip")
    return {"id": pet.id, "name": pet.name, "owner_id": pet.owner_id}


@router.get("/{pet_id}")
async def pet_summary(pet_id: int, session: SessionDep, svc=Depends(services)) -> dict:
    try:
        return await svc.pets.summary(session, pet_id)
    except PetNotFound as exc:
        raise HTTPException(404, "pet not found") from exc


@router.get("/{pet_id}/history")
async def history(pet_id: int, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> list[dict]:
    return await svc.pets.medical_history(session, pet_id)


@router.put("/{pet_id}/photo")
async def upload_photo(pet_id: int, session: SessionDep, photo: UploadFile = File(...), svc=Depends(services)) -> dict:
    data = await photo.read()
    if len(data) > MAX_PHOTO_BYTES:
        raise HTTPException(413, "photo too large")
    try:
        path = await svc.pets.store_photo(session, pet_id, data)
    except PetNotFound as exc:
        raise HTTPException(404, "pet not found") from exc
    return {"photo": path}


@router.post("/{pet_id}/documents")
async def upload_document(pet_id: int, staff: StaffDep, doc: UploadFile = File(...), svc=Depends(services)) -> dict:
    data = await doc.read()
    if len(data) > MAX_DOC_BYTES:
        raise HTTPException(413, "document too large")
    name = await svc.pets.store_document(pet_id, doc.filename or "upload.bin", data)
    return {"document": name}


@router.get("/{pet_id}/documents/{name}")
async def download_document(pet_id: int, name: str, staff: StaffDep, svc=Depends(services)) -> Response:
    try:
        body = await svc.pets.load_document(pet_id, name)
    except (FileNotFoundError, ValueError) as exc:
        raise HTTPException(404, "document not found") from exc
    return Response(body, media_type="application/octet-stream")
