"""FastAPI dependencies (services from app state, caller identity) and request-context middleware."""
from __future__ import annotations

import contextvars
import logging
import time
import uuid
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from .config import get_settings
from .services.auth import AuthError, decode_token


def state(request: Request):
    return request.app.state


def current_user(x_user_id: Annotated[int | None, Header()] = None) -> int:
    if x_user_id is None:
        raise HTTPException(status_code=401, detail="missing user")
    return x_user_id


def current_officer(authorization: Annotated[str, Header()] = "") -> dict:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="missing officer token")
    try:
        return decode_token(token, get_settings().officer_jwt_secret)
    except AuthError as exc:
        raise HTTPException(status_code=401, detail=str(exc)) from exc


def require_admin(officer: Annotated[dict, Depends(current_officer)]) -> dict:
    if "admin" not in officer.get("roles", ()):
        raise HTTPException(status_code=403, detail="admin only")
    return officer


UserId = Annotated[int, Depends(current_user)]
OfficerClaims = Annotated[dict, Depends(current_officer)]
AdminClaims = Annotated[dict, Depends(require_admin)]


request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
log = logging.getLogger("parkops.http")


class RequestContextMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        rid = request.headers.get("x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.perf_counter()
        try:
            response = await call_next(request)
        except Exception:
            log.exception("unhandled error on %s %s [%s]", request.method, request.url.path, rid)
            raise
        finally:
            request_id_var.reset(token)
        response.headers["x-request-id"] = rid
        log.info(
            "%s %s -> %d in %.1fms [%s]",
            request.method, request.url.path, response.status_code, (time.perf_counter() - started) * 1000, rid,
        )
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True
