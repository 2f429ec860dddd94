from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from ..container import Container
from ..deps import current_operator, get_container, require_role
from ..security import Claims

router = APIRouter(prefix="/credentials", tags=["credentials"])


class IssueBody(BaseModel):
    site_id: int
    holder_kind: str = Field(pattern="^(employee|visitor|contractor)$")
    holder_id: int
    badge_number: str = Field(min_length=4, max_length=32)
    pin: str | None = Field(default=None, pattern=r"^\d{4,8}$")
    expires_at: datetime | None = None


class RevokeBody(BaseModel):
    reason: str = Field(min_length=3, max_length=200)


class PinBody(BaseModel):
    pin: str = Field(pattern=r"^\d{4,8}$")


@router.post("", status_code=201)
async def issue(
    body: IssueBody,
    claims: Claims = Depends(require_role("badging")),
    container: Container = Depends(get_container),
) -> dict:
    cred = await container.credentials.issue(
        body.site_id, body.holder_kind, body.holder_id, body.badge_number, body.pin, body.expires_at, claims.subject
    )
    return {"id": cred.id, "badge_number": cred.badge_number, "status": cred.status}


@router.post("/{credential_id}/revoke")
async def revoke(
    credential_id: int,
    body: RevokeBody,
    claims: Claims = Depends(require_role("badging")),
    container: Container = Depends(get_container),
) -> dict:
    cred = await container.credentials.revoke(credential_id, claims.subject, body.reason)
    return {"id": cred.id, "status": "revoked"}


@router.post("/{credential_id}/reinstate")
async def reinstate(
    credential_id: int,
    claims: Claims = Depends(require_role("badging")),
    container: Container = Depends(get_container),
) -> dict:
    cred = await container.credentials.reinstate(credential_id, claims.subject)
    return {"id": cred.id, "status": "active"}


@router.put("/{credential_id}/pin", status_code=204)
async def set_pin(
    credential_id: int,
    body: PinBody,
    claims: Claims = Depends(require_role("badging")),
    container: Container = Depends(get_container),
) -> None:
    await container.credentials.set_pin(credential_id, body.pin, claims.subject)


@router.get("/check", dependencies=[Depends(current_operator)])
async def check(
    badge: str = Query(..., min_length=4), door_id: int = Query(...), container: Container = Depends(get_container)
) -> dict:
    return {"badge": badge, "door_id": door_id, "allowed": await container.credentials.check_access(badge, door_id)}


@router.get("/by-badge/{badge}", dependencies=[Depends(current_operator)])
async def by_badge(badge: str, container: Container = Depends(get_container)) -> dict:
    data = await container.credentials.lookup(badge)
    if data is None:
        return {"error": "credential not found", "badge": badge}
    return data


@router.get("/status/{badge}", dependencies=[Depends(current_operator)])
async def badge_status(badge: str, container: Container = Depends(get_container)) -> dict:
    return {"badge": badge, "status": await container.credentials.badge_status(badge)}
