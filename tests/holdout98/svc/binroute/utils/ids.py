from __future__ import annotations

import hashlib
import secrets
import uuid


def new_id() -> str:
    return uuid.uuid4().hex


def idempotency_key(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def short_ref() -> str:
    return secrets.token_hex(4).upper()


def compute_route_hash(stop_ids: list[str]) -> str:
    return hashlib.sha1(",".join(stop_ids).encode()).hexdigest()
