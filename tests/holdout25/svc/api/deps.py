"""FastAPI dependencies."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import jwt
from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.session import get_session
from svc.services.documents import DocumentService
from svc.services.payments import PaymentService
from svc.services.permits import PermitService
from svc.services.scheduling import SchedulingService

_PUBLIC_KEY_PATH = "/etc/permits/jwt_public.pem"


@dataclass(frozen=True, slots=True)
class Principal:
    subject_id: int
    email: str
    roles: frozenset[str]


@lru_cache(maxsize=1)
def _public_key() -> str:
    with open(_PUBLIC_KEY_PATH, encoding="utf-8") as fh:
        return fh.read()


def decode_token(token: str) -> Principal:
    claims = jwt.decode(token, _public_key(), algorithms=["RS256"], audience="permits-portal")
    return Principal(int(claims["sub"]), claims["email"], frozenset(claims.get("roles", [])))


def current_principal(authorization: str = Header(default="")) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing bearer token")
    try:
        return decode_token(token)
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc


def require_role(role: str):
    def _check(principal: Principal = Depends(current_principal)) -> Principal:
        if role not in principal.roles:
            raise HTTPException(status_code=403, detail="forbidden")
        return principal

    return _check


def permit_service(request: Request) -> PermitService:
    return request.app.state.permit_service


def document_service(request: Request) -> DocumentService:
    return request.app.state.document_service


def payment_service(request: Request) -> PaymentService:
    return request.app.state.payment_service


def scheduling_service(request: Request) -> SchedulingService:
    return request.app.state.scheduling_service


async def db_session(session: AsyncSession = Depends(get_session)) -> AsyncSession:
    return session
