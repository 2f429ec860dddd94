"""Owner and pet endpoints, including the owner-portal login."""
from __future__ import annotations

import asyncio
import secrets

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.deps import Staff, current_staff, db
from svc.redis_client import get_redis
from svc.repositories.patients import PatientRepository
from svc.schemas import PortalLoginIn
from svc.utils.hashing import hash_pin, verify_pin

router = APIRouter(tags=["patients"])

PORTAL_SESSION_TTL = 3600

_owner_by_phone: dict[str, int] = {}


@router.get("/owners/search")
async def search(q: str, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    if len(q) < 2:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "query too short")
    owners = await PatientRepository(session).search_owners(q)
    return [{"id": o.id, "name": o.full_name, "email": o.email} for o in owners]


@router.get("/pets/{pet_id}")
async def get_pet(pet_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    pet = await PatientRepository(session).get_pet(pet_id)
    if pet is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "pet not found")
    return {"id": pet.id, "name": pet.name, "species": pet.species, "breed": pet.breed}


@router.get("/pets/by-chip/{chip}")
async def by_chip(chip: str, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    pet = await PatientRepository(session).by_microchip(chip)
    if pet is None:
        return {"error": "no pet with that microchip"}
    return {"id": pet.id, "name": pet.name, "owner_id": pet.owner_id}


@router.get("/owners/{owner_id}/pets")
async def owner_pets(owner_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    pets = await PatientRepository(session).pets_for_owner(owner_id)
    return [{"id": p.id, "name": p.name, "species": p.species} for p in pets]


@router.post("/portal/login")
async def portal_login(body: PortalLoginIn, session: AsyncSession = Depends(db)):
    owner = await PatientRepository(session).owner_by_email(body.email)
    stored = await get_redis().get(f"portal-pin:{owner.id}") if owner else None
    if not stored or not verify_pin(body.pin, stored):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid email or PIN")
    token = secrets.token_urlsafe(32)
    await get_redis().set(f"portal-session:{token}", owner.id, ex=PORTAL_SESSION_TTL)
    return {"token": token}


@router.post("/portal/pin")
async def set_pin(body: PortalLoginIn, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    owner = await PatientRepository(session).owner_by_email(body.email)
    if owner is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "owner not found")
    hashed = await asyncio.to_thread(hash_pin, body.pin)
    await get_redis().set(f"portal-pin:{owner.id}", hashed)
    return {"ok": True}


@router.post("/sms/inbound")
async def inbound_sms(payload: dict, session: AsyncSession = Depends(db)):
    phone = payload.get("from", "")
    owner_id = _owner_by_phone.get(phone)
    if owner_id is None:
        owner = await PatientRepository(session).search_owners(phone, limit=1)
        if not owner:
            return {"handled": False}
        owner_id = owner[0].id
        _owner_by_phone[phone] = owner_id
    await get_redis().lpush(f"sms-replies:{owner_id}", payload.get("text", ""))
    return {"handled": True}
