from __future__ import annotations

import asyncio
import hashlib
import logging
import secrets
import uuid

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import BaseModel, EmailStr

from ..config import settings
from ..deps import current_carrier, get_services
from ..errors import CarrierNotFound, Conflict
from ..models import Carrier
from ..repositories.bids import BidRepository
from ..repositories.carriers import CarrierRepository

log = logging.getLogger(__name__)

router = APIRouter(prefix="/carriers", tags=["carriers"])


class CarrierSignup(BaseModel):
    legal_name: str
    dot_number: str
    mc_number: str | None = None
    dispatch_email: EmailStr
    password: str


def _hash_password(password: str, salt: bytes) -> str:
    return salt.hex() + "$" + hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1).hex()


@router.post("", status_code=201)
async def register(body: CarrierSignup, services=Depends(get_services)):
    async with services.sessions() as session, session.begin():
        repo = CarrierRepository(session)
        if await repo.by_dot(body.dot_number) is not None:
            raise Conflict("carrier already registered")
        authority = await services.fmcsa.get_authority(body.dot_number)
        if not authority.allowed_to_operate:
            raise Conflict("carrier is not authorised to operate")
        password_hash = await asyncio.to_thread(_hash_password, body.password, secrets.token_bytes(16))
        carrier = Carrier(
            legal_name=body.legal_name,
            dot_number=body.dot_number,
            mc_number=body.mc_number,
            dispatch_email=body.dispatch_email,
            authority_active=True,
            password_hash=password_hash,
        )
        repo.add(carrier)
    return {"id": carrier.id}


@router.get("/by-mc/{mc_number}")
async def by_mc(mc_number: str, services=Depends(get_services)):
    async with services.sessions() as session:
        carrier = await CarrierRepository(session).by_mc_number(mc_number)
    if carrier is None:
        raise CarrierNotFound(f"no carrier with MC {mc_number}")
    return {"id": carrier.id, "legal_name": carrier.legal_name, "dot_number": carrier.dot_number}


@router.post("/{carrier_id}/compliance-check")
async def compliance_check(carrier_id: uuid.UUID, services=Depends(get_services)):
    async with services.sessions() as session:
        carrier = await CarrierRepository(session).get(carrier_id)
    if carrier is None:
        raise CarrierNotFound(str(carrier_id))
    try:
        result = await services.compliance.check_carrier(carrier)
        await services.compliance.save_results([result])
    except Exception:
        return JSONResponse(status_code=400, content={"error": "compliance check failed"})
    return {"authority_active": result.authority_active, "insured": result.insured,
            "insurance_expires_at": result.insurance_expires_at}


@router.get("/me/bids")
async def my_bids(carrier: Carrier = Depends(current_carrier), services=Depends(get_services)):
    async with services.sessions() as session:
        bids = await BidRepository(session).list_for_carrier(carrier.id)
    return [{"id": b.id, "load_id": b.load_id, "amount_cents": b.amount_cents, "status": b.status} for b in bids]


@router.get("/me/settings")
async def my_settings(carrier: Carrier = Depends(current_carrier)):
    return {"factoring": bool(carrier.factoring_account_id), "portal": settings.environment}
