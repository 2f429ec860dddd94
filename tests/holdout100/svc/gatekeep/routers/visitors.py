from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, EmailStr, Field

from ..container import Container
from ..deps import current_operator, get_container, require_role
from ..security import Claims

router = APIRouter(prefix="/visitors", tags=["visitors"])

POLICY_DIR = Path(__file__).resolve().parent.parent / "static" / "policies"


class PreregisterBody(BaseModel):
    site_id: int
    full_name: str = Field(min_length=2, max_length=200)
    email: EmailStr
    phone: str | None = None
    company: str | None = None
    host_email: EmailStr
    expected_at: datetime


@router.post("", status_code=201)
async def preregister(
    body: PreregisterBody,
    claims: Claims = Depends(require_role("reception")),
    container: Container = Depends(get_container),
) -> dict:
    visitor = await container.visitors.preregister(
        body.site_id,
        body.full_name,
        body.email,
        body.phone,
        body.company,
        body.host_email,
        body.expected_at,
        claims.subject,
    )
    return dict(visitor)


@router.get("/search", dependencies=[Depends(current_operator)])
async def search(
    site_id: int, q: str = Query(..., min_length=2, max_length=80), container: Container = Depends(get_container)
) -> list[dict]:
    return [dict(r) for r in await container.visitors.search(site_id, q)]


@router.get("/history", dependencies=[Depends(current_operator)])
async def history(email: EmailStr, container: Container = Depends(get_container)) -> list[dict]:
    return [dict(r) for r in await container.visitors.history_for_email(email)]


@router.get("/policy/{site_code}", response_class=PlainTextResponse)
def visitor_policy(site_code: str) -> str:
    path = POLICY_DIR / f"{site_code.lower()}.md"
    if not path.is_file():
        raise HTTPException(404, "no visitor policy for this site")
    return path.read_text(encoding="utf-8")


@router.get("/{visitor_id}", dependencies=[Depends(current_operator)])
async def get_visitor(visitor_id: int, container: Container = Depends(get_container)) -> dict:
    visitor = await container.visitor_repo.get(visitor_id)
    if visitor is None:
        raise HTTPException(404, "visitor not found")
    data = dict(visitor)
    if data.get("photo_key"):
        data["photo_url"] = container.photos.url_for(data["photo_key"])
    return data
