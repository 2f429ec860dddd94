from __future__ import annotations

from dataclasses import dataclass

import jwt
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from dispatch.utils.security import decode_token

_bearer = HTTPBearer(auto_error=True)


@dataclass(frozen=True, slots=True)
class Principal:
    id: int
    role: str
    city: str | None = None


def current_principal(creds: HTTPAuthorizationCredentials = Depends(_bearer)) -> Principal:
    try:
        claims = decode_token(creds.credentials)
    except jwt.ExpiredSignatureError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "token expired") from exc
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return Principal(id=int(claims["sub"]), role=claims["role"], city=claims.get("city"))


def require_role(role: str):
    def checker(principal: Principal = Depends(current_principal)) -> Principal:
        if principal.role != role:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"{role} only")
        return principal

    return checker


current_rider = require_role("rider")
current_driver = require_role("driver")
current_admin = require_role("admin")


def state(request: Request):
    return request.app.state
