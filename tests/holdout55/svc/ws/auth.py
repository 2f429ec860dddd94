"""Browser session tokens for the websocket and SSE endpoints."""
from __future__ import annotations

import hashlib
import hmac
import time

from svc.config import get_settings


def sign_viewer_token(user: str, org_id: int, ttl: int = 3600) -> str:
    expires = int(time.time()) + ttl
    msg = f"{user}:{org_id}:{expires}"
    sig = hmac.new(get_settings().webhook_secret.encode(), msg.encode(), hashlib.sha256).hexdigest()
    return f"{msg}:{sig}"


def verify_viewer_token(token: str | None) -> tuple[str, int] | None:
    if not token:
        return None
    try:
        user, org_id, expires, sig = token.rsplit(":", 3)
        expires_at = int(expires)
        org = int(org_id)
    except ValueError:
        return None
    msg = f"{user}:{org_id}:{expires}"
    expected = hmac.new(get_settings().webhook_secret.encode(), msg.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, sig) or expires_at < time.time():
        return None
    return user, org
