"""Staff tokens: decoding that reports failure as None, and a variant that raises."""
from __future__ import annotations

import jwt

SECRET = "change-me"


def staff_id_from(token: str | None) -> int | None:
    if not token:
        return None
    try:
        return int(jwt.decode(token, SECRET, algorithms=["HS256"])["sub"])
    except (jwt.PyJWTError, KeyError, ValueError):
        return None


def require_staff(token: str) -> int:
    return int(jwt.decode(token, SECRET, algorithms=["HS256"])["sub"])
