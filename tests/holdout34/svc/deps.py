"""FastAPI dependencies."""
from __future__ import annotations

import json
from typing import Any

from fastapi import Depends, Header, HTTPException, Request

from svc.config import settings
from svc.container import Container
from svc.errors import AuthError
from svc.security import AdminSession, decode_access_token


def get_container(request: Request) -> Container:
    return request.app.state.container


async def current_fan(authorization: str = Header(default="")) -> int:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthError("missing bearer token")
    return decode_access_token(token)


def load_feature_flags() -> dict[str, Any]:
    """Flags file is rewritten by the config agent; read per request so changes apply at once."""
    try:
        with open(settings.feature_flags_path, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        return {}


def admin_session(
    x_admin_session: str = Header(default=""),
    container: Container = Depends(get_container),
) -> AdminSession:
    try:
        return container.admin_sessions.resolve(x_admin_session)
    except AuthError as exc:
        raise HTTPException(status_code=401, detail="admin login required") from exc


def client_ip(request: Request) -> str:
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.client.host if request.client else "unknown"
