from __future__ import annotations

import jwt


class InvalidToken(Exception):
    pass


def verify_token(token: str | None, secret: str, audience: str) -> dict:
    if not token:
        raise InvalidToken("missing token")
    try:
        return jwt.decode(token, secret, algorithms=["HS256"], audience=audience)
    except jwt.PyJWTError as exc:
        raise InvalidToken(str(exc)) from exc
