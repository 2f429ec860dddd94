from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import bcrypt
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from judgehall.errors import Forbidden
from judgehall.settings import get_settings
from judgehall.utils.timeutil import utcnow


def hash_password(password: str) -> str:
    rounds = get_settings().bcrypt_rounds
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=rounds)).decode()


def verify_password(password: str, hashed: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode(), hashed.encode())
    except ValueError:
        return False


@dataclass(slots=True, frozen=True)
class Principal:
    user_id: int
    handle: str
    is_admin: bool = False
    is_jury: bool = False


def issue_token(principal: Principal, secret: str, ttl_seconds: int) -> str:
    now = utcnow()
    payload = {
        "sub": str(principal.user_id),
        "handle": principal.handle,
        "adm": principal.is_admin,
        "jury": principal.is_jury,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(seconds=ttl_seconds)).timestamp()),
    }
    return jwt.encode(payload, secret, algorithm="HS256")


def decode_token(token: str, secret: str) -> Principal:
    try:
        payload = jwt.decode(token, secret, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise Forbidden("invalid token") from exc
    return Principal(
        user_id=int(payload["sub"]),
        handle=payload["handle"],
        is_admin=bool(payload.get("adm")),
        is_jury=bool(payload.get("jury")),
    )


def generate_runner_keypair(bits: int = 4096) -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM,
        serialization.PublicFormat.SubjectPublicKeyInfo,
    )
    return private_pem, public_pem
