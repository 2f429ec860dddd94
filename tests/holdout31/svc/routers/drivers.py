"""Driver account: PIN, charging cards, wallet."""
from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.repositories.drivers import TokenRepository
from svc.deps import current_driver_id, get_db
from svc.errors import AuthorizationError
from svc.services.drivers import DriverService

router = APIRouter(prefix="/v1/drivers/me", tags=["drivers"])


class PinIn(BaseModel):
    pin: str = Field(pattern=r"^\d{4,8}$")


class TokenIn(BaseModel):
    uid: str = Field(pattern=r"^[0-9A-Fa-f]{8,20}$")


class TokenOut(BaseModel):
    id: int
    uid: str
    status: str


@router.put("/pin", status_code=204)
async def set_pin(body: PinIn, driver_id: int = Depends(current_driver_id), db: AsyncSession = Depends(get_db)) -> None:
    await DriverService(db).set_pin(driver_id, body.pin)


@router.post("/unlock")
async def unlock_with_pin(
    body: PinIn, driver_id: int = Depends(current_driver_id), db: AsyncSession = Depends(get_db)
) -> dict[str, bool]:
    if not await DriverService(db).verify_pin(driver_id, body.pin):
        raise AuthorizationError("wrong PIN")
    return {"unlocked": True}


@router.post("/tokens", status_code=201, response_model=TokenOut)
async def register_token(
    body: TokenIn, driver_id: int = Depends(current_driver_id), db: AsyncSession = Depends(get_db)
) -> TokenOut:
    token = await TokenRepository(db).register(driver_id, body.uid)
    return TokenOut(id=token.id, uid=token.uid, status=token.status)
