"""Applicant PII hashing and the append-only audit trail."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone
import hashlib
import hmac
import json
import logging
from typing import Any

from svc.cache import redis_holder
from svc.config import settings

log = logging.getLogger(__name__)

PBKDF2_ROUNDS = 600_000


def hash_ssn(ssn: str) -> str:
    digits = "".join(ch for ch in ssn if ch.isdigit())
    derived = hashlib.pbkdf2_hmac("sha256", digits.encode(), settings.pii_salt.encode(), PBKDF2_ROUNDS)
    return derived.hex()


async def hash_ssn_async(ssn: str) -> str:
    return await asyncio.to_thread(hash_ssn, ssn)


def consent_token(applicant_ref: str, listing_id: int) -> str:
    message = f"{applicant_ref}:{listing_id}".encode()
    return hmac.new(settings.pii_salt.encode(), message, hashlib.sha256).hexdigest()


AUDIT_STREAM = "audit:applications"


async def audit_event(event: str, **fields: Any) -> None:
    if redis_holder.cache is None:
        log.warning("audit event %s dropped: redis not ready", event)
        return
    entry = {"event": event, "at": datetime.now(timezone.utc).isoformat(), "data": json.dumps(fields, default=str)}
    await redis_holder.cache.xadd(AUDIT_STREAM, entry, maxlen=100_000, approximate=True)
