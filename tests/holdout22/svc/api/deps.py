"""Shared FastAPI dependencies."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

import jwt
from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.db.engine import get_session
from svc.services.applications import ApplicationService
from svc.services.documents import DocumentService
from svc.services.listings import ListingService
from svc.services.screening import ScreeningService


@dataclass(frozen=True)
class CurrentUser:
    id: UUID
    role: str


def signing_key() -> str:
    with open(settings.jwt_public_key_path, encoding="utf-8") as fh:
        return fh.read()


def current_user(
    authorization: Annotated[str, Header()],
    key: Annotated[str, Depends(signing_key)],
) -> CurrentUser:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing bearer token")
    try:
        claims = jwt.decode(token, key, algorithms=["RS256"], audience="rentals")
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=401, detail="invalid token") from exc
    return CurrentUser(id=UUID(claims["sub"]), role=claims.get("role", "tenant"))


def landlord(user: Annotated[CurrentUser, Depends(current_user)]) -> CurrentUser:
    if user.role != "landlord":
        raise HTTPException(status_code=403, detail="landlord account required")
    return user


def screening_service(request: Request) -> ScreeningService:
    return request.app.state.screening


def application_service(request: Request) -> ApplicationService:
    return request.app.state.applications


def document_service(request: Request) -> DocumentService:
    return request.app.state.documents


def listing_service(request: Request) -> ListingService:
    return request.app.state.listings


Session = Annotated[AsyncSession, Depends(get_session)]
User = Annotated[CurrentUser, Depends(current_user)]
Landlord = Annotated[CurrentUser, Depends(landlord)]
