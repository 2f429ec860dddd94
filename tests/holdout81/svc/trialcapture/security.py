from __future__ import annotations

from dataclasses import dataclass

import jwt
from fastapi import Depends, Header, HTTPException

from .cache.redis import JsonCache
from .repositories.studies import StudyRepository
from .settings import Settings, get_settings


@dataclass(frozen=True)
class CurrentUser:
    id: str
    role: str  # investigator | coordinator | monitor | sponsor | admin
    site_ids: frozenset[int]
    email: str


def decode_token(token: str, settings: Settings) -> CurrentUser:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience)
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc
    return CurrentUser(
        id=claims["sub"],
        role=claims.get("role", "coordinator"),
        site_ids=frozenset(int(s) for s in claims.get("sites", ())),
        email=claims.get("email", ""),
    )


def user_from_ws_token(token: str | None, settings: Settings) -> CurrentUser | None:
    if not token:
        return None
    try:
        return decode_token(token, settings)
    except HTTPException:
        return None


async def current_user(
    authorization: str = Header(...),
    settings: Settings = Depends(get_settings),
) -> CurrentUser:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="bearer token required")
    return decode_token(token, settings)


async def require_study_access(study_id: int, user: CurrentUser, cache: JsonCache, studies: StudyRepository) -> None:
    if user.role in ("sponsor", "admin"):
        return
    cache_key = f"edc:access:{study_id}:{user.role}"
    allowed = await cache.get(cache_key)
    if allowed is None:
        sites = await studies.list_sites(study_id)
        allowed = any(site.id in user.site_ids for site in sites)
        await cache.set(cache_key, allowed, ttl=300)
    if not allowed:
        raise HTTPException(status_code=403, detail="no access to this study")


def require_site(site_id: int, user: CurrentUser) -> None:
    if user.role not in ("sponsor", "admin", "monitor") and site_id not in user.site_ids:
        raise HTTPException(status_code=403, detail="no access to this site")
