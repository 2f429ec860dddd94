from __future__ import annotations

from dataclasses import dataclass

import jwt

from .settings import Settings


@dataclass(frozen=True)
class Claims:
    subject: str
    site_id: int
    roles: frozenset[str]


def decode_token(token: str, settings: Settings) -> Claims | None:
    try:
        data = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"], audience=settings.jwt_audience)
    except jwt.PyJWTError:
        return None
    return Claims(subject=str(data["sub"]), site_id=int(data["site"]), roles=frozenset(data.get("roles", ())))
