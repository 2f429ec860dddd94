"""HMAC tokens for tracking links and unsubscribe URLs."""
import base64
import hashlib
import hmac
import json
from functools import lru_cache


class BadSignature(Exception):
    pass


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    pad = "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode(text + pad)


@lru_cache(maxsize=64)
def _key(secret: str, purpose: str) -> bytes:
    return hashlib.sha256(f"{purpose}:{secret}".encode()).digest()


def sign(payload: dict, secret: str, purpose: str) -> str:
    body = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
    mac = hmac.new(_key(secret, purpose), body.encode(), hashlib.sha256).digest()[:16]
    return f"{body}.{_b64(mac)}"


def unsign(token: str, secret: str, purpose: str) -> dict:
    try:
        body, mac = token.rsplit(".", 1)
    except ValueError as exc:
        raise BadSignature("malformed token") from exc
    expected = hmac.new(_key(secret, purpose), body.encode(), hashlib.sha256).digest()[:16]
    if not hmac.compare_digest(expected, _unb64(mac)):
        raise BadSignature("signature mismatch")
    return json.loads(_unb64(body))
