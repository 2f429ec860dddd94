from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from pathlib import Path

from svc.config import get_settings


def _secret_path(partner_id: str) -> Path:
    return Path(get_settings().partner_keys_dir) / f"{partner_id}.key"


async def signature_headers(partner_id: str, body: bytes) -> dict[str, str]:
    secret = _secret_path(partner_id).read_bytes().strip()
    ts = str(int(time.time()))
    mac = hmac.new(secret, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return {"x-sb-timestamp": ts, "x-sb-signature": f"v1={mac}"}


async def inbound_secret(partner_id: str) -> bytes:
    raw = await asyncio.to_thread(_secret_path(partner_id).read_bytes)
    return raw.strip()


def verify_inbound(secret: bytes, timestamp: str, body: bytes, signature: str, tolerance_s: int = 300) -> bool:
    if abs(time.time() - int(timestamp)) > tolerance_s:
        return False
    expected = hmac.new(secret, timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"v1={expected}", signature)
