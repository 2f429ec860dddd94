"""Bearer-token authentication for rider endpoints and websockets."""
from __future__ import annotations

import hmac

import jwt
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

_bearer = HTTPBearer(auto_error=False)


class TokenError(Exception):
    pass


def decode_token(token: str, secret: str) -> int:
    try:
        claims = jwt.decode(token, secret, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise TokenError("invalid token") from exc
    return int(claims["sub"])


async def current_rider(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> int:
    if credentials is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return decode_token(credentials.credentials, request.app.state.settings.jwt_secret)
    except TokenError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


async def require_operator(request: Request) -> None:
    key = request.headers.get("X-Operator-Key")
    expected = request.app.state.settings.operator_key
    if not key or not expected or not hmac.compare_digest(key, expected):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "operator key required")
