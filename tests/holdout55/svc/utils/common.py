"""Small helpers: identifiers, timestamps, webhook signatures and log redaction."""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from datetime import datetime, timezone

MASK = "***"


def new_delivery_id() -> str:
    return uuid.uuid4().hex


def new_runner_token() -> str:
    return secrets.token_urlsafe(32)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def storage_key(org: str, repo: str, build: int, job: int, name: str) -> str:
    safe = name.replace("..", "_").lstrip("/")
    return f"{org}/{repo}/{build}/{job}/{safe}"


def compute_signature(secret: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify_signature(secret: str, body: bytes, header: str | None) -> bool:
    if not header or not secret:
        return False
    expected = compute_signature(secret, body)
    return hmac.compare_digest(expected, header)


class Redactor:
    """Masks secret values out of build log lines before they are stored or streamed."""

    def __init__(self, values: list[str]) -> None:
        usable = sorted({v for v in values if len(v) >= 4}, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(v) for v in usable)) if usable else None

    def redact(self, line: str) -> str:
        if self._pattern is None:
            return line
        return self._pattern.sub(MASK, line)
