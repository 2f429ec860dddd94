from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass

import jwt
from fastapi import Depends, HTTPException, Header, status
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from docflow.config import get_settings
from docflow.db.engine import get_session
from docflow.db.models import Membership

API_TOKEN_ITERATIONS = 310_000


@dataclass(frozen=True)
class Principal:
    user_id: uuid.UUID
    email: str
    scopes: frozenset[str]


def decode_token(token: str) -> Principal:
    settings = get_settings()
    try:
        claims = jwt.decode(
            token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience
        )
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return Principal(
        user_id=uuid.UUID(claims["sub"]),
        email=claims.get("email", ""),
        scopes=frozenset(claims.get("scope", "").split()),
    )


def hash_api_token(token: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", token.encode(), salt, API_TOKEN_ITERATIONS)


def verify_api_token(token: str, salt: bytes, expected: bytes) -> bool:
    return hmac.compare_digest(hash_api_token(token, salt), expected)


async def current_principal(authorization: str = Header(default="")) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    return decode_token(token)


async def require_member(
    workspace_id: uuid.UUID,
    principal: Principal = Depends(current_principal),
    session: AsyncSession = Depends(get_session),
) -> Membership:
    membership = await session.scalar(
        select(Membership).where(
            Membership.workspace_id == workspace_id, Membership.user_id == principal.user_id
        )
    )
    if membership is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "not a member")
    return membership
