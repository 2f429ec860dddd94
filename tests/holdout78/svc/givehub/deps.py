from __future__ import annotations

import base64
import hashlib
import hmac
import time

from fastapi import Depends, Header, HTTPException, Request

from .container import Container
from .db.models import Donor

TOKEN_TTL_SECONDS = 12 * 3600


def _sign(secret: str, payload: str) -> str:
    mac = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def issue_token(secret: str, subject: str, role: str = "donor") -> str:
    payload = f"{role}:{subject}:{int(time.time())}"
    return f"{payload}.{_sign(secret, payload)}"


def verify_token(secret: str, token: str, role: str = "donor") -> str | None:
    payload, _, signature = token.rpartition(".")
    if not payload or not hmac.compare_digest(_sign(secret, payload), signature):
        return None
    try:
        token_role, subject, issued = payload.split(":", 2)
        issued_at = int(issued)
    except ValueError:
        return None
    if token_role != role or time.time() - issued_at > TOKEN_TTL_SECONDS:
        return None
    return subject


def get_container(request: Request) -> Container:
    return request.app.state.container


async def current_donor(
    authorization: str = Header(default=""), container: Container = Depends(get_container)
) -> Donor:
    scheme, _, token = authorization.partition(" ")
    donor_id = verify_token(container.settings.session_secret, token) if scheme.lower() == "bearer" else None
    if donor_id is None:
        raise HTTPException(status_code=401, detail="not authenticated")
    donor = await container.donors.get(int(donor_id))
    if donor is None:
        raise HTTPException(status_code=401, detail="not authenticated")
    return donor


async def require_staff(
    authorization: str = Header(default=""), container: Container = Depends(get_container)
) -> str:
    scheme, _, token = authorization.partition(" ")
    staff = verify_token(container.settings.session_secret, token, role="staff") if scheme.lower() == "bearer" else None
    if staff is None:
        raise HTTPException(status_code=403, detail="staff only")
    return staff


def client_ip(request: Request) -> str | None:
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.client.host if request.client else None
