from __future__ import annotations

import base64
import hmac
import json
import time
from dataclasses import dataclass
from functools import lru_cache

from ..utils.crypto import board_token_digest


@dataclass(frozen=True)
class BoardUser:
    user_id: str
    role: str
    ward_ids: tuple[int, ...]
    expires_at: float


class InvalidToken(Exception):
    pass


@lru_cache(maxsize=None)
def _decode(token: str, secret: str) -> BoardUser:
    try:
        body_b64, digest = token.rsplit(".", 1)
        body = base64.urlsafe_b64decode(body_b64 + "==")
        claims = json.loads(body)
    except (ValueError, json.JSONDecodeError) as exc:
        raise InvalidToken("malformed token") from exc
    if not hmac.compare_digest(board_token_digest(secret, body_b64), digest):
        raise InvalidToken("bad signature")
    return BoardUser(claims["sub"], claims["role"], tuple(claims.get("wards", ())), float(claims["exp"]))


def authenticate_board_token(token: str | None, secret: str) -> BoardUser:
    if not token:
        raise InvalidToken("missing token")
    user = _decode(token, secret)
    if user.expires_at < time.time():
        raise InvalidToken("expired")
    return user
