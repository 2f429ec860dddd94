"""FastAPI dependencies."""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import jwt
from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from .container import Container
from .repositories.customers import RecipientRepository, SenderRepository
from .repositories.quotes import QuoteRepository
from .repositories.screening import ScreeningRepository
from .repositories.transfers import TransferRepository
from .services.transfers import Repos


def get_container(request: Request) -> Container:
    return request.app.state.container


async def get_session(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.sessions() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


def get_repos(session: AsyncSession = Depends(get_session)) -> Repos:
    return Repos(
        senders=SenderRepository(session),
        recipients=RecipientRepository(session),
        quotes=QuoteRepository(session),
        transfers=TransferRepository(session),
        screening=ScreeningRepository(session),
    )


def decode_token(token: str, secret: str, audience: str = "sender-app") -> dict | None:
    try:
        return jwt.decode(token, secret, algorithms=["HS256"], audience=audience)
    except jwt.PyJWTError:
        return None


def current_sender(
    authorization: str = Header(...), container: Container = Depends(get_container)
) -> uuid.UUID:
    scheme, _, token = authorization.partition(" ")
    claims = decode_token(token, container.settings.jwt_secret) if scheme.lower() == "bearer" else None
    if claims is None:
        raise HTTPException(status_code=401, detail="invalid credentials")
    return uuid.UUID(claims["sub"])


def current_analyst(
    authorization: str = Header(...), container: Container = Depends(get_container)
) -> str:
    _, _, token = authorization.partition(" ")
    claims = decode_token(token, container.settings.jwt_secret, container.settings.ops_ws_token_audience)
    if claims is None or "compliance" not in claims.get("roles", []):
        raise HTTPException(status_code=403, detail="compliance role required")
    return claims["sub"]
