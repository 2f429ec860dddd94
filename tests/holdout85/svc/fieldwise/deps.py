from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import jwt
from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.auth import decode_token
from fieldwise.db.engine import SessionFactory


@dataclass(frozen=True)
class Principal:
    user_id: int
    farm_ids: frozenset[int]

    def can_access(self, farm_id: int) -> bool:
        return farm_id in self.farm_ids


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


def principal_from_token(token: str) -> Principal:
    claims = decode_token(token)
    return Principal(user_id=int(claims["sub"]), farm_ids=frozenset(int(f) for f in claims.get("farms", [])))


async def current_principal(authorization: str = Header(default="")) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return principal_from_token(token)
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


def require_farm(farm_id: int, principal: Principal = Depends(current_principal)) -> Principal:
    if not principal.can_access(farm_id):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "no access to farm")
    return principal


def services(request: Request):
    return request.app.state.services
