"""Authentication, share-link secrets and audit logging."""
from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
from dataclasses import dataclass

import jwt

from lexdesk.settings import Settings

audit_log = logging.getLogger("lexdesk.audit")

SHARE_HASH_ITERATIONS = 600_000


class InvalidToken(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: int
    firm_id: int
    name: str
    role: str

    @property
    def is_billing_admin(self) -> bool:
        return self.role in ("partner", "billing_admin")


def decode_token(token: str, settings: Settings) -> Principal:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=[settings.jwt_algorithm])
    except jwt.PyJWTError as exc:
        raise InvalidToken(str(exc)) from exc
    try:
        return Principal(
            user_id=int(claims["sub"]),
            firm_id=int(claims["firm"]),
            name=claims.get("name", ""),
            role=claims.get("role", "staff"),
        )
    except (KeyError, ValueError) as exc:
        raise InvalidToken("malformed claims") from exc


def hash_share_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, SHARE_HASH_ITERATIONS)
    return "pbkdf2$%s$%s" % (base64.b64encode(salt).decode(), base64.b64encode(digest).decode())


def verify_webhook_signature(secret: str, body: bytes, signature: str) -> bool:
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.removeprefix("sha256="))


def audit_event(action: str, principal: Principal, **fields: object) -> None:
    audit_log.info(
        action,
        extra={"actor_id": principal.user_id, "firm_id": principal.firm_id, "audit": fields},
    )
