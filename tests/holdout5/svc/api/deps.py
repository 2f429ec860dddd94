from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.geo import DriverGeoIndex
from svc.cache.redis import cache
from svc.db.engine import get_session
from svc.services.auth import AuthError, decode_token
from svc.services.fares import FareService
from svc.services.matcher import Matcher
from svc.services.rides import RideService
from svc.services.surge import SurgeService

geo_index = DriverGeoIndex(cache)
surge_service = SurgeService(cache, geo_index)
fare_service = FareService(cache, surge_service)
matcher = Matcher(geo_index)
ride_service = RideService(fare_service, matcher, surge_service)

SessionDep = Annotated[AsyncSession, Depends(get_session)]


def _claims(authorization: str) -> dict[str, str]:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return decode_token(token)
    except AuthError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc)) from exc


def current_rider_id(authorization: Annotated[str, Header()] = "") -> int:
    claims = _claims(authorization)
    if claims.get("role") != "rider":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "riders only")
    return int(claims["sub"])


def current_driver_id(authorization: Annotated[str, Header()] = "") -> int:
    claims = _claims(authorization)
    if claims.get("role") != "driver":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "drivers only")
    return int(claims["sub"])


def require_admin(authorization: Annotated[str, Header()] = "") -> str:
    claims = _claims(authorization)
    if claims.get("role") != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
    return claims["sub"]


RiderId = Annotated[int, Depends(current_rider_id)]
DriverId = Annotated[int, Depends(current_driver_id)]
AdminUser = Annotated[str, Depends(require_admin)]
