from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from adbid.auth import current_advertiser
from adbid.db.engine import get_session
from adbid.db.models import Advertiser
from adbid.schemas import AdvertiserOut, AdvertiserSignup
from adbid.services.advertiser_service import AdvertiserService, EmailTaken, UnsupportedCurrency

router = APIRouter(prefix="/v1/advertisers", tags=["advertisers"])


@router.post("", status_code=status.HTTP_201_CREATED)
async def signup(body: AdvertiserSignup, session: AsyncSession = Depends(get_session)) -> dict:
    try:
        advertiser, api_key = await AdvertiserService(session).signup(body)
    except EmailTaken as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, "email already registered") from exc
    except UnsupportedCurrency as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, f"unsupported currency {exc}") from exc
    return {"advertiser": AdvertiserOut.model_validate(advertiser, from_attributes=True).model_dump(),
            "api_key": api_key}


@router.get("/me", response_model=AdvertiserOut)
async def me(advertiser: Advertiser = Depends(current_advertiser)) -> Advertiser:
    return advertiser


@router.post("/me/rotate-key")
async def rotate_key(
    advertiser: Advertiser = Depends(current_advertiser),
    session: AsyncSession = Depends(get_session),
) -> dict:
    api_key = await AdvertiserService(session).rotate_key(advertiser)
    return {"api_key": api_key}
